// Metric filters publishing CloudWatch metrics, through SDK v3 clients against the in-process local cloud: a log
// batch matching a filter becomes datapoints GetMetricStatistics, GetMetricData and ListMetrics answer; a filter
// that matched nothing publishes its default value; PutMetricFilter refuses what AWS refuses.
import { strict as assert } from 'node:assert';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';

describe('local cloud: metric filters publish CloudWatch metrics (SDK v3)', () => {
  let harness: LocalCloudHarness;
  let cloudWatch: CloudWatchClient;
  beforeEach(async () => {
    harness = await startHarness();
    cloudWatch = new CloudWatchClient(clientConfig(harness.cloud.endpoint));
  });
  afterEach(async () => {
    cloudWatch.destroy();
    await harness.stop();
  });

  it('turns matching log events into datapoints, and a filter without matches into its default value', async () => {
    const group = '/orders';
    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 's' }));
    await harness.logs.send(
      new PutMetricFilterCommand({
        logGroupName: group,
        filterName: 'amount',
        filterPattern: '{ $.event = "order" }',
        metricTransformations: [
          {
            metricNamespace: 'Shop',
            metricName: 'OrderAmount',
            metricValue: '$.amount',
            unit: 'Count',
            dimensions: { Currency: '$.currency' },
          },
        ],
      }),
    );
    await harness.logs.send(
      new PutMetricFilterCommand({
        logGroupName: group,
        filterName: 'refunds',
        filterPattern: 'REFUND',
        metricTransformations: [{ metricNamespace: 'Shop', metricName: 'Refunds', metricValue: '1', defaultValue: 0 }],
      }),
    );
    const now = Date.now();
    await harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 's',
        logEvents: [
          { timestamp: now, message: JSON.stringify({ event: 'order', amount: 30, currency: 'EUR' }) },
          { timestamp: now + 1, message: JSON.stringify({ event: 'order', amount: 12, currency: 'EUR' }) },
          { timestamp: now + 2, message: JSON.stringify({ event: 'view' }) },
        ],
      }),
    );
    const listed = await cloudWatch.send(new ListMetricsCommand({ Namespace: 'Shop' }));
    assert.deepEqual(
      listed.Metrics?.map((metric) => [metric.MetricName, metric.Dimensions]),
      [
        ['OrderAmount', [{ Name: 'Currency', Value: 'EUR' }]],
        ['Refunds', []],
      ],
    );
    const range = { StartTime: new Date(now - 3600_000), EndTime: new Date(now + 60_000), Period: 3600 };
    const amount = await cloudWatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Shop',
        MetricName: 'OrderAmount',
        Dimensions: [{ Name: 'Currency', Value: 'EUR' }],
        Statistics: ['Sum', 'SampleCount', 'Maximum'],
        ...range,
      }),
    );
    assert.equal(amount.Label, 'OrderAmount');
    assert.deepEqual(
      amount.Datapoints?.map(({ Sum, SampleCount, Maximum, Unit }) => ({ Sum, SampleCount, Maximum, Unit })),
      [{ Sum: 42, SampleCount: 2, Maximum: 30, Unit: 'Count' }],
    );
    const data = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: range.StartTime,
        EndTime: range.EndTime,
        MetricDataQueries: [
          {
            Id: 'refunds',
            MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'Refunds' }, Period: 3600, Stat: 'SampleCount' },
          },
        ],
      }),
    );
    assert.deepEqual(
      data.MetricDataResults?.map(({ Id, Values, StatusCode }) => ({ Id, Values, StatusCode })),
      [{ Id: 'refunds', Values: [1], StatusCode: 'Complete' }],
    );
  });

  it('refuses a default value beside dimensions, dimensions on a plain-term pattern, and AWS/ namespaces', async () => {
    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: '/bad' }));
    const filter = (filterPattern: string, defaultValue?: number) =>
      harness.logs.send(
        new PutMetricFilterCommand({
          logGroupName: '/bad',
          filterName: 'f',
          filterPattern,
          metricTransformations: [
            {
              metricNamespace: 'N',
              metricName: 'M',
              metricValue: '1',
              dimensions: { Route: '$.route' },
              ...(defaultValue !== undefined ? { defaultValue } : {}),
            },
          ],
        }),
      );
    await assert.rejects(filter('{ $.route = * }', 0), {
      name: 'InvalidParameterException',
      message: 'Invalid metric transformation: dimensions and default value are mutually exclusive properties',
    });
    await assert.rejects(filter('ERROR'), {
      name: 'InvalidParameterException',
      message: 'The specified filter pattern does not support dimensions',
    });
    await assert.rejects(
      cloudWatch.send(
        new PutMetricDataCommand({ Namespace: 'AWS/Lambda', MetricData: [{ MetricName: 'M', Value: 1 }] }),
      ),
      { name: 'InvalidParameterValueException', message: 'The value AWS/Lambda for parameter Namespace is invalid.' },
    );
  });
});
