// CloudWatch metrics through boto3 and Debian's aws CLI against the local cloud process: what PutMetricData and a
// CloudWatch Logs metric filter publish is read back by GetMetricStatistics, GetMetricData and ListMetrics with
// CloudWatch's statistics, and CloudWatch's refusals reach both clients with their codes.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/paths';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

describe('fidelity: CloudWatch metrics through boto3 and the aws CLI', () => {
  let cloud: FidelityCloud;
  before(async () => {
    cloud = await startFidelityCloud();
  });
  after(() => cloud.stop());

  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args], {
      env: clientEnvironment(),
    });
    return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
  }

  it('boto3: statistics, metric data, listings, refusals and metric filters', async () => {
    const { stdout } = await run(
      'python3',
      [join(repoRoot, 'test', 'localcloud', 'cloudWatchMetricsScenario.py'), cloud.endpoint],
      { env: clientEnvironment() },
    );
    assert.deepEqual(JSON.parse(stdout), [
      'PutMetricData + GetMetricStatistics',
      'GetMetricData + paginator',
      'ListMetrics',
      'refusals',
      'metric filter publishes from PutLogEvents',
    ]);
  });

  it('aws CLI: put-metric-data, list-metrics, get-metric-statistics and a refused namespace', async () => {
    const now = new Date();
    await aws('cloudwatch', 'put-metric-data', '--namespace', 'Cli', '--metric-name', 'Hits', '--value', '3');
    await aws(
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Cli',
      '--metric-name',
      'Hits',
      '--value',
      '4',
      '--dimensions',
      'Page=home',
      '--unit',
      'Count',
    );
    const listed = (await aws('cloudwatch', 'list-metrics', '--namespace', 'Cli')) as {
      Metrics: { MetricName: string; Dimensions: { Name: string; Value: string }[] }[];
    };
    assert.deepEqual(
      listed.Metrics.map((metric) => metric.Dimensions).sort((a, b) => a.length - b.length),
      [[], [{ Name: 'Page', Value: 'home' }]],
    );
    const statistics = (await aws(
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'Cli',
      '--metric-name',
      'Hits',
      '--dimensions',
      'Name=Page,Value=home',
      '--statistics',
      'Sum',
      'Maximum',
      '--period',
      '60',
      '--start-time',
      new Date(now.getTime() - 600_000).toISOString(),
      '--end-time',
      new Date(now.getTime() + 120_000).toISOString(),
    )) as { Datapoints: { Sum: number; Maximum: number; Unit: string }[] };
    assert.deepEqual(
      statistics.Datapoints.map((point) => [point.Sum, point.Maximum, point.Unit]),
      [[4, 4, 'Count']],
    );
    const refused = await aws(
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'AWS/EC2',
      '--metric-name',
      'X',
      '--value',
      '1',
    ).then(
      () => 'no error',
      (error: { stderr?: string }) => error.stderr ?? '',
    );
    assert.match(refused, /\(InvalidParameterValue\).*AWS\/EC2/);
  });
});
