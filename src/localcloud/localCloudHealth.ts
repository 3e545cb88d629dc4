// Telling a running local cloud apart from any other program on a port: its health endpoint answers
// `{"status":"ready","services":[...]}`. Used by the extension and the CLI before they start one of their own.
import { get } from 'node:http';

/** The path every local cloud answers on. */
export const LOCAL_CLOUD_HEALTH_PATH = '/_localcloud/health';

/** What a running local cloud reports about itself. */
export interface LocalCloudHealth {
  /** The services it serves (signing names: lambda, logs, s3, cloudformation...). */
  services: string[];
  /** Its process id. */
  pid?: number;
  /** Who started it (`--started-by`, e.g. `npm start`). */
  startedBy?: string;
  /** How much faster than real time CodeDeploy's waits pass (`--time-scale`), when not 1. */
  timeScale?: number;
}

/** The local cloud's health at the endpoint, or undefined when nothing (or something else) answers there. */
export async function probeLocalCloud(endpoint: string, timeoutMs = 1000): Promise<LocalCloudHealth | undefined> {
  // node:http rather than fetch: a terminal command probes once, and loading fetch's undici costs it ~50 ms of CPU.
  const text = await new Promise<string | undefined>((resolve) => {
    const request = get(
      `${endpoint.replace(/\/+$/, '')}${LOCAL_CLOUD_HEALTH_PATH}`,
      { timeout: timeoutMs },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          resolve(undefined);
          return;
        }
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(body));
        response.on('error', () => resolve(undefined));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
  if (text === undefined) return undefined;
  try {
    const body = JSON.parse(text) as {
      status?: unknown;
      services?: unknown;
      pid?: unknown;
      startedBy?: unknown;
      timeScale?: unknown;
    };
    if (body.status !== 'ready') return undefined;
    return {
      services: Array.isArray(body.services) ? body.services.filter((name) => typeof name === 'string') : [],
      ...(typeof body.pid === 'number' ? { pid: body.pid } : {}),
      ...(typeof body.startedBy === 'string' ? { startedBy: body.startedBy } : {}),
      ...(typeof body.timeScale === 'number' ? { timeScale: body.timeScale } : {}),
    };
  } catch {
    return undefined;
  }
}
