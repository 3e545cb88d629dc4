// CloudWatch metrics of one region: the samples PutMetricData (and the metric filters of CloudWatch Logs) published,
// kept in memory by metric and appended to one JSON-lines file, so that nothing acknowledged is lost across restarts.
// A metric is its namespace, name and full set of dimensions (order-insensitive), as on CloudWatch.
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { appendJsonLines, readJsonLines } from '../state/jsonLinesFile';
import { addStatisticSet, addValues, emptyAggregate, type PeriodAggregate } from './metricStatistics';

/** A metric's identity. */
export interface MetricIdentity {
  namespace: string;
  metricName: string;
  /** Sorted by name. */
  dimensions: Array<{ Name: string; Value: string }>;
}

/** One published sample, as stored: single values with counts, or a statistic set. */
export interface MetricSample {
  timestamp: number;
  unit: string;
  values?: number[];
  counts?: number[];
  statistics?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
}

interface StoredSample extends MetricSample {
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: string }>;
}

interface MetricSeries {
  identity: MetricIdentity;
  samples: MetricSample[];
  lastTimestamp: number;
}

/** The samples of a metric by period: bucket start (ms) to aggregate. */
export type PeriodBuckets = Map<number, PeriodAggregate>;

export class MetricStore {
  private readonly series = new Map<string, MetricSeries>();
  private readonly file: string;

  constructor(directory: string, logger: Logger) {
    this.file = join(directory, 'cloudwatch', 'metrics.jsonl');
    const stored = readJsonLines<StoredSample>(this.file, (line, error) =>
      logger.warn(`[localcloud] unreadable metric sample in ${this.file}: ${String(error)} (${line.slice(0, 80)})`),
    );
    for (const sample of stored) this.remember(sample);
  }

  /** Publishes samples of metrics (one PutMetricData call, or what a log batch emitted). */
  put(samples: ReadonlyArray<{ identity: MetricIdentity; sample: MetricSample }>): void {
    const stored: StoredSample[] = samples.map(({ identity, sample }) => ({
      namespace: identity.namespace,
      metricName: identity.metricName,
      dimensions: sortedDimensions(identity.dimensions),
      ...sample,
    }));
    appendJsonLines(this.file, stored);
    for (const sample of stored) this.remember(sample);
  }

  /** Every metric, with the time of its newest sample. */
  metrics(): Array<{ identity: MetricIdentity; lastTimestamp: number }> {
    return [...this.series.values()]
      .map((series) => ({ identity: series.identity, lastTimestamp: series.lastTimestamp }))
      .sort((left, right) => compareKeys(keyOf(left.identity), keyOf(right.identity)));
  }

  /**
   * The samples of one metric in [start, end), grouped into periods of `periodMs` counted from `start`; only those
   * of `unit` when given.
   */
  periods(
    identity: MetricIdentity,
    range: { start: number; end: number; periodMs: number; unit?: string },
  ): PeriodBuckets {
    const buckets: PeriodBuckets = new Map();
    const series = this.series.get(keyOf({ ...identity, dimensions: sortedDimensions(identity.dimensions) }));
    if (!series) return buckets;
    for (const sample of series.samples) {
      if (sample.timestamp < range.start || sample.timestamp >= range.end) continue;
      if (range.unit !== undefined && sample.unit !== range.unit) continue;
      const bucket = range.start + Math.floor((sample.timestamp - range.start) / range.periodMs) * range.periodMs;
      let aggregate = buckets.get(bucket);
      if (!aggregate) {
        aggregate = emptyAggregate(sample.unit);
        buckets.set(bucket, aggregate);
      }
      aggregate.unit = sample.unit;
      if (sample.statistics) addStatisticSet(aggregate, sample.statistics);
      if (sample.values) addValues(aggregate, sample.values, sample.counts ?? []);
    }
    return buckets;
  }

  private remember(sample: StoredSample): void {
    const identity: MetricIdentity = {
      namespace: sample.namespace,
      metricName: sample.metricName,
      dimensions: sample.dimensions,
    };
    const key = keyOf(identity);
    let series = this.series.get(key);
    if (!series) {
      series = { identity, samples: [], lastTimestamp: sample.timestamp };
      this.series.set(key, series);
    }
    series.samples.push({
      timestamp: sample.timestamp,
      unit: sample.unit,
      ...(sample.values ? { values: sample.values } : {}),
      ...(sample.counts ? { counts: sample.counts } : {}),
      ...(sample.statistics ? { statistics: sample.statistics } : {}),
    });
    series.lastTimestamp = Math.max(series.lastTimestamp, sample.timestamp);
  }
}

export function sortedDimensions(dimensions: ReadonlyArray<{ Name: string; Value: string }> | undefined) {
  return [...(dimensions ?? [])]
    .map(({ Name, Value }) => ({ Name, Value }))
    .sort((left, right) => compareKeys(left.Name, right.Name));
}

function keyOf(identity: MetricIdentity): string {
  return JSON.stringify([identity.namespace, identity.metricName, identity.dimensions.map((d) => [d.Name, d.Value])]);
}

function compareKeys(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
