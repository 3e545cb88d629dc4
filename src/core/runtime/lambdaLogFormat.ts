// The platform lines Lambda writes around each invocation, in CloudWatch's exact text (tab-separated fields).
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
import { randomBytes } from 'node:crypto';
import { parseRuntimeIdentifier } from './runtimeIdentifier';

/** One execution environment's log stream: `YYYY/MM/DD/[<version>]<32 hex>`, dated in UTC. */
export function createLogStreamName(
  version: string,
  now: Date = new Date(),
  hex = randomBytes(16).toString('hex'),
): string {
  const year = now.getUTCFullYear();
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  const day = String(now.getUTCDate()).padStart(2, '0');
  return `${year}/${month}/${day}/[${version}]${hex}`;
}

/** `INIT_START Runtime Version: nodejs:20.v40\tRuntime Version ARN: ...`, written on cold starts only. */
export function initStartLine(runtime: string, region: string): string {
  const parsed = parseRuntimeIdentifier(runtime);
  const label = parsed ? `${parsed.family}:${parsed.version}.v1` : `${runtime}.v1`;
  // The ARN names a runtime build; locally there is none, so a stable placeholder digest stands in.
  const arn = `arn:aws:lambda:${region}::runtime:${'0'.repeat(64)}`;
  return `INIT_START Runtime Version: ${label}\tRuntime Version ARN: ${arn}`;
}

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** The figures a REPORT line carries. */
export interface ReportFigures {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  /** `timeout` or `error` when the environment failed (timeout, crash); omitted on normal completion. */
  status?: 'timeout' | 'error';
  errorType?: string;
}

/** `REPORT RequestId: ...\tDuration: 3.01 ms\tBilled Duration: 4 ms\t...`, with a trailing tab as Lambda writes it. */
export function reportLine(figures: ReportFigures): string {
  const fields = [
    `REPORT RequestId: ${figures.requestId}`,
    `Duration: ${figures.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${figures.billedDurationMs} ms`,
    `Memory Size: ${figures.memorySizeMb} MB`,
    `Max Memory Used: ${figures.maxMemoryUsedMb} MB`,
  ];
  if (figures.initDurationMs !== undefined) fields.push(`Init Duration: ${figures.initDurationMs.toFixed(2)} ms`);
  if (figures.status) fields.push(`Status: ${figures.status}`);
  if (figures.errorType && figures.status === 'error') fields.push(`Error Type: ${figures.errorType}`);
  return `${fields.join('\t')}\t`;
}

/** Lambda bills in 1 ms increments, rounding up (init is not included, as in the REPORT lines of AWS-FACTS). */
export function billedDuration(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

/** The timeout line: `<ISO time> <requestId> Task timed out after 1.00 seconds`. */
export function timeoutLogLine(requestId: string, timeoutSeconds: number, now: Date = new Date()): string {
  return `${now.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/** The payload Lambda answers when an invocation times out. */
export function timeoutPayload(requestId: string, timeoutSeconds: number): string {
  return JSON.stringify({
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  });
}

/** The payload Lambda answers when the runtime process exits during an invocation. */
export function exitErrorPayload(requestId: string, exit: { code: number | null; signal: string | null }): string {
  return JSON.stringify({
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${describeExit(exit)}`,
  });
}

/** Go's wording for process exits, which Lambda's runtime manager prints: `exit status 1`, `signal: killed`. */
export function describeExit(exit: { code: number | null; signal: string | null }): string {
  if (exit.signal) return `signal: ${SIGNAL_WORDS[exit.signal] ?? exit.signal.toLowerCase()}`;
  return `exit status ${exit.code ?? 0}`;
}

const SIGNAL_WORDS: Record<string, string> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted (core dumped)',
  SIGSEGV: 'segmentation fault (core dumped)',
  SIGTERM: 'terminated',
  SIGINT: 'interrupt',
  SIGBUS: 'bus error (core dumped)',
};
