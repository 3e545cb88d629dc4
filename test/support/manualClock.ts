// A clock that moves only when a test says so: sleepers wake in time order as `advance` passes their deadline,
// so a five-minute canary is driven step by step without waiting (and its intermediate states can be looked at).
import type { Clock } from '../../src/localcloud/clock';

interface Sleeper {
  wakeAt: number;
  wake: () => void;
}

export class ManualClock implements Clock {
  private current: number;
  private readonly sleepers: Sleeper[] = [];

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const sleeper: Sleeper = {
        wakeAt: this.current + Math.max(0, milliseconds),
        wake: () => {
          const index = this.sleepers.indexOf(sleeper);
          if (index >= 0) this.sleepers.splice(index, 1);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', sleeper.wake, { once: true });
    });
  }

  /** How many sleeps are waiting. */
  get pending(): number {
    return this.sleepers.length;
  }

  /** Moves time forward, waking each sleeper whose deadline passes (in order, letting each one run on). */
  async advance(milliseconds: number): Promise<void> {
    const target = this.current + milliseconds;
    for (;;) {
      const next = [...this.sleepers].sort((a, b) => a.wakeAt - b.wakeAt)[0];
      if (!next || next.wakeAt > target) break;
      this.current = Math.max(this.current, next.wakeAt);
      next.wake();
      await settle();
    }
    this.current = target;
    await settle();
  }
}

/** Lets promise chains and I/O callbacks that are ready run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise((resolve) => setImmediate(resolve));
}
