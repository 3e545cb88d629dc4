// CloudWatch metrics on the protocol engine: PutMetricData (Value, Values/Counts, StatisticValues), ListMetrics
// (namespace, name, dimension filters, RecentlyActive), GetMetricStatistics (Statistics and percentile
// ExtendedStatistics by period) and GetMetricData (MetricStat queries; metric math is refused by name). Validation
// messages as CloudWatch words them.
import type { CloudwatchOperations, Datapoint, MetricDatum } from '../models/generated/cloudwatch';
import { AwsError } from '../protocol/awsError';
import type { ServiceProvider } from '../protocol/modelService';
import { decodePageToken, encodePageToken } from '../protocol/pageTokens';
import type { RegionalState } from '../regionalState';
import { isPercentile, isSupportedStatistic, statisticOf } from './metricStatistics';
import { sortedDimensions, type MetricSample, type MetricStore } from './metricStore';

const MAX_DATAPOINTS = 1440;
const LIST_PAGE = 500;
const RECENT_MS = 3 * 3600_000;
/** CloudWatch takes samples up to two weeks old and two hours ahead. */
const OLDEST_MS = 14 * 24 * 3600_000;
const NEWEST_MS = 2 * 3600_000;

type MetricOperations = Pick<
  CloudwatchOperations,
  'PutMetricData' | 'ListMetrics' | 'GetMetricStatistics' | 'GetMetricData'
>;

export function metricHandlers(
  metrics: RegionalState<MetricStore>,
  now: () => number = Date.now,
): Required<ServiceProvider<MetricOperations>> {
  return {
    PutMetricData: (input, context) => {
      if (input.Namespace.startsWith('AWS/')) {
        throw invalidValue(`The value ${input.Namespace} for parameter Namespace is invalid.`);
      }
      const data = input.MetricData ?? [];
      if (data.length === 0 && !input.EntityMetricData?.length) {
        throw new AwsError('MissingParameter', 'The parameter MetricData is required.');
      }
      const samples = data.map((datum, index) => ({
        identity: {
          namespace: input.Namespace,
          metricName: datum.MetricName,
          dimensions: sortedDimensions(datum.Dimensions),
        },
        sample: sampleOf(datum, `MetricData.member.${index + 1}`, now()),
      }));
      const entityData = (input.EntityMetricData ?? []).flatMap((entity) => entity.MetricData ?? []);
      for (const [index, datum] of entityData.entries()) {
        samples.push({
          identity: {
            namespace: input.Namespace,
            metricName: datum.MetricName,
            dimensions: sortedDimensions(datum.Dimensions),
          },
          sample: sampleOf(datum, `EntityMetricData.member.${index + 1}`, now()),
        });
      }
      metrics.get(context.region).put(samples);
    },
    ListMetrics: (input, context) => {
      const recentSince = input.RecentlyActive === 'PT3H' ? now() - RECENT_MS : undefined;
      const matching = metrics
        .get(context.region)
        .metrics()
        .filter(({ identity, lastTimestamp }) => {
          if (input.Namespace !== undefined && identity.namespace !== input.Namespace) return false;
          if (input.MetricName !== undefined && identity.metricName !== input.MetricName) return false;
          if (recentSince !== undefined && lastTimestamp < recentSince) return false;
          return (input.Dimensions ?? []).every((filter) =>
            identity.dimensions.some(
              (d) => d.Name === filter.Name && (filter.Value === undefined || d.Value === filter.Value),
            ),
          );
        })
        .map(({ identity }) => ({
          Namespace: identity.namespace,
          MetricName: identity.metricName,
          Dimensions: identity.dimensions,
        }));
      const { page, nextToken } = pageOf(matching, input.NextToken, LIST_PAGE);
      return { Metrics: page, ...(nextToken ? { NextToken: nextToken } : {}) };
    },
    GetMetricStatistics: (input, context) => {
      const statistics = input.Statistics ?? [];
      const extended = input.ExtendedStatistics ?? [];
      if (statistics.length === 0 && extended.length === 0) {
        throw new AwsError('MissingParameter', 'Must specify either Statistics or ExtendedStatistics.');
      }
      if (statistics.length > 0 && extended.length > 0) {
        throw new AwsError(
          'InvalidParameterCombination',
          'The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.',
        );
      }
      for (const name of extended) {
        if (!isPercentile(name))
          throw invalidValue(`The value ${name} for parameter ExtendedStatistics is not supported.`);
      }
      const range = checkedRange(input.StartTime, input.EndTime, input.Period, 'Period');
      const buckets = metrics
        .get(context.region)
        .periods(
          { namespace: input.Namespace, metricName: input.MetricName, dimensions: sortedDimensions(input.Dimensions) },
          { ...range, ...(input.Unit !== undefined ? { unit: input.Unit } : {}) },
        );
      const datapoints: Datapoint[] = [...buckets.entries()]
        .sort(([left], [right]) => left - right)
        .map(([start, aggregate]) => {
          const point: Datapoint = { Timestamp: new Date(start), Unit: aggregate.unit };
          for (const name of statistics) {
            const value = statisticOf(aggregate, name);
            if (value !== undefined) (point as Record<string, unknown>)[name] = value;
          }
          if (extended.length > 0) {
            point.ExtendedStatistics = Object.fromEntries(
              extended.flatMap((name) => {
                const value = statisticOf(aggregate, name);
                return value === undefined ? [] : [[name, value]];
              }),
            );
          }
          return point;
        });
      return { Label: input.MetricName, Datapoints: datapoints };
    },
    GetMetricData: (input, context) => {
      const store = metrics.get(context.region);
      const ids = new Set<string>();
      const results = input.MetricDataQueries.map((query, index) => {
        if (!/^[a-z][a-zA-Z0-9_]*$/.test(query.Id)) {
          throw validation(`The value ${query.Id} for parameter MetricDataQueries.member.${index + 1}.Id is invalid.`);
        }
        if (ids.has(query.Id))
          throw validation(
            `The value ${query.Id} for parameter MetricDataQueries.member.${index + 1}.Id is not unique.`,
          );
        ids.add(query.Id);
        if (query.Expression !== undefined) {
          throw validation(
            `MetricDataQueries.member.${index + 1}.Expression: metric math is not supported by the local cloud; query each metric with MetricStat.`,
          );
        }
        const stat = query.MetricStat;
        if (!stat) {
          throw validation(
            `Exactly one of MetricStat and Expression must be set for MetricDataQueries.member.${index + 1}.`,
          );
        }
        if (!isSupportedStatistic(stat.Stat)) {
          throw validation(
            `The value ${stat.Stat} for parameter MetricDataQueries.member.${index + 1}.MetricStat.Stat is invalid.`,
          );
        }
        const range = checkedRange(input.StartTime, input.EndTime, query.Period ?? stat.Period, 'Period', false);
        const buckets = store.periods(
          {
            namespace: stat.Metric.Namespace ?? '',
            metricName: stat.Metric.MetricName ?? '',
            dimensions: sortedDimensions(stat.Metric.Dimensions),
          },
          { ...range, ...(stat.Unit !== undefined ? { unit: stat.Unit } : {}) },
        );
        const points = [...buckets.entries()]
          .map(([start, aggregate]) => [start, statisticOf(aggregate, stat.Stat)] as const)
          .filter((point): point is readonly [number, number] => point[1] !== undefined)
          .sort(([left], [right]) => (input.ScanBy === 'TimestampAscending' ? left - right : right - left));
        return {
          returned: query.ReturnData !== false,
          result: {
            Id: query.Id,
            Label: query.Label ?? stat.Metric.MetricName ?? query.Id,
            Timestamps: points.map(([start]) => new Date(start)),
            Values: points.map(([, value]) => value),
            StatusCode: 'Complete',
          },
        };
      });
      return {
        MetricDataResults: results.filter((entry) => entry.returned).map((entry) => entry.result),
        Messages: [],
      };
    },
  };
}

/** A datum as stored, checked as CloudWatch checks it. */
function sampleOf(datum: MetricDatum, path: string, now: number): MetricSample {
  const given = [
    datum.Value !== undefined && 'Value',
    datum.Values !== undefined && 'Values',
    datum.StatisticValues !== undefined && 'StatisticValues',
  ].filter((name): name is string => typeof name === 'string');
  if (given.length > 1) {
    throw new AwsError(
      'InvalidParameterCombination',
      `The parameters ${path}.${given[0]} and ${path}.${given[1]} are mutually exclusive and you have specified both.`,
    );
  }
  if (datum.Counts !== undefined && datum.Values === undefined) {
    throw new AwsError('InvalidParameterCombination', `The parameter ${path}.Counts requires ${path}.Values.`);
  }
  if (datum.Counts !== undefined && datum.Counts.length !== datum.Values!.length) {
    throw new AwsError(
      'InvalidParameterCombination',
      `The parameters ${path}.Values and ${path}.Counts must be of the same size.`,
    );
  }
  const timestamp = datum.Timestamp?.getTime() ?? now;
  if (timestamp < now - OLDEST_MS || timestamp > now + NEWEST_MS) {
    throw invalidValue(
      `The parameter ${path}.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.`,
    );
  }
  const set = datum.StatisticValues;
  const numbers: Array<number | undefined> = [
    datum.Value,
    ...(datum.Values ?? []),
    ...(set ? [set.SampleCount, set.Sum, set.Minimum, set.Maximum] : []),
  ];
  for (const value of numbers) {
    if (value !== undefined && !Number.isFinite(value)) {
      throw invalidValue(`The value ${String(value)} for parameter ${path}.Value is invalid.`);
    }
  }
  const unit = datum.Unit ?? 'None';
  if (datum.StatisticValues) return { timestamp, unit, statistics: datum.StatisticValues };
  if (datum.Values) return { timestamp, unit, values: datum.Values, ...(datum.Counts ? { counts: datum.Counts } : {}) };
  if (datum.Value === undefined) {
    throw new AwsError('MissingParameter', `The parameter ${path}.Value is required.`);
  }
  return { timestamp, unit, values: [datum.Value] };
}

/** The query range in ms, with periods CloudWatch accepts and at most 1,440 of them (GetMetricStatistics). */
function checkedRange(
  startTime: Date,
  endTime: Date,
  period: number,
  name: string,
  limitDatapoints = true,
): { start: number; end: number; periodMs: number } {
  if (!(period === 1 || period === 5 || period === 10 || period === 30 || (period > 0 && period % 60 === 0))) {
    throw invalidValue(`The parameter ${name} must be a multiple of 60.`);
  }
  const periodMs = period * 1000;
  // Start times are rounded down to the second (to the minute for periods of a minute or more), as CloudWatch does.
  const unitMs = period >= 60 ? 60_000 : 1000;
  const start = Math.floor(startTime.getTime() / unitMs) * unitMs;
  const end = endTime.getTime();
  if (end <= start) {
    throw invalidValue('The parameter StartTime must be less than the parameter EndTime.');
  }
  const datapoints = Math.ceil((end - start) / periodMs);
  if (limitDatapoints && datapoints > MAX_DATAPOINTS) {
    throw new AwsError(
      'InvalidParameterCombination',
      `You have requested up to ${datapoints.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  return { start, end, periodMs };
}

function pageOf<T>(items: readonly T[], token: string | undefined, size: number): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (token !== undefined) {
    const cursor = decodePageToken(token, (value): value is { offset: number } =>
      Number.isInteger((value as { offset?: unknown } | null)?.offset),
    );
    if (!cursor || cursor.offset < 0) throw new AwsError('InvalidNextToken', 'The service cannot parse the token.');
    offset = cursor.offset;
  }
  const page = items.slice(offset, offset + size);
  return offset + size < items.length ? { page, nextToken: encodePageToken({ offset: offset + size }) } : { page };
}

function invalidValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

function validation(message: string): AwsError {
  return new AwsError('ValidationError', message);
}
