// Metric filters at work: each batch of events a log group stores is run through the group's metric filters, and
// the matches publish CloudWatch metrics as CloudWatch Logs does: the transformation's metricValue (a number, a
// JSON selector `$.latency` or a space-delimited field `$size`) at the event's timestamp, with its unit (None by
// default) and dimensions read from the same fields; events whose value is not a number, or that lack a dimension's
// field, publish nothing. A batch with no match publishes the transformation's defaultValue once, when it has one.
import type { Logger } from '../../core/logger';
import { extractFilterValues, filterPatternCache, type FilterPattern } from '../../core/logs/filterPattern';
import { parseSelector } from '../../core/logs/jsonFilterCondition';
import { select } from '../../core/logs/jsonFilterMatcher';
import type { MetricIdentity, MetricSample } from '../cloudwatch/metricStore';
import type { MetricFilter, MetricTransformation } from '../models/generated/logs';
import type { LogEventRecord, LogGroupState, LogStore } from './logStore';

/** Where emitted samples go (the region's CloudWatch metric store). */
export interface MetricSink {
  put(samples: ReadonlyArray<{ identity: MetricIdentity; sample: MetricSample }>): void;
}

/** Publishes the metrics of the store's metric filters as events arrive; returns the unsubscribe function. */
export function emitFilterMetrics(
  store: LogStore,
  options: { sink: MetricSink; region: string; accountId: string; logger: Logger },
): () => void {
  const patternOf = filterPatternCache();
  return store.onEvents((group: LogGroupState, records: LogEventRecord[]) => {
    const samples: Array<{ identity: MetricIdentity; sample: MetricSample }> = [];
    for (const filter of Object.values(group.settings.metricFilters)) {
      try {
        samples.push(...filterSamples(filter, patternOf(filter.filterPattern ?? ''), records, options));
      } catch (error) {
        options.logger.warn(
          `[localcloud] metric filter ${filter.filterName} of ${group.logGroupName} failed: ${String(error)}`,
        );
      }
    }
    if (samples.length > 0) options.sink.put(samples);
  });
}

/** The samples one filter publishes for a batch of events. */
export function filterSamples(
  filter: MetricFilter,
  pattern: FilterPattern,
  records: readonly LogEventRecord[],
  context: { region: string; accountId: string },
): Array<{ identity: MetricIdentity; sample: MetricSample }> {
  const samples: Array<{ identity: MetricIdentity; sample: MetricSample }> = [];
  const transformations = filter.metricTransformations ?? [];
  const matched = new Array<boolean>(transformations.length).fill(false);
  for (const record of records) {
    const fields = extractFilterValues(pattern, record.message);
    if (!fields) continue;
    const reader = fieldReader(record.message, fields);
    transformations.forEach((transformation, index) => {
      matched[index] = true;
      const value = numericValue(transformation.metricValue, reader);
      const dimensions = dimensionsOf(transformation, reader, filter, context);
      if (value === undefined || dimensions === undefined) return;
      samples.push({
        identity: identityOf(transformation, dimensions),
        sample: { timestamp: record.timestamp, unit: transformation.unit ?? 'None', values: [value] },
      });
    });
  }
  const newest = records.reduce((latest, record) => Math.max(latest, record.timestamp), 0);
  transformations.forEach((transformation, index) => {
    if (matched[index] || transformation.defaultValue === undefined || records.length === 0) return;
    const dimensions = dimensionsOf(transformation, () => undefined, filter, context) ?? [];
    samples.push({
      identity: identityOf(transformation, dimensions),
      sample: { timestamp: newest, unit: transformation.unit ?? 'None', values: [transformation.defaultValue] },
    });
  });
  return samples;
}

type FieldReader = (reference: string) => unknown;

/** Reads `$.selector` from the message's JSON and `$name` from the pattern's space-delimited fields. */
function fieldReader(message: string, fields: Record<string, string>): FieldReader {
  let document: unknown;
  let parsed = false;
  return (reference) => {
    if (Object.hasOwn(fields, reference)) return fields[reference];
    const steps = parseSelector(reference);
    if (!steps) return undefined;
    if (!parsed) {
      parsed = true;
      try {
        document = JSON.parse(message);
      } catch {
        document = undefined;
      }
    }
    return select(document, steps);
  };
}

function numericValue(reference: string, read: FieldReader): number | undefined {
  const text = reference.trim();
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  const value = read(text);
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** The dimensions of one event (undefined when a field is missing), plus the system fields the filter asks for. */
function dimensionsOf(
  transformation: MetricTransformation,
  read: FieldReader,
  filter: MetricFilter,
  context: { region: string; accountId: string },
): Array<{ Name: string; Value: string }> | undefined {
  const dimensions: Array<{ Name: string; Value: string }> = [];
  for (const [name, reference] of Object.entries(transformation.dimensions ?? {})) {
    const value = read(reference.trim());
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    dimensions.push({ Name: name, Value: String(value) });
  }
  for (const field of filter.emitSystemFieldDimensions ?? []) {
    if (field === '@aws.account') dimensions.push({ Name: field, Value: context.accountId });
    if (field === '@aws.region') dimensions.push({ Name: field, Value: context.region });
  }
  return dimensions;
}

function identityOf(
  transformation: MetricTransformation,
  dimensions: Array<{ Name: string; Value: string }>,
): MetricIdentity {
  return { namespace: transformation.metricNamespace, metricName: transformation.metricName, dimensions };
}
