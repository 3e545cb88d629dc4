// The one local runtime (src/core/runtime) the local cloud runs functions on.
import type { Logger } from '../core/logger';
import type { RuntimePool } from '../core/runtime/runtimeTypes';

/** Creates the runtime pool for the local cloud's Invoke, or undefined while none is available. */
export function createRuntimePoolForLocalCloud(_logger: Logger): RuntimePool | undefined {
  return undefined;
}
