// Lambda's REPORT log line, read back into numbers: deployed invokes only return the log tail, not the figures.
// REPORT RequestId: <id>\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\t...

/** The figures of one REPORT line. */
export interface ReportFigures {
  requestId: string | undefined;
  durationMs: number | undefined;
  billedDurationMs: number | undefined;
  memorySizeMb: number | undefined;
  maxMemoryUsedMb: number | undefined;
  /** Present on cold starts only. */
  initDurationMs: number | undefined;
}

const FIELDS: Record<string, keyof Omit<ReportFigures, 'requestId'>> = {
  Duration: 'durationMs',
  'Billed Duration': 'billedDurationMs',
  'Memory Size': 'memorySizeMb',
  'Max Memory Used': 'maxMemoryUsedMb',
  'Init Duration': 'initDurationMs',
};

/** Parses a REPORT line; undefined when the line is not one. */
export function parseReportLine(message: string): ReportFigures | undefined {
  if (!message.startsWith('REPORT ')) return undefined;
  const figures: ReportFigures = {
    requestId: undefined,
    durationMs: undefined,
    billedDurationMs: undefined,
    memorySizeMb: undefined,
    maxMemoryUsedMb: undefined,
    initDurationMs: undefined,
  };
  for (const part of message.slice('REPORT '.length).split('\t')) {
    const separator = part.indexOf(': ');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 2).trim();
    if (name === 'RequestId') {
      figures.requestId = value;
      continue;
    }
    const field = FIELDS[name];
    const number = Number.parseFloat(value);
    if (field && Number.isFinite(number)) figures[field] = number;
  }
  return figures;
}

/** The last REPORT line among log lines, parsed. */
export function findReport(lines: readonly string[]): ReportFigures | undefined {
  for (let index = lines.length - 1; index >= 0; index--) {
    const figures = parseReportLine(lines[index]!);
    if (figures) return figures;
  }
  return undefined;
}
