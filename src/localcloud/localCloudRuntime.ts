// The one local runtime (src/core/runtime, shared with local invoke) that the local cloud runs functions on.
import type { Logger } from '../core/logger';
import { createRuntimePool } from '../core/runtime/runtimePool';
import type { RuntimePool } from '../core/runtime/runtimeTypes';

/** A factory for the local cloud's pool: functions get AWS_ENDPOINT_URL so their SDK calls stay local. */
export function runtimePoolFactory(logger: Logger): (endpoint: string) => RuntimePool {
  return (endpoint) =>
    createRuntimePool({
      logger,
      extraEnvironment: { AWS_ENDPOINT_URL: endpoint, AWS_ENDPOINT_URL_S3: endpoint },
    });
}
