// CloudWatch metrics in the local cloud and the metric filters of CloudWatch Logs that publish them: values by
// number, JSON selector or space-delimited field, units, dimensions, default values; the statistics
// GetMetricStatistics and GetMetricData compute; ListMetrics; PutMetricData's checks; persistence across restarts.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { metricHandlers } from '../../../src/localcloud/cloudwatch/metricHandlers';
import { MetricStore } from '../../../src/localcloud/cloudwatch/metricStore';
import { LogStore } from '../../../src/localcloud/logs/logStore';
import { emitFilterMetrics } from '../../../src/localcloud/logs/metricFilterEmission';
import type { MetricFilter } from '../../../src/localcloud/models/generated/logs';
import type { RequestContext } from '../../../src/localcloud/protocol/modelService';
import { RegionalState } from '../../../src/localcloud/regionalState';

const NOW = Date.UTC(2026, 11, 5, 12, 0, 0);
const MINUTE = 60_000;
const context = { region: 'us-east-1', accountId: '123456789012' } as RequestContext;

async function rejectsWith(run: () => unknown, code: string, message: RegExp): Promise<void> {
  await assert.rejects(
    () => Promise.resolve().then(run),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, code, error.message);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('local cloud: CloudWatch metrics, and metric filters publishing them', () => {
  let directory: string;
  let metrics: RegionalState<MetricStore>;
  let handlers: ReturnType<typeof metricHandlers>;
  let logs: LogStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sw-metrics-'));
    metrics = new RegionalState('us-east-1', directory, (_region, folder) => new MetricStore(folder, silentLogger));
    handlers = metricHandlers(metrics, () => NOW);
    logs = new LogStore(join(directory, 'logs'), silentLogger);
    emitFilterMetrics(logs, {
      sink: metrics.get('us-east-1'),
      region: 'us-east-1',
      accountId: '123456789012',
      logger: silentLogger,
    });
  });
  afterEach(() => {
    logs.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const putFilter = (group: string, filter: Omit<MetricFilter, 'logGroupName' | 'creationTime'>) => {
    logs.ensureGroup(group);
    logs.updateSettings(group, (settings) => {
      settings.metricFilters[filter.filterName!] = { ...filter, logGroupName: group, creationTime: NOW };
    });
  };
  const statistics = (metricName: string, dimensions?: Array<{ Name: string; Value: string }>, unit?: string) =>
    handlers.GetMetricStatistics(
      {
        Namespace: 'App',
        MetricName: metricName,
        ...(dimensions ? { Dimensions: dimensions } : {}),
        StartTime: new Date(NOW - 10 * MINUTE),
        EndTime: new Date(NOW + 10 * MINUTE),
        Period: 60,
        Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'],
        ...(unit ? { Unit: unit } : {}),
      },
      context,
    ) as { Label: string; Datapoints: Array<Record<string, unknown>> };

  it('publishes matches with a JSON value, its unit and dimensions; events without the fields publish nothing', () => {
    putFilter('/app', {
      filterName: 'latency',
      filterPattern: '{ $.latency > 0 }',
      metricTransformations: [
        {
          metricNamespace: 'App',
          metricName: 'Latency',
          metricValue: '$.latency',
          unit: 'Milliseconds',
          dimensions: { Route: '$.route' },
        },
      ],
    });
    logs.ensureStream('/app', 's');
    logs.putEvents('/app', 's', [
      { timestamp: NOW, message: JSON.stringify({ latency: 120, route: '/users' }) },
      { timestamp: NOW + 1, message: JSON.stringify({ latency: 80, route: '/users' }) },
      { timestamp: NOW + 2, message: JSON.stringify({ latency: 500, route: '/orders' }) },
      { timestamp: NOW + 3, message: JSON.stringify({ latency: 7 }) },
      { timestamp: NOW + 4, message: 'latency 900 (not JSON)' },
    ]);
    const users = statistics('Latency', [{ Name: 'Route', Value: '/users' }]);
    assert.equal(users.Label, 'Latency');
    assert.deepEqual(users.Datapoints, [
      {
        Timestamp: new Date(NOW),
        Unit: 'Milliseconds',
        SampleCount: 2,
        Sum: 200,
        Average: 100,
        Minimum: 80,
        Maximum: 120,
      },
    ]);
    assert.equal(statistics('Latency', [{ Name: 'Route', Value: '/orders' }]).Datapoints[0]!['Sum'], 500);
    // A metric is its full set of dimensions: none of these was published without one.
    assert.deepEqual(statistics('Latency').Datapoints, []);
    assert.deepEqual(statistics('Latency', [{ Name: 'Route', Value: '/users' }], 'Seconds').Datapoints, []);
    const listed = handlers.ListMetrics({ Namespace: 'App' }, context) as { Metrics: unknown[] };
    assert.deepEqual(listed.Metrics, [
      { Namespace: 'App', MetricName: 'Latency', Dimensions: [{ Name: 'Route', Value: '/orders' }] },
      { Namespace: 'App', MetricName: 'Latency', Dimensions: [{ Name: 'Route', Value: '/users' }] },
    ]);
  });

  it('counts terms with a constant value, reads space-delimited fields, and publishes the default on no match', () => {
    putFilter('/web', {
      filterName: 'errors',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricNamespace: 'App', metricName: 'Errors', metricValue: '1', defaultValue: 0 }],
    });
    putFilter('/web', {
      filterName: 'bytes',
      filterPattern: '[ip, user, status=5*, bytes]',
      metricTransformations: [
        { metricNamespace: 'App', metricName: 'Bytes', metricValue: '$bytes', dimensions: { Status: '$status' } },
      ],
    });
    logs.ensureStream('/web', 's');
    logs.putEvents('/web', 's', [
      { timestamp: NOW, message: '10.0.0.1 alice 200 512' },
      { timestamp: NOW + 1, message: '10.0.0.2 bob 503 2048' },
    ]);
    // No ERROR in the batch: the default value is published once, at the batch's newest time.
    assert.deepEqual(
      statistics('Errors').Datapoints.map((point) => [point['SampleCount'], point['Sum'], point['Unit']]),
      [[1, 0, 'None']],
    );
    logs.putEvents('/web', 's', [
      { timestamp: NOW + MINUTE, message: 'ERROR one' },
      { timestamp: NOW + MINUTE + 1, message: 'ERROR two' },
      { timestamp: NOW + MINUTE + 2, message: 'fine' },
    ]);
    assert.deepEqual(
      statistics('Errors').Datapoints.map((point) => [point['Timestamp'], point['Sum']]),
      [
        [new Date(NOW), 0],
        [new Date(NOW + MINUTE), 2],
      ],
    );
    assert.equal(statistics('Bytes', [{ Name: 'Status', Value: '503' }]).Datapoints[0]!['Sum'], 2048);
    assert.deepEqual(statistics('Bytes', [{ Name: 'Status', Value: '200' }]).Datapoints, []);
  });

  it('answers GetMetricData and percentiles, newest first unless asked, and keeps samples across restarts', async () => {
    await handlers.PutMetricData(
      {
        Namespace: 'App',
        MetricData: [
          { MetricName: 'Duration', Timestamp: new Date(NOW), Values: [10, 20, 30, 40], Counts: [1, 1, 1, 7] },
          { MetricName: 'Duration', Timestamp: new Date(NOW + MINUTE), Value: 5 },
          {
            MetricName: 'Duration',
            Timestamp: new Date(NOW + MINUTE),
            StatisticValues: { SampleCount: 2, Sum: 30, Minimum: 10, Maximum: 20 },
          },
        ],
      },
      context,
    );
    const reopened = new RegionalState(
      'us-east-1',
      directory,
      (_region, folder) => new MetricStore(folder, silentLogger),
    );
    const data = (await metricHandlers(reopened, () => NOW).GetMetricData(
      {
        StartTime: new Date(NOW - MINUTE),
        EndTime: new Date(NOW + 5 * MINUTE),
        MetricDataQueries: [
          { Id: 'sum', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Duration' }, Period: 60, Stat: 'Sum' } },
          { Id: 'p50', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Duration' }, Period: 60, Stat: 'p50' } },
          {
            Id: 'hidden',
            ReturnData: false,
            MetricStat: { Metric: { Namespace: 'App', MetricName: 'Duration' }, Period: 60, Stat: 'Maximum' },
          },
        ],
      },
      context,
    )) as { MetricDataResults: Array<{ Id: string; Timestamps: Date[]; Values: number[]; StatusCode: string }> };
    assert.deepEqual(
      data.MetricDataResults.map(({ Id, Timestamps, Values, StatusCode }) => [Id, Timestamps, Values, StatusCode]),
      [
        ['sum', [new Date(NOW + MINUTE), new Date(NOW)], [35, 340], 'Complete'],
        ['p50', [new Date(NOW + MINUTE), new Date(NOW)], [5, 40], 'Complete'],
      ],
    );
  });

  it("refuses what CloudWatch refuses, with CloudWatch's codes", async () => {
    await rejectsWith(
      () => handlers.PutMetricData({ Namespace: 'AWS/Lambda', MetricData: [{ MetricName: 'M', Value: 1 }] }, context),
      'InvalidParameterValue',
      /^The value AWS\/Lambda for parameter Namespace is invalid\.$/,
    );
    await rejectsWith(
      () =>
        handlers.PutMetricData({ Namespace: 'App', MetricData: [{ MetricName: 'M', Value: 1, Values: [1] }] }, context),
      'InvalidParameterCombination',
      /MetricData\.member\.1\.Value and MetricData\.member\.1\.Values are mutually exclusive/,
    );
    await rejectsWith(
      () =>
        handlers.PutMetricData(
          { Namespace: 'App', MetricData: [{ MetricName: 'M', Values: [1, 2], Counts: [1] }] },
          context,
        ),
      'InvalidParameterCombination',
      /Values and MetricData\.member\.1\.Counts must be of the same size/,
    );
    await rejectsWith(
      () =>
        handlers.PutMetricData(
          {
            Namespace: 'App',
            MetricData: [{ MetricName: 'M', Value: 1, Timestamp: new Date(NOW - 15 * 24 * 3600_000) }],
          },
          context,
        ),
      'InvalidParameterValue',
      /no more than two weeks in the past/,
    );
    const query = {
      Namespace: 'App',
      MetricName: 'M',
      StartTime: new Date(NOW - 3 * 24 * 3600_000),
      EndTime: new Date(NOW),
      Period: 60,
    };
    await rejectsWith(() => handlers.GetMetricStatistics(query, context), 'MissingParameter', /Statistics/);
    await rejectsWith(
      () => handlers.GetMetricStatistics({ ...query, Statistics: ['Sum'] }, context),
      'InvalidParameterCombination',
      /You have requested up to 4,320 datapoints, which exceeds the limit of 1,440/,
    );
    await rejectsWith(
      () => handlers.GetMetricStatistics({ ...query, Period: 45, Statistics: ['Sum'] }, context),
      'InvalidParameterValue',
      /The parameter Period must be a multiple of 60/,
    );
  });
});
