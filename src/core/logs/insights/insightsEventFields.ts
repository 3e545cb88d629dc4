// The fields Logs Insights discovers in a log event: the system fields (@timestamp, @message, @logStream, @log,
// @ingestionTime), the members of a JSON message (nested ones joined with dots, array items by index), and for
// Lambda's START/END/REPORT lines @type, @requestId, @duration, @billedDuration, @initDuration, and @memorySize
// and @maxMemoryUsed in bytes, as AWS discovers them.
import { parseReportLine } from '../reportLine';

/** One event a query reads. */
export interface InsightsEvent {
  timestamp: number;
  ingestionTime: number;
  message: string;
  logStream: string;
  /** The group as AWS writes @log: `<account>:<group name>`. */
  log: string;
}

/** A time value: printed as AWS prints times (`2024-01-02 03:04:05.678`), compared and binned as milliseconds. */
export class InsightsTime {
  constructor(readonly milliseconds: number) {}

  valueOf(): number {
    return this.milliseconds;
  }

  toString(): string {
    return new Date(this.milliseconds).toISOString().replace('T', ' ').replace('Z', '');
  }
}

export type InsightsValue = string | number | boolean | InsightsTime | null | undefined;

/** JSON flattening stops here, as Insights discovers at most 200 fields of an event. */
const MAX_DISCOVERED_FIELDS = 200;
const MEGABYTE = 1_000_000;

/** The fields discovered in an event's message (not the system fields). */
export function discoverMessageFields(message: string): Map<string, InsightsValue> {
  const fields = new Map<string, InsightsValue>();
  if (message.startsWith('REPORT ') || message.startsWith('START ') || message.startsWith('END ')) {
    discoverLambdaFields(message, fields);
    return fields;
  }
  const start = message.indexOf('{');
  if (start < 0 || message.slice(0, start).trim() !== '') return fields;
  let document: unknown;
  try {
    document = JSON.parse(message);
  } catch {
    return fields;
  }
  if (typeof document === 'object' && document !== null) flatten(document, '', fields);
  return fields;
}

function flatten(value: unknown, prefix: string, fields: Map<string, InsightsValue>): void {
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (fields.size >= MAX_DISCOVERED_FIELDS) return;
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (item !== null && typeof item === 'object') flatten(item, name, fields);
    else fields.set(name, item as InsightsValue);
  }
}

function discoverLambdaFields(message: string, fields: Map<string, InsightsValue>): void {
  const type = message.slice(0, message.indexOf(' '));
  fields.set('@type', type);
  const requestId = /RequestId: ([\w-]+)/.exec(message)?.[1];
  if (requestId) fields.set('@requestId', requestId);
  if (type !== 'REPORT') return;
  const report = parseReportLine(message);
  if (!report) return;
  const set = (name: string, value: number | undefined, scale = 1) => {
    if (value !== undefined) fields.set(name, value * scale);
  };
  set('@duration', report.durationMs);
  set('@billedDuration', report.billedDurationMs);
  set('@memorySize', report.memorySizeMb, MEGABYTE);
  set('@maxMemoryUsed', report.maxMemoryUsedMb, MEGABYTE);
  set('@initDuration', report.initDurationMs);
  if (report.xrayTraceId) fields.set('@xrayTraceId', report.xrayTraceId);
}

/** The value of a field of an event: a system field, else a discovered one (computed once per event). */
export class EventFieldReader {
  private discovered: Map<string, InsightsValue> | undefined;

  constructor(readonly event: InsightsEvent) {}

  get(name: string): InsightsValue {
    switch (name) {
      case '@timestamp':
        return new InsightsTime(this.event.timestamp);
      case '@message':
        return this.event.message;
      case '@logStream':
        return this.event.logStream;
      case '@log':
        return this.event.log;
      case '@ingestionTime':
        return new InsightsTime(this.event.ingestionTime);
      default:
        this.discovered ??= discoverMessageFields(this.event.message);
        return this.discovered.get(name);
    }
  }

  /** Every field of the event (GetLogRecord, GetLogGroupFields). */
  all(): Map<string, InsightsValue> {
    this.discovered ??= discoverMessageFields(this.event.message);
    return new Map<string, InsightsValue>([
      ['@timestamp', this.get('@timestamp')],
      ['@message', this.event.message],
      ['@logStream', this.event.logStream],
      ['@log', this.event.log],
      ['@ingestionTime', this.get('@ingestionTime')],
      ...this.discovered,
    ]);
  }
}
