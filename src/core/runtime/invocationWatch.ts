// The guards around one running invocation: the timeout, the memory cap and the caller's abort signal. Each ends
// the invocation by killing its process (Lambda, too, resets the environment after a timeout or running out of
// memory).
import { randomBytes } from 'node:crypto';
import type { WorkerInstance } from './workerInstance';

/** Why the guards ended an invocation early (`none`: they did not). */
export type WatchEnding = 'none' | 'timeout' | 'outOfMemory' | 'aborted';

/** What the guards watch. */
export interface InvocationWatchOptions {
  /** Epoch milliseconds; undefined disables the timeout (debugging). */
  deadlineMs: number | undefined;
  memoryLimitKb: number;
  signal: AbortSignal | undefined;
  /** Called once when a guard fires; the caller stops the environment. */
  onEnd: (reason: Exclude<WatchEnding, 'none'>) => void;
}

/** Resident memory is sampled this often (Linux /proc): cheap, and fast enough to stop a runaway allocation. */
const MEMORY_SAMPLE_MS = 100;

/** Arms the guards; `stop()` disarms them and says which one fired, if any. */
export function watchInvocation(worker: WorkerInstance, options: InvocationWatchOptions): { stop(): WatchEnding } {
  let ending: WatchEnding = 'none';
  const end = (reason: Exclude<WatchEnding, 'none'>): void => {
    if (ending !== 'none') return;
    ending = reason;
    options.onEnd(reason);
  };
  const timer =
    options.deadlineMs === undefined
      ? undefined
      : setTimeout(() => end('timeout'), Math.max(0, options.deadlineMs - Date.now()));
  const sampler = setInterval(() => {
    const resident = worker.residentMemoryKb();
    if (resident !== undefined && resident > options.memoryLimitKb) end('outOfMemory');
  }, MEMORY_SAMPLE_MS);
  sampler.unref();
  const onAbort = (): void => end('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) end('aborted');
  return {
    stop: () => {
      clearTimeout(timer);
      clearInterval(sampler);
      options.signal?.removeEventListener('abort', onAbort);
      return ending;
    },
  };
}

/** An X-Ray trace header as Lambda passes it in `_X_AMZN_TRACE_ID`. */
export function traceHeader(now = Date.now()): string {
  const epoch = Math.floor(now / 1000).toString(16);
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}
