// Error stacks from Lambda error payloads, split into lines with the source location each line names, so the
// result view can link them to the editor. Node writes `at fn (/abs/app.js:3:9)` or `file:///...` URLs for ES
// modules; Python writes `File "/abs/app.py", line 3, in fn`.
import { fileURLToPath } from 'node:url';

/** A place in a source file (1-based line and column, as stacks print them). */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/** One line of a stack, with the location it names when it names one. */
export interface StackLine {
  text: string;
  location?: SourceLocation;
}

/** The error a function answered, in either runtime's shape. */
export interface FunctionErrorDetails {
  errorType: string | undefined;
  errorMessage: string | undefined;
  stack: StackLine[];
}

const NODE_FRAME = /(?:\(|\bat\s+|^\s*)((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^():\n]*?):(\d+)(?::(\d+))?\)?\s*$/;
const PYTHON_FRAME = /File "([^"]+)",? line (\d+)/i;

/** Finds the location a stack line names; undefined for frames inside the runtime (`node:internal/...`). */
export function locateStackLine(text: string): SourceLocation | undefined {
  const python = PYTHON_FRAME.exec(text);
  if (python) return { file: python[1]!, line: Number(python[2]) };
  const node = NODE_FRAME.exec(text);
  if (!node) return undefined;
  let file = node[1]!;
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file);
    } catch {
      return undefined;
    }
  }
  const location: SourceLocation = { file, line: Number(node[2]) };
  if (node[3] !== undefined) location.column = Number(node[3]);
  return location;
}

/** Reads an error payload (`trace` for Node, `stackTrace` for Python); undefined when the payload is no error. */
export function parseFunctionError(payload: string): FunctionErrorDetails | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const errorType = typeof record['errorType'] === 'string' ? record['errorType'] : undefined;
  const errorMessage = typeof record['errorMessage'] === 'string' ? record['errorMessage'] : undefined;
  if (errorType === undefined && errorMessage === undefined) return undefined;
  const rawStack = Array.isArray(record['trace'])
    ? record['trace']
    : Array.isArray(record['stackTrace'])
      ? record['stackTrace']
      : [];
  const stack: StackLine[] = [];
  for (const entry of rawStack) {
    if (typeof entry !== 'string') continue;
    // A Python frame is one entry holding the location line and the code line.
    for (const text of entry.replace(/\n+$/, '').split('\n')) {
      const location = locateStackLine(text);
      stack.push(location ? { text, location } : { text });
    }
  }
  return { errorType, errorMessage, stack };
}
