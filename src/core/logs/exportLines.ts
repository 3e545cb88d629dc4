// The lines a panel shows, written out as text (one event a line, as `sam logs` prints them) or JSON.
import { stripAnsi } from './displayText';
import type { StoredLine } from './logLineStore';

/** Export formats. */
export type ExportFormat = 'text' | 'json';

/** The exported form of one line (JSON export). */
export interface ExportedLine {
  time: string;
  timestamp: number;
  function: string;
  logStream: string;
  requestId?: string;
  level?: string;
  origin: 'cloud' | 'local';
  message: string;
}

/** Text: `<ISO time> <stream> <message>`, messages as logged (escape sequences removed, newlines kept). */
export function exportAsText(lines: Iterable<StoredLine>): string {
  const out: string[] = [];
  for (const line of lines) {
    out.push(`${new Date(line.timestamp).toISOString()} ${line.logStreamName} ${stripAnsi(line.message)}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** JSON: an array with one object per line. */
export function exportAsJson(lines: Iterable<StoredLine>): string {
  const out: string[] = [];
  for (const line of lines) {
    const exported: ExportedLine = {
      time: new Date(line.timestamp).toISOString(),
      timestamp: line.timestamp,
      function: line.source,
      logStream: line.logStreamName,
      ...(line.requestId !== undefined ? { requestId: line.requestId } : {}),
      ...(line.level !== undefined ? { level: line.level } : {}),
      origin: line.origin,
      message: line.message,
    };
    out.push(`  ${JSON.stringify(exported)}`);
  }
  return out.length === 0 ? '[]\n' : `[\n${out.join(',\n')}\n]\n`;
}

export function exportLines(lines: Iterable<StoredLine>, format: ExportFormat): string {
  return format === 'json' ? exportAsJson(lines) : exportAsText(lines);
}
