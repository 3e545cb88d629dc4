// What a Lambda log line is, read from its text without parsing JSON (cheap enough for 100,000 lines):
// platform lines (START, END, REPORT, INIT_START...), the runtimes' own formats
//   Node:   2026-01-15T12:00:00.000Z\t<requestId>\tINFO\t<message>
//   Python: [INFO]\t2026-01-15T12:00:00.000Z\t<requestId>\t<message>
// JSON lines (Lambda's JSON log format, Powertools) by their level and request id fields, timeouts and the
// runtimes' unhandled-error lines, which mark an invocation failed.

/** Log levels, Lambda's names (Python's WARNING and CRITICAL map to WARN and FATAL). */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/** What kind of line it is. */
export type LineKind = 'app' | 'start' | 'end' | 'report' | 'platform' | 'timeout' | 'unhandledError';

/** The fields of one line. */
export interface LineFields {
  kind: LineKind;
  level: LogLevel | undefined;
  requestId: string | undefined;
  /** Where the message proper starts, after the runtime's time/request/level prefix. */
  bodyStart: number;
  /** The body looks like a JSON object (pretty-printed on expand). */
  json: boolean;
}

const LEVELS: Record<string, LogLevel> = {
  TRACE: 'TRACE',
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARN',
  WARNING: 'WARN',
  ERROR: 'ERROR',
  FATAL: 'FATAL',
  CRITICAL: 'FATAL',
};

/** The levels Node's runtime writes. */
const NODE_LEVELS: Record<string, LogLevel> = {
  TRACE: 'TRACE',
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARN',
  ERROR: 'ERROR',
  FATAL: 'FATAL',
};
const PYTHON_PREFIX = /^\[(DEBUG|INFO|WARNING|ERROR|CRITICAL)\]\t[^\t]*\t([^\t]*)\t/;
const PLATFORM =
  /^(INIT_START|INIT_REPORT|INIT_RUNTIME_DONE|RESTORE_START|RESTORE_REPORT|EXTENSION|TELEMETRY|LOGS|PLATFORM)\b/;
const TIMEOUT = /^\S+ ([0-9a-fA-F-]{8,}) Task timed out after/;
const PYTHON_UNHANDLED = /^\[ERROR\] [A-Za-z_][\w.]*: /;
const JSON_LEVEL = /"(?:level|levelname|log_level|severity|log\.level)"\s*:\s*"([A-Za-z]+)"/;
const JSON_REQUEST_ID = /"(?:requestId|request_id|function_request_id|AWSRequestId|awsRequestId)"\s*:\s*"([^"]+)"/;
const JSON_PLATFORM = /^\{"time":"[^"]*","type":"platform\.(\w+)"/;
/** Only the start of a long JSON line is searched for its fields. */
const JSON_SCAN_CHARS = 4096;

/** Reads the fields of a log message. Called for every line received: no regex on the common paths. */
export function readLineFields(message: string): LineFields {
  const first = message.charCodeAt(0);
  // Platform lines start with capitals; a quick check keeps ordinary lines off the regexes.
  if (first >= 65 && first <= 90) {
    const request = requestLine(message);
    if (request) return request;
    if (PLATFORM.test(message)) {
      return { kind: 'platform', level: undefined, requestId: undefined, bodyStart: 0, json: false };
    }
  }
  if (first >= 48 && first <= 57) {
    const node = nodeLine(message);
    if (node) return node;
    const timeout = TIMEOUT.exec(message);
    if (timeout) return { kind: 'timeout', level: 'ERROR', requestId: timeout[1], bodyStart: 0, json: false };
  }
  if (first === 91 /* [ */) {
    const python = PYTHON_PREFIX.exec(message);
    if (python) return appLine(message, python[0].length, LEVELS[python[1]!], python[2]);
    if (PYTHON_UNHANDLED.test(message) && message.includes('Traceback')) {
      return { kind: 'unhandledError', level: 'ERROR', requestId: undefined, bodyStart: 0, json: false };
    }
  }
  if (first === 123 /* { */) return jsonLine(message, 0);
  return { kind: 'app', level: undefined, requestId: undefined, bodyStart: 0, json: false };
}

const REQUEST_PREFIXES: Array<[string, LineKind]> = [
  ['START RequestId: ', 'start'],
  ['END RequestId: ', 'end'],
  ['REPORT RequestId: ', 'report'],
];

/** `START RequestId: <id> Version: 3`, `END RequestId: <id>`, `REPORT RequestId: <id>\t...`. */
function requestLine(message: string): LineFields | undefined {
  for (const [prefix, kind] of REQUEST_PREFIXES) {
    if (!message.startsWith(prefix)) continue;
    let end = prefix.length;
    while (end < message.length) {
      const code = message.charCodeAt(end);
      if (code === 32 || code === 9 || code === 10 || code === 13) break;
      end++;
    }
    if (end === prefix.length) return undefined;
    return { kind, level: undefined, requestId: message.slice(prefix.length, end), bodyStart: 0, json: false };
  }
  return undefined;
}

/** Node's `2026-01-15T12:00:00.000Z\t<requestId>\t<LEVEL>\t<message>`, read by its tabs. */
function nodeLine(message: string): LineFields | undefined {
  if (message.charCodeAt(4) !== 45 /* - */ || message.charCodeAt(10) !== 84 /* T */) return undefined;
  const timeEnd = message.indexOf('\t');
  if (timeEnd < 19 || timeEnd > 35 || message.charCodeAt(timeEnd - 1) !== 90 /* Z */) return undefined;
  const requestEnd = message.indexOf('\t', timeEnd + 1);
  if (requestEnd < 0) return undefined;
  const levelEnd = message.indexOf('\t', requestEnd + 1);
  if (levelEnd < 0 || levelEnd - requestEnd > 7) return undefined;
  const level = NODE_LEVELS[message.slice(requestEnd + 1, levelEnd)];
  if (!level) return undefined;
  return appLine(message, levelEnd + 1, level, message.slice(timeEnd + 1, requestEnd));
}

function appLine(
  message: string,
  bodyStart: number,
  level: LogLevel | undefined,
  requestId: string | undefined,
): LineFields {
  const id = requestId && requestId !== 'undefined' && requestId !== 'None' ? requestId : undefined;
  if (message.charCodeAt(bodyStart) === 123) {
    const json = jsonLine(message, bodyStart);
    return { ...json, level: level ?? json.level, requestId: id ?? json.requestId };
  }
  // Node's runtime logs unhandled errors as `ERROR\tInvoke Error \t{...}` (or Uncaught Exception).
  const unhandled =
    level === 'ERROR' &&
    /^(Invoke Error|Uncaught Exception|Unhandled Promise Rejection)\b/.test(message.slice(bodyStart, bodyStart + 40));
  return { kind: unhandled ? 'unhandledError' : 'app', level, requestId: id, bodyStart, json: false };
}

function jsonLine(message: string, bodyStart: number): LineFields {
  const head = message.slice(bodyStart, bodyStart + JSON_SCAN_CHARS);
  const platform = bodyStart === 0 ? JSON_PLATFORM.exec(head) : null;
  const requestId = JSON_REQUEST_ID.exec(head)?.[1];
  if (platform) {
    const type = platform[1];
    const kind: LineKind =
      type === 'start' ? 'start' : type === 'report' ? 'report' : type === 'end' ? 'end' : 'platform';
    return { kind, level: undefined, requestId, bodyStart, json: true };
  }
  const levelName = JSON_LEVEL.exec(head)?.[1]?.toUpperCase();
  return {
    kind: 'app',
    level: levelName ? LEVELS[levelName] : undefined,
    requestId,
    bodyStart,
    json: head.trimEnd().length > 1 && message.trimEnd().endsWith('}'),
  };
}

/** A stream's instance, short: `[$LATEST]a1b2c3...` -> `a1b2c3` with its version, for the line's instance column. */
export function streamInstance(logStreamName: string): { version: string | undefined; shortId: string } {
  const match = /\[([^\]]+)\]([0-9a-fA-F]+)$/.exec(logStreamName);
  if (match) return { version: match[1], shortId: match[2]!.slice(0, 6) };
  return { version: undefined, shortId: logStreamName.slice(-6) };
}

/** One of `paletteSize` colours per stream (instance), stable across sessions. */
export function instanceColour(logStreamName: string, paletteSize = 8): number {
  let hash = 2166136261;
  for (let index = 0; index < logStreamName.length; index++) {
    hash ^= logStreamName.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % paletteSize;
}

/** Pretty JSON of a line's body when it is a JSON object (for expanded lines); undefined otherwise. */
export function prettyJson(body: string, maxChars = 1_000_000): string | undefined {
  if (body.length > maxChars) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : undefined;
  } catch {
    return undefined;
  }
}
