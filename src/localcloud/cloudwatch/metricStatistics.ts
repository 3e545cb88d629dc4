// The statistics CloudWatch computes over the samples of one period: SampleCount, Sum, Minimum, Maximum, Average
// and percentiles (p50, p99.9). Samples come as single values with counts (Value, Values/Counts) or as statistic
// sets (StatisticValues), which count towards every statistic but percentiles, as on CloudWatch.

/** What one period holds. */
export interface PeriodAggregate {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
  /** Individual values with their counts, for percentiles. */
  values: Array<[value: number, count: number]>;
  /** The unit of the samples (the last one seen when they differ). */
  unit: string;
}

export const BASIC_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
const PERCENTILE = /^p(\d{1,2}(?:\.\d{1,10})?|100(?:\.0+)?)$/;

/** True for the statistics the local cloud computes (GetMetricData's Stat, ExtendedStatistics). */
export function isSupportedStatistic(name: string): boolean {
  return (BASIC_STATISTICS as readonly string[]).includes(name) || PERCENTILE.test(name);
}

/** True for a percentile statistic as ExtendedStatistics takes it (p0.0 to p100). */
export function isPercentile(name: string): boolean {
  return PERCENTILE.test(name);
}

export function emptyAggregate(unit: string): PeriodAggregate {
  return { sampleCount: 0, sum: 0, minimum: Infinity, maximum: -Infinity, values: [], unit };
}

/** Adds values with counts (a Value is one value with count 1). */
export function addValues(aggregate: PeriodAggregate, values: readonly number[], counts: readonly number[]): void {
  values.forEach((value, index) => {
    const count = counts[index] ?? 1;
    if (count <= 0) return;
    aggregate.sampleCount += count;
    aggregate.sum += value * count;
    aggregate.minimum = Math.min(aggregate.minimum, value);
    aggregate.maximum = Math.max(aggregate.maximum, value);
    aggregate.values.push([value, count]);
  });
}

/** Adds a statistic set (pre-aggregated samples). */
export function addStatisticSet(
  aggregate: PeriodAggregate,
  set: { SampleCount: number; Sum: number; Minimum: number; Maximum: number },
): void {
  aggregate.sampleCount += set.SampleCount;
  aggregate.sum += set.Sum;
  aggregate.minimum = Math.min(aggregate.minimum, set.Minimum);
  aggregate.maximum = Math.max(aggregate.maximum, set.Maximum);
}

/** One statistic of a period; undefined when it cannot be computed (a percentile of statistic sets only). */
export function statisticOf(aggregate: PeriodAggregate, statistic: string): number | undefined {
  switch (statistic) {
    case 'SampleCount':
      return aggregate.sampleCount;
    case 'Sum':
      return aggregate.sum;
    case 'Minimum':
      return aggregate.minimum;
    case 'Maximum':
      return aggregate.maximum;
    case 'Average':
      return aggregate.sampleCount > 0 ? aggregate.sum / aggregate.sampleCount : undefined;
  }
  const percentile = PERCENTILE.exec(statistic);
  if (!percentile || aggregate.values.length === 0) return undefined;
  return percentileOf(aggregate.values, Number(percentile[1]));
}

/** The nearest-rank percentile of counted values. */
function percentileOf(counted: ReadonlyArray<[number, number]>, percent: number): number {
  const sorted = [...counted].sort((left, right) => left[0] - right[0]);
  const total = sorted.reduce((sum, [, count]) => sum + count, 0);
  const rank = Math.max(1, Math.ceil((percent / 100) * total));
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return sorted.at(-1)![0];
}
