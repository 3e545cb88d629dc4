// CloudWatch Logs breadth through boto3 and the aws CLI against the local cloud process.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/paths';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

describe('fidelity: CloudWatch Logs breadth', () => {
  let cloud: FidelityCloud;
  before(async () => {
    cloud = await startFidelityCloud();
  });
  after(() => cloud.stop());

  it('boto3: retention, tags, filters, Logs Insights, definitions, destinations, policies, detectors', async () => {
    const { stdout } = await run(
      'python3',
      [join(repoRoot, 'test', 'localcloud', 'logsBreadthScenario.py'), cloud.endpoint],
      {
        env: clientEnvironment(),
      },
    );
    const report = JSON.parse(stdout) as Record<string, unknown> & { errors: Record<string, string> };
    assert.equal(report['sequenceTokenLength'], 56);
    assert.equal(report['retention'], 30);
    assert.match(
      report.errors['badRetention']!,
      /^InvalidParameterException: 1 validation error detected: Value '4' at 'retentionInDays'/,
    );
    assert.deepEqual(report['legacyTags'], { team: 'a', env: 'dev' });
    assert.deepEqual(report['metricFilters'], ['errors']);
    assert.deepEqual(report['testMetricFilter'], [
      { eventNumber: 1, eventMessage: 'x y', extractedValues: { $a: 'x', $b: 'y' } },
    ]);
    assert.match(
      report.errors['subscriptionToMissingFunction']!,
      /^InvalidParameterException: Could not execute the lambda function/,
    );
    assert.equal(report['queryStatus'], 'Complete');
    assert.deepEqual(report['queryRows'], [{ slowest: '12.5', mb: '40' }]);
    assert.deepEqual(report['fieldRows'], [['@ptr', 'user']]);
    assert.match(report.errors['malformedQuery']!, /^MalformedQueryException: /);
    // Where the query went wrong: the `|` after `sort`, characters 16-17.
    assert.deepEqual(report['queryCompileError'], {
      location: { startCharOffset: 16, endCharOffset: 17 },
      message: 'unexpected symbol found | at line 1 and position 17',
    });
    assert.deepEqual(report['definitions'], ['errors']);
    assert.equal(report['definitionDeleted'], true);
    assert.equal(report['destinationArn'], 'arn:aws:logs:us-east-1:123456789012:destination:dest');
    assert.match(report.errors['missingDestination']!, /^ResourceNotFoundException: /);
    assert.equal(report['accountPolicyAccount'], '123456789012');
    assert.deepEqual(report['detectors'], ['d']);
  });

  it('aws CLI: logs start-query / get-query-results, tag-resource, export to S3', async () => {
    const env = clientEnvironment();
    const aws = async (...args: string[]) => {
      const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args], { env });
      return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
    };
    await aws('logs', 'create-log-group', '--log-group-name', '/cli/app');
    await aws('logs', 'create-log-stream', '--log-group-name', '/cli/app', '--log-stream-name', 's');
    const now = Date.now();
    await aws(
      'logs',
      'put-log-events',
      '--log-group-name',
      '/cli/app',
      '--log-stream-name',
      's',
      '--log-events',
      JSON.stringify([{ timestamp: now - 1000, message: 'user=ann action=login' }]),
    );
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:/cli/app';
    await aws('logs', 'tag-resource', '--resource-arn', arn, '--tags', 'env=dev');
    assert.deepEqual((await aws('logs', 'list-tags-for-resource', '--resource-arn', arn))['tags'], { env: 'dev' });
    const seconds = Math.floor(now / 1000);
    const started = await aws(
      'logs',
      'start-query',
      '--log-group-name',
      '/cli/app',
      '--start-time',
      String(seconds - 60),
      '--end-time',
      String(seconds + 60),
      '--query-string',
      'parse @message "user=* action=*" as who, what | display who, what',
    );
    const results = await aws('logs', 'get-query-results', '--query-id', started['queryId'] as string);
    const rows = results['results'] as { field: string; value: string }[][];
    assert.deepEqual(
      rows.map((row) => row.filter((field) => field.field !== '@ptr')),
      [
        [
          { field: 'who', value: 'ann' },
          { field: 'what', value: 'login' },
        ],
      ],
    );
    await aws('s3api', 'create-bucket', '--bucket', 'cli-exports');
    const task = await aws(
      'logs',
      'create-export-task',
      '--log-group-name',
      '/cli/app',
      '--from',
      '0',
      '--to',
      String(now),
      '--destination',
      'cli-exports',
    );
    // The task runs after create-export-task answers (PENDING -> RUNNING -> COMPLETED): wait for it as on AWS.
    const taskId = task['taskId'] as string;
    for (;;) {
      const described = await aws('logs', 'describe-export-tasks', '--task-id', taskId);
      const status = (described['exportTasks'] as { status: { code: string } }[])[0]!.status.code;
      if (status === 'COMPLETED') break;
      assert.ok(['PENDING', 'RUNNING'].includes(status), status);
    }
    const objects = await aws('s3api', 'list-objects-v2', '--bucket', 'cli-exports');
    const keys = (objects['Contents'] as { Key: string }[]).map((object) => object.Key).sort();
    // Both sorted: the task id is a random UUID, so its place among the keys varies. Without a prefix, the
    // permission check object is at the bucket's root.
    assert.deepEqual(keys, [`exportedlogs/${taskId}/s/000000.gz`, 'aws-logs-write-test'].sort());
  });
});
