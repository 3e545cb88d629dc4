// The one local runtime (src/core/runtime, shared with local invoke) that the local cloud runs functions on.
import { callsToEndpoint, functionAwsCallEnvironment } from '../core/aws/functionAwsCalls';
import type { Logger } from '../core/logger';
import { createRuntimePool } from '../core/runtime/runtimePool';
import type { RuntimePool } from '../core/runtime/runtimeTypes';

/**
 * A factory for the local cloud's pool: functions get AWS_ENDPOINT_URL so their SDK calls stay local, and
 * placeholder credentials as Lambda gives every function its role's (the host's own keys never reach them, and a
 * function's SDK finds credentials even when the host has none).
 */
export function runtimePoolFactory(logger: Logger): (endpoint: string) => RuntimePool {
  return (endpoint) =>
    createRuntimePool({
      logger,
      extraEnvironment: {
        ...functionAwsCallEnvironment(callsToEndpoint(endpoint, 'local cloud')),
        AWS_ENDPOINT_URL_S3: endpoint,
      },
    });
}
