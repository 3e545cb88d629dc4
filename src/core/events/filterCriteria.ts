// Event source mapping filters (`FilterCriteria: Filters: [{ Pattern }]`): a generated record should be one the
// mapping lets through. Patterns address record fields; the payload field (SQS `body`, Kinesis `data`, Kafka
// `value`, MQ `data`) is matched as the JSON it holds.
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
import { deepMerge, matchesEventPattern, sampleFromPattern, type EventPattern } from './eventPattern';

/** The sample a filter pattern asks for, split into the payload's part and the record metadata's part. */
export interface FilterSample {
  /** What the payload must contain (merged into the default payload), when the pattern constrains it. */
  payload: Record<string, unknown> | undefined;
  /** Record fields other than the payload. */
  metadata: Record<string, unknown>;
}

/** Reads the first filter's pattern: a JSON string in templates, or an already-decoded object. */
export function firstFilterPattern(filterCriteria: unknown): EventPattern | undefined {
  if (typeof filterCriteria !== 'object' || filterCriteria === null) return undefined;
  const filters = (filterCriteria as { Filters?: unknown }).Filters;
  const first: unknown = Array.isArray(filters)
    ? (filters[0] as { Pattern?: unknown } | undefined)?.Pattern
    : undefined;
  if (typeof first === 'string') {
    try {
      const parsed: unknown = JSON.parse(first);
      return typeof parsed === 'object' && parsed !== null ? (parsed as EventPattern) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof first === 'object' && first !== null ? (first as EventPattern) : undefined;
}

/** Splits a pattern's sample at the payload field. */
export function sampleFilter(pattern: EventPattern | undefined, payloadKey: string): FilterSample {
  if (!pattern) return { payload: undefined, metadata: {} };
  const { [payloadKey]: payload, ...metadata } = sampleFromPattern(pattern);
  const isObject = typeof payload === 'object' && payload !== null && !Array.isArray(payload);
  return { payload: isObject ? (payload as Record<string, unknown>) : undefined, metadata };
}

/** The default payload with the filter's required fields laid over it. */
export function payloadWithFilter(defaults: Record<string, unknown>, sample: FilterSample): Record<string, unknown> {
  return sample.payload ? deepMerge(structuredClone(defaults), sample.payload) : defaults;
}

/** Lays the metadata sample over a record (in place). */
export function applyFilterMetadata(record: object, sample: FilterSample): void {
  deepMerge(record as Record<string, unknown>, structuredClone(sample.metadata));
}

/** Whether a record passes the pattern, with the payload field decoded as the mapping decodes it. */
export function recordPassesFilter(
  pattern: EventPattern,
  record: object,
  payloadKey: string,
  encoding: 'text' | 'base64',
): boolean {
  const view: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  const raw = view[payloadKey];
  if (typeof raw === 'string') {
    const text = encoding === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    try {
      view[payloadKey] = JSON.parse(text) as unknown;
    } catch {
      view[payloadKey] = text;
    }
  }
  return matchesEventPattern(pattern, view);
}
