// What in a log line can be acted on: stack frames (open the source file) and invocation events logged by
// Powertools' log_event (replay the event locally). Browser-safe: the webview runs it on lines it expands.

/** A stack frame's place, as the line names it (a path on the machine that ran the code). */
export interface FrameReference {
  /** Where in the text the path starts and the location ends, for the link. */
  start: number;
  end: number;
  file: string;
  line: number;
  column?: number;
}

// Node: `at fn (/var/task/app.js:3:9)`, `at /var/task/app.js:3:9`, `file:///var/task/app.mjs:3:9`.
const NODE_FRAME = /((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^\s():"'`]*?\.[A-Za-z0-9]+):(\d+)(?::(\d+))?/g;
// Python: `File "/var/task/app.py", line 3, in handler`.
const PYTHON_FRAME = /File "([^"]+)", line (\d+)/g;

/** Finds the stack frames a text names, in order; frames of the runtimes' own files are left out. */
export function findStackFrames(text: string): FrameReference[] {
  const frames: FrameReference[] = [];
  for (const match of text.matchAll(PYTHON_FRAME)) {
    frames.push({ start: match.index, end: match.index + match[0].length, file: match[1]!, line: Number(match[2]) });
  }
  for (const match of text.matchAll(NODE_FRAME)) {
    if (frames.some((frame) => match.index >= frame.start && match.index < frame.end)) continue;
    let file = match[1]!;
    if (file.startsWith('file://')) file = decodeFileUrl(file);
    frames.push({
      start: match.index,
      end: match.index + match[0].length,
      file,
      line: Number(match[2]),
      ...(match[3] !== undefined ? { column: Number(match[3]) } : {}),
    });
  }
  return frames
    .filter((frame) => !isRuntimeFile(frame.file) && frame.line > 0)
    .sort((left, right) => left.start - right.start);
}

function decodeFileUrl(url: string): string {
  const path = url.slice('file://'.length);
  try {
    return decodeURIComponent(path.replace(/^\/([A-Za-z]:)/, '$1'));
  } catch {
    return path;
  }
}

/** Lambda's runtime code (`/var/runtime`), Node's internals and the local runtime's bootstraps are not the user's. */
function isRuntimeFile(file: string): boolean {
  return (
    file.startsWith('/var/runtime/') ||
    file.startsWith('node:') ||
    /[\\/]runtime-bootstrap[\\/]/.test(file) ||
    /[\\/](?:nodeBootstrap\.cjs|pythonBootstrap\.py)$/.test(file)
  );
}

/**
 * The invocation event a Powertools logger wrote with log_event: TypeScript puts it under `event` with the message
 * "Lambda invocation event"; Python logs the event itself as the message, with its context keys beside it.
 * Returns the event as JSON text, or undefined when the line holds none.
 */
export function loggedInvocationEvent(body: string): string | undefined {
  if (!body.startsWith('{') || !body.includes('"')) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const fields = record as Record<string, unknown>;
  const isObject = (value: unknown) => typeof value === 'object' && value !== null;
  const message = typeof fields['message'] === 'string' ? fields['message'] : '';
  if (isObject(fields['event']) && /invocation event/i.test(message)) {
    return JSON.stringify(fields['event']);
  }
  const poweredContext = 'function_request_id' in fields || 'cold_start' in fields || 'function_name' in fields;
  if (poweredContext && isObject(fields['message'])) return JSON.stringify(fields['message']);
  return undefined;
}
