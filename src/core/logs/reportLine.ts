// Lambda's REPORT log line, read back into numbers: what developers ask of a log (was it a cold start, how long,
// how much memory, did it fail). Both of Lambda's log formats:
//   text: REPORT RequestId: <id>\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\t
//         Max Memory Used: 36 MB\tInit Duration: 110.10 ms\tStatus: error\tError Type: Runtime.ExitError\t
//   JSON: {"time":"...","type":"platform.report","record":{"requestId":"...","metrics":{"durationMs":3.01,...},
//          "status":"success"}}
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html

/** How an invocation ended, as the REPORT line says (text lines only say so when it was not a success). */
export type InvocationStatus = 'success' | 'error' | 'timeout';

/** The figures of one REPORT line. */
export interface ReportFigures {
  requestId: string | undefined;
  durationMs: number | undefined;
  billedDurationMs: number | undefined;
  memorySizeMb: number | undefined;
  maxMemoryUsedMb: number | undefined;
  /** Present on cold starts only. */
  initDurationMs: number | undefined;
  /** SnapStart restores instead of a cold init. */
  restoreDurationMs?: number;
  billedRestoreDurationMs?: number;
  /** `error` or `timeout` when the line says so; `success` otherwise. */
  status?: InvocationStatus;
  /** E.g. `Runtime.ExitError`, with status `error`. */
  errorType?: string;
  /** X-Ray trace id when tracing is active. */
  xrayTraceId?: string;
}

type NumericField =
  | 'durationMs'
  | 'billedDurationMs'
  | 'memorySizeMb'
  | 'maxMemoryUsedMb'
  | 'initDurationMs'
  | 'restoreDurationMs'
  | 'billedRestoreDurationMs';

const TEXT_FIELDS: Record<string, NumericField> = {
  Duration: 'durationMs',
  'Billed Duration': 'billedDurationMs',
  'Memory Size': 'memorySizeMb',
  'Max Memory Used': 'maxMemoryUsedMb',
  'Init Duration': 'initDurationMs',
  'Restore Duration': 'restoreDurationMs',
  'Billed Restore Duration': 'billedRestoreDurationMs',
};

const JSON_METRICS: Record<string, NumericField> = {
  durationMs: 'durationMs',
  billedDurationMs: 'billedDurationMs',
  memorySizeMB: 'memorySizeMb',
  maxMemoryUsedMB: 'maxMemoryUsedMb',
  initDurationMs: 'initDurationMs',
  restoreDurationMs: 'restoreDurationMs',
  billedRestoreDurationMs: 'billedRestoreDurationMs',
};

function emptyFigures(): ReportFigures {
  return {
    requestId: undefined,
    durationMs: undefined,
    billedDurationMs: undefined,
    memorySizeMb: undefined,
    maxMemoryUsedMb: undefined,
    initDurationMs: undefined,
  };
}

/** Parses a REPORT line in either format; undefined when the line is not one. */
export function parseReportLine(message: string): ReportFigures | undefined {
  if (message.startsWith('REPORT ')) return parseTextReport(message);
  if (message.startsWith('{') && message.includes('"platform.report"')) return parseJsonReport(message);
  return undefined;
}

const TEXT_FIELD_NAMES =
  /(?:^|\s)(Billed Restore Duration|Restore Duration|Billed Duration|Init Duration|Max Memory Used|Memory Size|Duration|RequestId|Status|Error Type|XRAY TraceId|SegmentId|Sampled): /g;

function parseTextReport(message: string): ReportFigures {
  const figures = emptyFigures();
  figures.status = 'success';
  const body = message.slice('REPORT '.length);
  // Lambda separates fields with tabs (the fast path); copies pasted from consoles use spaces: then a value runs up
  // to the next known field name.
  const fields: Array<[string, string]> = body.includes('\t') ? tabFields(body) : spacedFields(body);
  for (const [name, value] of fields) {
    if (name === 'RequestId') figures.requestId = value;
    else if (name === 'Status') figures.status = statusOf(value);
    else if (name === 'Error Type') figures.errorType = value;
    else if (name === 'XRAY TraceId') figures.xrayTraceId = value.split(' ')[0];
    else {
      const field = TEXT_FIELDS[name];
      const number = Number.parseFloat(value);
      if (field && Number.isFinite(number)) figures[field] = number;
    }
  }
  return figures;
}

function tabFields(body: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const part of body.split('\t')) {
    const separator = part.indexOf(': ');
    if (separator > 0) fields.push([part.slice(0, separator).trim(), part.slice(separator + 2).trim()]);
  }
  return fields;
}

function spacedFields(body: string): Array<[string, string]> {
  const names = [...body.matchAll(TEXT_FIELD_NAMES)];
  return names.map((match, index) => {
    const valueStart = match.index + match[0].length;
    return [match[1]!, body.slice(valueStart, names[index + 1]?.index ?? body.length).trim()];
  });
}

function parseJsonReport(message: string): ReportFigures | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  const document = parsed as { type?: unknown; record?: Record<string, unknown> };
  if (document?.type !== 'platform.report' || typeof document.record !== 'object' || document.record === null) {
    return undefined;
  }
  const record = document.record;
  const figures = emptyFigures();
  if (typeof record['requestId'] === 'string') figures.requestId = record['requestId'];
  const metrics = record['metrics'];
  if (typeof metrics === 'object' && metrics !== null) {
    for (const [name, value] of Object.entries(metrics)) {
      const field = JSON_METRICS[name];
      if (field && typeof value === 'number' && Number.isFinite(value)) figures[field] = value;
    }
  }
  figures.status = typeof record['status'] === 'string' ? statusOf(record['status']) : 'success';
  if (typeof record['errorType'] === 'string') figures.errorType = record['errorType'];
  const tracing = record['tracing'] as { value?: unknown } | undefined;
  if (typeof tracing?.value === 'string')
    figures.xrayTraceId = /Root=([^;]+)/.exec(tracing.value)?.[1] ?? tracing.value;
  return figures;
}

function statusOf(value: string): InvocationStatus {
  const lower = value.toLowerCase();
  if (lower === 'timeout') return 'timeout';
  if (lower === 'success') return 'success';
  // error, failure and any status Lambda adds later count as failures.
  return 'error';
}

/** The last REPORT line among log lines, parsed. */
export function findReport(lines: readonly string[]): ReportFigures | undefined {
  for (let index = lines.length - 1; index >= 0; index--) {
    const figures = parseReportLine(lines[index]!);
    if (figures) return figures;
  }
  return undefined;
}
