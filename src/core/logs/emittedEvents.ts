// Which events a tail has already delivered, so overlapping reads never deliver one twice and never skip one.
// FilterLogEvents events carry an eventId: the exact key. Live tail events carry none, so where the two meet (the
// backfill before a live tail, the catch-up after a reconnect) events are matched by content, counted as a
// multiset: two identical lines written in the same millisecond to the same stream are two events.
import type { TailedLogEvent } from './logEventSource';

interface Remembered {
  timestamp: number;
  id: string | undefined;
  content: string;
}

function contentKey(event: TailedLogEvent): string {
  return `${event.logGroupName}\u0000${event.logStreamName}\u0000${event.timestamp}\u0000${event.message}`;
}

/** The delivered events of the last few seconds (a window kept by `forgetBefore`). */
export class EmittedEvents {
  private readonly ids = new Set<string>();
  /** Delivered from FilterLogEvents, not yet seen again in a live update (which would repeat it without an id). */
  private readonly unpairedFiltered = new Map<string, number>();
  /** Delivered from a live update, not yet seen again in a FilterLogEvents read (which would repeat it with one). */
  private readonly unpairedLive = new Map<string, number>();
  /** Everything remembered, for forgetting by timestamp. */
  private entries: Remembered[] = [];
  private sorted = true;

  /** True (and remembered) when an event read by FilterLogEvents was not delivered yet. */
  admitFiltered(event: TailedLogEvent): boolean {
    if (event.eventId === undefined) return this.admitLive(event);
    if (this.ids.has(event.eventId)) return false;
    this.ids.add(event.eventId);
    const content = contentKey(event);
    this.remember({ timestamp: event.timestamp, id: event.eventId, content });
    // Delivered earlier by a live update: now it is known by its id too.
    if (take(this.unpairedLive, content)) return false;
    increment(this.unpairedFiltered, content);
    return true;
  }

  /** True (and remembered) when a live update's event was not delivered yet. */
  admitLive(event: TailedLogEvent): boolean {
    const content = contentKey(event);
    if (take(this.unpairedFiltered, content)) return false;
    increment(this.unpairedLive, content);
    this.remember({ timestamp: event.timestamp, id: undefined, content });
    return true;
  }

  /**
   * Forgets events older than `timestamp`: reads never start before it again. Every copy of one content has the
   * same timestamp (it is part of the content), so a content is forgotten whole.
   */
  forgetBefore(timestamp: number): void {
    if (!this.sorted) {
      this.entries.sort((left, right) => left.timestamp - right.timestamp);
      this.sorted = true;
    }
    let index = 0;
    while (index < this.entries.length && this.entries[index]!.timestamp < timestamp) {
      const entry = this.entries[index]!;
      if (entry.id !== undefined) this.ids.delete(entry.id);
      this.unpairedFiltered.delete(entry.content);
      this.unpairedLive.delete(entry.content);
      index++;
    }
    if (index > 0) this.entries = this.entries.slice(index);
  }

  /** How many events are remembered (for tests and memory checks). */
  get size(): number {
    return this.entries.length;
  }

  private remember(entry: Remembered): void {
    const last = this.entries[this.entries.length - 1];
    if (last && last.timestamp > entry.timestamp) this.sorted = false;
    this.entries.push(entry);
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Decrements a count; false when there was none. */
function take(counts: Map<string, number>, key: string): boolean {
  const count = counts.get(key);
  if (count === undefined) return false;
  if (count <= 1) counts.delete(key);
  else counts.set(key, count - 1);
  return true;
}
