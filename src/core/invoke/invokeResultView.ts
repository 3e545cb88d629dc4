// Turns an invocation (local, under the debugger, or deployed) into what the result panel shows: pretty JSON,
// formatted figures, and error stacks whose lines point at source locations.
import { parseFunctionError, type SourceLocation } from './stackFrames';
import type { InvokeMode, InvokeResultView, ResultMetric, ResultStackLine } from './invokeResultProtocol';

/** The facts of one run, whatever ran it. */
export interface InvokeRunRecord {
  functionLabel: string;
  /** The template's workspace-relative path. */
  templateLabel: string;
  mode: InvokeMode;
  /** The deployed function's name, for deployed runs. */
  deployedName?: string;
  eventLabel: string;
  eventPayload: string;
  requestId: string;
  payload: string;
  functionError: boolean;
  errorType?: string;
  logLines: readonly string[];
  durationMs?: number;
  billedDurationMs?: number;
  memorySizeMb?: number;
  maxMemoryUsedMb?: number;
  initDurationMs?: number;
  coldStart?: boolean;
  /** Where the function's AWS SDK calls went (local runs), e.g. `local cloud (http://127.0.0.1:4566)`. */
  awsCalls?: string;
  finishedAt: Date;
}

/** How to build the view. */
export interface ResultViewOptions {
  /** True for files of the runtime itself (its bootstrap), whose frames are shown but not linked. */
  isRuntimeFile?: (file: string) => boolean;
}

/** The view and the source locations its stack links point to. */
export interface BuiltResultView {
  view: InvokeResultView;
  locations: SourceLocation[];
}

/** Pretty-prints JSON text; text that is not JSON comes back as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function milliseconds(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(2)} ms`;
}

function metricsOf(record: InvokeRunRecord): ResultMetric[] {
  const metrics: ResultMetric[] = [];
  if (record.durationMs !== undefined) metrics.push({ label: 'Duration', value: milliseconds(record.durationMs) });
  if (record.billedDurationMs !== undefined) {
    metrics.push({ label: 'Billed duration', value: milliseconds(record.billedDurationMs) });
  }
  if (record.maxMemoryUsedMb !== undefined || record.memorySizeMb !== undefined) {
    const used = record.maxMemoryUsedMb === undefined ? '?' : `${record.maxMemoryUsedMb} MB`;
    const size = record.memorySizeMb === undefined ? '?' : `${record.memorySizeMb} MB`;
    metrics.push({ label: 'Memory used / size', value: `${used} / ${size}` });
  }
  const cold = record.coldStart ?? record.initDurationMs !== undefined;
  if (record.coldStart !== undefined || record.initDurationMs !== undefined) {
    metrics.push({
      label: 'Start',
      value:
        cold && record.initDurationMs !== undefined
          ? `Cold (init ${milliseconds(record.initDurationMs)})`
          : cold
            ? 'Cold'
            : 'Warm',
    });
  }
  if (record.awsCalls) metrics.push({ label: 'AWS calls', value: record.awsCalls });
  return metrics;
}

/** Builds the panel's view of a run. */
export function buildInvokeResultView(record: InvokeRunRecord, options: ResultViewOptions = {}): BuiltResultView {
  const locations: SourceLocation[] = [];
  let error: InvokeResultView['error'];
  if (record.functionError) {
    const details = parseFunctionError(record.payload);
    const stack: ResultStackLine[] = (details?.stack ?? []).map((line) => {
      if (!line.location || options.isRuntimeFile?.(line.location.file)) return { text: line.text };
      locations.push(line.location);
      return { text: line.text, link: locations.length - 1 };
    });
    error = {
      type: details?.errorType ?? record.errorType ?? 'Error',
      message: details?.errorMessage ?? record.payload,
      stack,
    };
  }
  const where = record.mode === 'deployed' ? `deployed as ${record.deployedName ?? '?'}` : record.mode;
  const view: InvokeResultView = {
    title: record.functionLabel,
    subtitle: `${record.templateLabel} · ${where}`,
    mode: record.mode,
    eventLabel: record.eventLabel,
    eventText: prettyJson(record.eventPayload),
    requestId: record.requestId,
    succeeded: !record.functionError,
    response: prettyJson(record.payload),
    logs: [...record.logLines],
    metrics: metricsOf(record),
    finishedAt: record.finishedAt.toISOString(),
    canDebug: record.mode !== 'deployed',
  };
  if (error) view.error = error;
  const body = error ? undefined : proxyResponseBody(record.payload);
  if (body !== undefined) view.responseBody = body;
  return { view, locations };
}

/** The body of a `{statusCode, body}` response (API Gateway, function URLs, ALB), readable; else undefined. */
function proxyResponseBody(payload: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('statusCode' in value) || !('body' in value)) return undefined;
  const { body, isBase64Encoded } = value as { body: unknown; isBase64Encoded?: unknown };
  if (typeof body !== 'string' || body === '' || isBase64Encoded === true) return undefined;
  return prettyJson(body);
}
