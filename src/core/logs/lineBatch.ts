// Lines on their way to the webview, packed by column: one array of messages, numbers for the rest, and each stream
// and function name once. Structured cloning 100,000 line objects costs several times more than these arrays.
import type { IncomingLine, LineOrigin } from './logLineStore';

/** A batch of lines as the host posts it. */
export interface LineBatch {
  timestamps: number[];
  messages: string[];
  /** Index into `streams` per line. */
  streamIndexes: number[];
  streams: string[];
  /** Index into `sources` per line. */
  sourceIndexes: number[];
  sources: string[];
  origin: LineOrigin;
}

/** Packs lines of one origin. */
export function packLines(lines: readonly IncomingLine[], origin: LineOrigin): LineBatch {
  const batch: LineBatch = {
    timestamps: [],
    messages: [],
    streamIndexes: [],
    streams: [],
    sourceIndexes: [],
    sources: [],
    origin,
  };
  const streams = new Map<string, number>();
  const sources = new Map<string, number>();
  const indexOf = (table: Map<string, number>, list: string[], value: string) => {
    let index = table.get(value);
    if (index === undefined) {
      index = list.length;
      list.push(value);
      table.set(value, index);
    }
    return index;
  };
  for (const line of lines) {
    batch.timestamps.push(line.timestamp);
    batch.messages.push(line.message);
    batch.streamIndexes.push(indexOf(streams, batch.streams, line.logStreamName));
    batch.sourceIndexes.push(indexOf(sources, batch.sources, line.source));
  }
  return batch;
}

/** The lines of a batch; checks its shape (it crossed a process boundary). */
export function unpackLines(batch: LineBatch): IncomingLine[] {
  const lines: IncomingLine[] = [];
  const count = batch.messages.length;
  for (let index = 0; index < count; index++) {
    const message = batch.messages[index];
    if (typeof message !== 'string') continue;
    lines.push({
      timestamp: batch.timestamps[index] ?? 0,
      logStreamName: batch.streams[batch.streamIndexes[index] ?? -1] ?? '',
      message,
      source: batch.sources[batch.sourceIndexes[index] ?? -1] ?? '',
      origin: batch.origin === 'local' ? 'local' : 'cloud',
    });
  }
  return lines;
}
