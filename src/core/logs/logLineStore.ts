// The log tail panel's data model: every line received, read once into its fields, attributed to its invocation,
// and bounded in memory (the oldest lines are dropped past a line or character cap, and counted). Pure: it runs in
// the webview (bundled for the browser), in unit tests and in benches alike.
import { readLineFields, type LineKind, type LogLevel } from './logLineFields';
import { parseReportLine, type InvocationStatus, type ReportFigures } from './reportLine';

/** Where a line came from: the backend's logs, or a local invoke in this window. */
export type LineOrigin = 'cloud' | 'local';

/** A line as the host sends it. */
export interface IncomingLine {
  timestamp: number;
  logStreamName: string;
  message: string;
  /** The function the line belongs to (its name, or the log group's when unknown). */
  source: string;
  origin: LineOrigin;
}

/** A stored line with its fields. */
export interface StoredLine extends IncomingLine {
  /** Increasing from 0 in arrival order; never reused, so views can refer to lines by it. */
  seq: number;
  kind: LineKind;
  level: LogLevel | undefined;
  /** The line's own request id, else the request its instance was serving (one at a time per instance). */
  requestId: string | undefined;
  bodyStart: number;
  json: boolean;
  report: ReportFigures | undefined;
}

/** The caps: past either, the oldest lines go (down to 90 %, so drops happen in batches). */
export interface StoreLimits {
  maxLines: number;
  maxChars: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxLines: 200_000, maxChars: 64_000_000 };

/** What one append did. */
export interface AppendResult {
  added: StoredLine[];
  /** Lines dropped from the front to stay within the caps. */
  dropped: number;
}

/** The lines of one panel. */
export class LogLineStore {
  private lines: StoredLine[] = [];
  private head = 0;
  private nextSeq = 0;
  private chars = 0;
  private droppedTotal = 0;
  /** The request each instance (stream) is serving between its START and END lines. */
  private readonly serving = new Map<string, string>();
  /** Requests whose lines show an unhandled error or a timeout, when their REPORT line does not say so. */
  private readonly failures = new Map<string, InvocationStatus>();

  constructor(private readonly limits: StoreLimits = DEFAULT_STORE_LIMITS) {}

  append(incoming: readonly IncomingLine[]): AppendResult {
    const added: StoredLine[] = [];
    for (const line of incoming) {
      const stored = this.read(line);
      this.lines.push(stored);
      this.chars += line.message.length;
      added.push(stored);
    }
    return { added, dropped: this.enforceLimits() };
  }

  /** Number of lines held. */
  get size(): number {
    return this.lines.length - this.head;
  }

  /** Lines dropped so far to stay within the caps. */
  get droppedCount(): number {
    return this.droppedTotal;
  }

  /** The seq of the oldest line held (equal to `endSeq` when empty). */
  get firstSeq(): number {
    return this.lines[this.head]?.seq ?? this.nextSeq;
  }

  /** One past the newest line's seq. */
  get endSeq(): number {
    return this.nextSeq;
  }

  /** The line with this seq, if still held. */
  get(seq: number): StoredLine | undefined {
    const index = this.head + (seq - this.firstSeq);
    const line = this.lines[index];
    return line?.seq === seq ? line : undefined;
  }

  /** Every line held, oldest first. */
  *[Symbol.iterator](): IterableIterator<StoredLine> {
    for (let index = this.head; index < this.lines.length; index++) yield this.lines[index]!;
  }

  /** How an invocation ended: its REPORT's status, or what its lines said (unhandled error, timeout). */
  statusOf(line: StoredLine): InvocationStatus {
    const reported = line.report?.status ?? 'success';
    if (reported !== 'success' || line.requestId === undefined) return reported;
    return this.failures.get(line.requestId) ?? 'success';
  }

  clear(): void {
    this.droppedTotal = 0;
    this.lines = [];
    this.head = 0;
    this.chars = 0;
    this.serving.clear();
    this.failures.clear();
  }

  private read(line: IncomingLine): StoredLine {
    const fields = readLineFields(line.message);
    const instance = `${line.source}\u0000${line.logStreamName}`;
    let requestId = fields.requestId;
    if (fields.kind === 'start' && requestId !== undefined) this.serving.set(instance, requestId);
    requestId ??= this.serving.get(instance);
    if (fields.kind === 'end' && this.serving.get(instance) === requestId) this.serving.delete(instance);
    if (requestId !== undefined && (fields.kind === 'unhandledError' || fields.kind === 'timeout')) {
      this.failures.set(requestId, fields.kind === 'timeout' ? 'timeout' : 'error');
    }
    // One literal shape for every line (no spread): 100,000 of them stay compact and fast to create.
    return {
      timestamp: line.timestamp,
      logStreamName: line.logStreamName,
      message: line.message,
      source: line.source,
      origin: line.origin,
      seq: this.nextSeq++,
      kind: fields.kind,
      level: fields.level,
      requestId,
      bodyStart: fields.bodyStart,
      json: fields.json,
      report: fields.kind === 'report' ? parseReportLine(line.message) : undefined,
    };
  }

  private enforceLimits(): number {
    if (this.size <= this.limits.maxLines && this.chars <= this.limits.maxChars) return 0;
    const lineTarget = Math.floor(this.limits.maxLines * 0.9);
    const charTarget = Math.floor(this.limits.maxChars * 0.9);
    let dropped = 0;
    while (this.size > 0 && (this.size > lineTarget || this.chars > charTarget)) {
      this.chars -= this.lines[this.head]!.message.length;
      this.head++;
      dropped++;
    }
    // Compact once the dropped prefix outweighs what is held, so memory follows the caps.
    if (this.head > this.size) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    this.droppedTotal += dropped;
    return dropped;
  }
}
