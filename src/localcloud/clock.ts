// Time as the local cloud's services see it. Injected, so tests (and rehearsals at a faster time scale) control
// it: a deployment that waits five minutes on AWS waits on `clock.sleep`, never on a bare setTimeout.

/** The current time and a way to wait. */
export interface Clock {
  now(): Date;
  /** Resolves after `milliseconds` of this clock's time. */
  sleep(milliseconds: number): Promise<void>;
}

/** Wall-clock time. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};
