// Serves one LocalCloudService on 127.0.0.1 (a free port), for engine tests that need a real client.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../src/core/logger';
import type { LocalCloudService } from '../../src/localcloud/localCloudService';
import { answerWithService, requestHead } from '../../src/localcloud/serviceDispatch';

/** A served service: its endpoint and a close function. */
export interface ServedService {
  endpoint: string;
  close(): Promise<void>;
}

export async function serveService(service: LocalCloudService): Promise<ServedService> {
  const server = createServer((request, response) => {
    void answerWithService(service, request, response, requestHead(request), silentLogger);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      await service.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
