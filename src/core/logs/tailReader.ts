// The reading half of a tail: FilterLogEvents over every page, several groups merged in time order, and the
// bookkeeping that makes overlapping reads safe (what was delivered, the newest timestamp per group).
import { EmittedEvents } from './emittedEvents';
import { LogGroupNotFoundError, type LogEventSource, type TailedLogEvent } from './logEventSource';

/** A log group to tail, with the streams to keep (a version's or an alias's instances) when not all. */
export interface TailedGroup {
  logGroupName: string;
  acceptsStream?: (logStreamName: string) => boolean;
}

/** What a reader shares with the loops that drive it. */
export interface TailReaderOptions {
  source: LogEventSource;
  groups: TailedGroup[];
  startTime: number;
  endTime?: number;
  filterPattern?: string;
  /** How far back each catch-up read reaches before the newest event seen (covers late ingestion). */
  overlapMs: number;
  /** Events delivered before (by an earlier tail of these groups): remembered, never delivered again. */
  alreadyDelivered?: readonly TailedLogEvent[];
  deliver: (events: TailedLogEvent[]) => void;
}

/** Backfill and catch-up reads with exactly-once delivery. */
export class TailReader {
  private readonly emitted = new Map<string, EmittedEvents>();
  /** The newest event timestamp read per group; catch-up reads start `overlapMs` before it. */
  private readonly newest = new Map<string, number>();
  private readonly groupsByName: Map<string, TailedGroup>;

  constructor(private readonly options: TailReaderOptions) {
    this.groupsByName = new Map(options.groups.map((group) => [group.logGroupName, group]));
    for (const group of options.groups) this.emitted.set(group.logGroupName, new EmittedEvents());
    for (const event of options.alreadyDelivered ?? []) {
      const emitted = this.emitted.get(event.logGroupName);
      if (!emitted) continue;
      this.noteNewest(event);
      if (event.eventId !== undefined) emitted.admitFiltered(event);
      else emitted.admitLive(event);
    }
  }

  get groups(): TailedGroup[] {
    return this.options.groups;
  }

  /**
   * Reads the range of every group, merged in timestamp order and delivered page by page (memory stays bounded on
   * long ranges). Resolves with the groups that do not exist.
   */
  async readRange(groupNames: string[], signal: AbortSignal): Promise<string[]> {
    const missing: string[] = [];
    const cursors = groupNames.map((name) => ({ name, pages: this.pages(name, this.options.startTime, signal) }));
    const heads = new Map<string, { events: TailedLogEvent[]; index: number }>();
    const refill = async (cursor: (typeof cursors)[number]) => {
      for (;;) {
        const next = await cursor.pages.next();
        if (next.done) {
          if (next.value === 'missing') missing.push(cursor.name);
          heads.delete(cursor.name);
          return;
        }
        if (next.value.length > 0) {
          heads.set(cursor.name, { events: next.value, index: 0 });
          return;
        }
      }
    };
    await Promise.all(cursors.map(refill));
    let batch: TailedLogEvent[] = [];
    while (heads.size > 0) {
      let oldest: string | undefined;
      let oldestTime = Infinity;
      for (const [name, head] of heads) {
        const time = head.events[head.index]!.timestamp;
        if (time < oldestTime) {
          oldestTime = time;
          oldest = name;
        }
      }
      const head = heads.get(oldest!)!;
      const event = head.events[head.index++]!;
      if (this.admitFiltered(event)) batch.push(event);
      if (head.index >= head.events.length) {
        // Deliver what is ready before waiting for the next page.
        this.flush(batch);
        batch = [];
        await refill(cursors.find((cursor) => cursor.name === oldest)!);
      }
    }
    this.flush(batch);
    return missing;
  }

  /**
   * Reads each group from `overlapMs` before the newest event seen in it (or from `from` when given) up to now,
   * and delivers the events not delivered yet, merged in timestamp order. Resolves with the groups that do not
   * exist.
   */
  async catchUp(groupNames: string[], signal: AbortSignal, from?: (groupName: string) => number): Promise<string[]> {
    const missing: string[] = [];
    const fresh: TailedLogEvent[] = [];
    for (const name of groupNames) {
      const start = from?.(name) ?? this.catchUpStart(name);
      const pages = this.pages(name, start, signal);
      for (;;) {
        const next = await pages.next();
        if (next.done) {
          if (next.value === 'missing') missing.push(name);
          break;
        }
        for (const event of next.value) if (this.admitFiltered(event)) fresh.push(event);
      }
      this.emitted.get(name)?.forgetBefore(this.catchUpStart(name));
    }
    fresh.sort((left, right) => left.timestamp - right.timestamp);
    this.flush(fresh);
    return missing;
  }

  /** Delivers the events of a live update that were not delivered yet (by a read overlapping the session). */
  deliverLive(events: TailedLogEvent[]): void {
    const fresh = events.filter((event) => {
      const group = this.groupsByName.get(event.logGroupName);
      if (!group || (group.acceptsStream && !group.acceptsStream(event.logStreamName))) return false;
      this.noteNewest(event);
      return this.emitted.get(event.logGroupName)!.admitLive(event);
    });
    this.flush(fresh);
    for (const name of new Set(events.map((event) => event.logGroupName))) {
      this.emitted.get(name)?.forgetBefore(this.catchUpStart(name));
    }
  }

  /** Where the next catch-up read of a group starts. */
  catchUpStart(groupName: string): number {
    const newest = this.newest.get(groupName);
    return newest === undefined
      ? this.options.startTime
      : Math.max(this.options.startTime, newest - this.options.overlapMs);
  }

  /** Remembered events across groups (for tests: the window stays bounded). */
  get rememberedEvents(): number {
    let total = 0;
    for (const emitted of this.emitted.values()) total += emitted.size;
    return total;
  }

  private admitFiltered(event: TailedLogEvent): boolean {
    this.noteNewest(event);
    return this.emitted.get(event.logGroupName)!.admitFiltered(event);
  }

  private noteNewest(event: TailedLogEvent): void {
    const newest = this.newest.get(event.logGroupName);
    if (newest === undefined || event.timestamp > newest) this.newest.set(event.logGroupName, event.timestamp);
  }

  private flush(events: TailedLogEvent[]): void {
    if (events.length > 0) this.options.deliver(events);
  }

  /** Every page of one group's read, stream filter applied; returns 'missing' when the group does not exist. */
  private async *pages(
    groupName: string,
    startTime: number,
    signal: AbortSignal,
  ): AsyncGenerator<TailedLogEvent[], 'missing' | 'read'> {
    const group = this.groupsByName.get(groupName);
    let nextToken: string | undefined;
    do {
      let page;
      try {
        page = await this.options.source.filterLogEvents(
          {
            logGroupName: groupName,
            startTime,
            ...(this.options.endTime !== undefined ? { endTime: this.options.endTime } : {}),
            ...(this.options.filterPattern ? { filterPattern: this.options.filterPattern } : {}),
            ...(nextToken !== undefined ? { nextToken } : {}),
          },
          signal,
        );
      } catch (error) {
        if (error instanceof LogGroupNotFoundError) return 'missing';
        throw error;
      }
      const accepts = group?.acceptsStream;
      yield accepts ? page.events.filter((event) => accepts(event.logStreamName)) : page.events;
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return 'read';
  }
}
