// CloudWatch Logs breadth through SDK v3 against the in-process local cloud: retention, tags, filters, policies,
// deliveries, export tasks, Logs Insights, and the coverage of the model.
import { strict as assert } from 'node:assert';
import { gunzipSync } from 'node:zlib';
import {
  CreateDeliveryCommand,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeDeliveriesCommand,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  DescribeQueriesCommand,
  DescribeResourcePoliciesCommand,
  DescribeSubscriptionFiltersCommand,
  FilterLogEventsCommand,
  GetLogRecordCommand,
  GetQueryResultsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutDeliveryDestinationCommand,
  PutDeliverySourceCommand,
  PutLogEventsCommand,
  PutLogGroupDeletionProtectionCommand,
  PutMetricFilterCommand,
  PutResourcePolicyCommand,
  PutRetentionPolicyCommand,
  PutSubscriptionFilterCommand,
  StartQueryCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  TestMetricFilterCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { echoZip, startHarness, undeclaredErrorsOf, type LocalCloudHarness } from '../../support/localCloudHarness';
import type { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { silentLogger } from '../../../src/core/logger';
import { LogStore } from '../../../src/localcloud/logs/logStore';
import { createLogsService } from '../../../src/localcloud/logs/logsService';
import { RegionalState } from '../../../src/localcloud/regionalState';

const DAY = 24 * 3600 * 1000;
const ARN = (name: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${name}`;

async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('local cloud: CloudWatch Logs breadth', () => {
  let harness: LocalCloudHarness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    // Every answer these tests provoke is one the Logs model declares for the operation.
    const undeclared = await undeclaredErrorsOf(harness);
    await harness.stop();
    assert.deepEqual(undeclared, []);
  });

  async function group(name: string, messages: { at: number; message: string }[] = [], stream = 's') {
    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: stream }));
    if (messages.length === 0) return undefined;
    return harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: name,
        logStreamName: stream,
        logEvents: messages.map(({ at, message }) => ({ timestamp: at, message })),
      }),
    );
  }

  it('serves every operation of the Logs model (none refused)', () => {
    const service = createLogsService({
      stores: new RegionalState(
        'us-east-1',
        harness.stateDirectory,
        (_region, directory) => new LogStore(directory, silentLogger),
      ),
      region: 'us-east-1',
      accountId: '123456789012',
      liveTailIntervalMs: 1000,
      subscriptionTargets: { functionExists: () => Promise.resolve(false), invoke: () => Promise.resolve() },
    });
    const coverage = service.coverage();
    console.log(
      `      Logs operations: ${coverage.implemented.length} implemented, ${coverage.storedOnly.length} stored only, ${coverage.refused.length} refused`,
    );
    assert.deepEqual(coverage.refused, []);
    assert.ok(coverage.implemented.includes('StartQuery') && coverage.storedOnly.includes('CreateDelivery'));
  });

  it('PutLogEvents answers sequence tokens and which events were too old, expired or too new', async () => {
    const now = Date.now();
    const first = await group('/tokens', [{ at: now - 1000, message: 'a' }]);
    assert.match(first!.nextSequenceToken!, /^\d{56}$/);
    await harness.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/tokens', retentionInDays: 1 }));
    const second = await harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/tokens',
        logStreamName: 's',
        logEvents: [
          { timestamp: now - 20 * DAY, message: 'too old' },
          { timestamp: now - 3 * DAY, message: 'expired' },
          { timestamp: now, message: 'kept' },
          { timestamp: now + 3 * 3600 * 1000, message: 'too new' },
        ],
      }),
    );
    assert.deepEqual(second.rejectedLogEventsInfo, {
      tooOldLogEventEndIndex: 1,
      expiredLogEventEndIndex: 2,
      tooNewLogEventStartIndex: 3,
    });
    assert.notEqual(second.nextSequenceToken, first!.nextSequenceToken);
    const events = await harness.logs.send(new FilterLogEventsCommand({ logGroupName: '/tokens' }));
    assert.deepEqual(
      events.events?.map((event) => event.message),
      ['a', 'kept'],
    );
  });

  it('retention: validated, described, and events past it expire', async () => {
    const now = Date.now();
    // Two batches: one batch may span at most 24 hours.
    await group('/retained', [{ at: now - 10 * DAY, message: 'old' }]);
    await harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/retained',
        logStreamName: 's',
        logEvents: [{ timestamp: now - 1000, message: 'new' }],
      }),
    );
    await rejectsWith(
      harness.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/retained', retentionInDays: 2 })),
      'InvalidParameterException',
      /Member must satisfy enum value set: \[1, 3, 5/,
    );
    await harness.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/retained', retentionInDays: 7 }));
    const described = await harness.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/retained' }));
    assert.equal(described.logGroups?.[0]?.retentionInDays, 7);
    const events = await harness.logs.send(new FilterLogEventsCommand({ logGroupName: '/retained' }));
    assert.deepEqual(
      events.events?.map((event) => event.message),
      ['new'],
    );
  });

  it('tags through TagResource and the legacy TagLogGroup; deletion protection', async () => {
    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: '/tagged', tags: { team: 'a' } }));
    await harness.logs.send(new TagLogGroupCommand({ logGroupName: '/tagged', tags: { env: 'dev' } }));
    await harness.logs.send(new TagResourceCommand({ resourceArn: ARN('/tagged'), tags: { cost: '1' } }));
    await harness.logs.send(new UntagResourceCommand({ resourceArn: ARN('/tagged'), tagKeys: ['team'] }));
    const legacy = await harness.logs.send(new ListTagsLogGroupCommand({ logGroupName: '/tagged' }));
    assert.deepEqual(legacy.tags, { env: 'dev', cost: '1' });
    const tags = await harness.logs.send(new ListTagsForResourceCommand({ resourceArn: ARN('/tagged') }));
    assert.deepEqual(tags.tags, { env: 'dev', cost: '1' });
    await rejectsWith(
      harness.logs.send(new ListTagsForResourceCommand({ resourceArn: ARN('/missing') })),
      'ResourceNotFoundException',
    );
    await harness.logs.send(
      new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier: '/tagged', deletionProtectionEnabled: true }),
    );
    await rejectsWith(harness.logs.send(new DeleteLogGroupCommand({ logGroupName: '/tagged' })), 'ValidationException');
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: '/tagged', logStreamName: 'kept' }));
    await rejectsWith(
      harness.logs.send(new DeleteLogStreamCommand({ logGroupName: '/tagged', logStreamName: 'kept' })),
      'ValidationException',
    );
  });

  it('metric filters: stored, counted, described; TestMetricFilter extracts the named fields', async () => {
    await group('/metrics');
    await harness.logs.send(
      new PutMetricFilterCommand({
        logGroupName: '/metrics',
        filterName: 'errors',
        filterPattern: '[ip, user, status=5*]',
        metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
      }),
    );
    const filters = await harness.logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/metrics' }));
    assert.equal(filters.metricFilters?.[0]?.filterName, 'errors');
    assert.equal(filters.metricFilters?.[0]?.applyOnTransformedLogs, false);
    const groups = await harness.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/metrics' }));
    assert.equal(groups.logGroups?.[0]?.metricFilterCount, 1);
    const test = await harness.logs.send(
      new TestMetricFilterCommand({
        filterPattern: '[ip, user, status=5*]',
        logEventMessages: ['1.2.3.4 ann 500', '1.2.3.4 bob 200'],
      }),
    );
    assert.deepEqual(test.matches, [
      {
        eventNumber: 1,
        eventMessage: '1.2.3.4 ann 500',
        extractedValues: { $ip: '1.2.3.4', $user: 'ann', $status: '500' },
      },
    ]);
    await rejectsWith(
      harness.logs.send(new TestMetricFilterCommand({ filterPattern: '{ $.x = ', logEventMessages: ['x'] })),
      'InvalidParameterException',
    );
  });

  it('subscription filters deliver matching events to a Lambda function as awslogs data', async () => {
    await harness.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'sink',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: echoZip() },
      }),
    );
    await group('/subscribed');
    const sink = 'arn:aws:lambda:us-east-1:123456789012:function:sink';
    await harness.logs.send(
      new PutSubscriptionFilterCommand({
        logGroupName: '/subscribed',
        filterName: 'f1',
        filterPattern: 'ERROR',
        destinationArn: sink,
      }),
    );
    await rejectsWith(
      harness.logs.send(
        new PutSubscriptionFilterCommand({
          logGroupName: '/subscribed',
          filterName: 'f2',
          filterPattern: '',
          destinationArn: 'arn:aws:lambda:us-east-1:123456789012:function:nope',
        }),
      ),
      'InvalidParameterException',
      /Could not execute the lambda function/,
    );
    const described = await harness.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/subscribed' }));
    assert.equal(described.subscriptionFilters?.[0]?.distribution, 'ByLogStream');
    await harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/subscribed',
        logStreamName: 's',
        logEvents: [
          { timestamp: Date.now(), message: 'ERROR one' },
          { timestamp: Date.now(), message: 'fine' },
        ],
      }),
    );
    const pool = harness.pool as FakeRuntimePool;
    for (let attempt = 0; attempt < 100 && pool.invocations.length === 0; attempt++)
      await new Promise((r) => setTimeout(r, 20));
    const event = JSON.parse(pool.invocations[0]!.request.payload) as { awslogs: { data: string } };
    const data = JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString()) as Record<
      string,
      unknown
    >;
    assert.equal(data['messageType'], 'DATA_MESSAGE');
    assert.equal(data['logGroup'], '/subscribed');
    assert.deepEqual(data['subscriptionFilters'], ['f1']);
    assert.deepEqual(
      (data['logEvents'] as { message: string }[]).map((e) => e.message),
      ['ERROR one'],
    );
  });

  it('resource policies and deliveries', async () => {
    const policy = await harness.logs.send(
      new PutResourcePolicyCommand({ policyName: 'p', policyDocument: '{"Version":"2012-10-17","Statement":[]}' }),
    );
    assert.equal(policy.resourcePolicy?.policyScope, 'ACCOUNT');
    const policies = await harness.logs.send(new DescribeResourcePoliciesCommand({}));
    assert.deepEqual(
      policies.resourcePolicies?.map((p) => p.policyName),
      ['p'],
    );
    await rejectsWith(
      harness.logs.send(new PutResourcePolicyCommand({ policyName: 'bad', policyDocument: '{' })),
      'InvalidParameterException',
    );

    await harness.logs.send(
      new PutDeliverySourceCommand({
        name: 'src',
        resourceArn: 'arn:aws:cloudfront::123456789012:distribution/D1',
        logType: 'ACCESS_LOGS',
      }),
    );
    const destination = await harness.logs.send(
      new PutDeliveryDestinationCommand({
        name: 'dst',
        deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::bucket' },
      }),
    );
    assert.equal(destination.deliveryDestination?.deliveryDestinationType, 'S3');
    const delivery = await harness.logs.send(
      new CreateDeliveryCommand({
        deliverySourceName: 'src',
        deliveryDestinationArn: destination.deliveryDestination.arn!,
      }),
    );
    await rejectsWith(
      harness.logs.send(
        new CreateDeliveryCommand({
          deliverySourceName: 'src',
          deliveryDestinationArn: destination.deliveryDestination.arn!,
        }),
      ),
      'ConflictException',
    );
    const deliveries = await harness.logs.send(new DescribeDeliveriesCommand({}));
    assert.deepEqual(
      deliveries.deliveries?.map((d) => d.id),
      [delivery.delivery!.id],
    );
  });

  it('Logs Insights: StartQuery runs over the store, GetQueryResults answers Complete with rows and @ptr', async () => {
    const now = Date.now();
    await group('/app', [
      { at: now - 3000, message: '{"level":"ERROR","ms":30}' },
      { at: now - 2000, message: '{"level":"INFO","ms":10}' },
      { at: now - 1000, message: '{"level":"ERROR","ms":50}' },
    ]);
    const seconds = Math.floor(now / 1000);
    const range = { startTime: seconds - 60, endTime: seconds + 60 };
    const { queryId } = await harness.logs.send(
      new StartQueryCommand({
        logGroupName: '/app',
        ...range,
        queryString: 'filter level = "ERROR" | fields ms | sort ms desc',
      }),
    );
    const results = await harness.logs.send(new GetQueryResultsCommand({ queryId }));
    assert.equal(results.status, 'Complete');
    assert.deepEqual(
      results.results?.map((row) => row.find((f) => f.field === 'ms')?.value),
      ['50', '30'],
    );
    assert.equal(results.statistics?.recordsScanned, 3);
    const pointer = results.results[0]!.find((f) => f.field === '@ptr')!.value!;
    const record = await harness.logs.send(new GetLogRecordCommand({ logRecordPointer: pointer }));
    assert.equal(record.logRecord?.['level'], 'ERROR');
    assert.equal(record.logRecord?.['@logStream'], 's');

    const stats = await harness.logs.send(
      new StartQueryCommand({
        logGroupNames: ['/app'],
        ...range,
        queryString: 'stats count(*) as n, avg(ms) as mean by level | sort level',
      }),
    );
    const statsResults = await harness.logs.send(new GetQueryResultsCommand({ queryId: stats.queryId }));
    assert.deepEqual(
      statsResults.results?.map((row) =>
        Object.fromEntries(row.map((f): [string, string | undefined] => [f.field ?? '', f.value])),
      ),
      [
        { level: 'ERROR', n: '2', mean: '40' },
        { level: 'INFO', n: '1', mean: '10' },
      ],
    );
    const queries = await harness.logs.send(new DescribeQueriesCommand({ logGroupName: '/app' }));
    assert.deepEqual(
      queries.queries?.map((q) => q.queryId),
      [stats.queryId, queryId],
    );
    assert.equal(
      queries.queries?.[1]?.queryString,
      `SOURCE "/app" START=${range.startTime}000 END=${range.endTime}999 | filter level = "ERROR" | fields ms | sort ms desc`,
    );

    await rejectsWith(
      harness.logs.send(
        new StartQueryCommand({ logGroupName: '/app', ...range, queryString: 'fields @message | bogus' }),
      ),
      'MalformedQueryException',
    );
    await rejectsWith(
      harness.logs.send(new StartQueryCommand({ logGroupName: '/nope', ...range, queryString: 'fields @message' })),
      'ResourceNotFoundException',
      /^Log group '\/nope' does not exist for account ID '123456789012' \(Service: AWSLogs; Status Code: 400; /,
    );
    await rejectsWith(
      harness.logs.send(new GetQueryResultsCommand({ queryId: 'missing' })),
      'ResourceNotFoundException',
    );
  });
});
