// Time as the local cloud's services see it. Injected, so tests (and rehearsals at a faster time scale) control
// it: a deployment that waits five minutes on AWS waits on `clock.sleep`, never on a bare setTimeout.

/** The current time and a way to wait. */
export interface Clock {
  now(): Date;
  /**
   * Resolves after `milliseconds` of this clock's time; an aborted signal resolves it at once (so a stopped
   * deployment leaves no timer behind to keep the process alive).
   */
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
}

/** Wall-clock time. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (milliseconds, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, milliseconds);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * A clock whose waits pass `scale` times faster than `base`'s (a rehearsal of a five-minute canary at scale 300
 * takes one second). `now()` stays `base`'s time: timestamps in answers and stack events remain real ones.
 */
export function scaledClock(base: Clock, scale: number): Clock {
  if (!isTimeScale(scale)) throw new RangeError(`The time scale must be a number from 1 to ${MAX_TIME_SCALE}`);
  if (scale === 1) return base;
  return {
    now: () => base.now(),
    sleep: (milliseconds, signal) => base.sleep(milliseconds / scale, signal),
  };
}

/** The fastest rehearsal: CodeDeploy's one-hour hook timeout passes in 36 ms. */
export const MAX_TIME_SCALE = 100_000;

/** A time scale the local cloud accepts: from 1 (real time) to MAX_TIME_SCALE, fractions allowed. */
export function isTimeScale(value: number): boolean {
  return Number.isFinite(value) && value >= 1 && value <= MAX_TIME_SCALE;
}
