// Asynchronous invocation as Lambda runs it, through SDK v3 and boto3 against the local cloud process at time scale
// 1000 (a minute's retry wait passes in 60 ms): 202 answers, retries of function errors per the event invoke
// config, destination records on success and failure, throttled events expiring with EventAgeExceeded.
import { strict as assert } from 'node:assert';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { pollUntil } from '../support/trafficShiftHarness';
import { runBoto3Lambda, useFidelityCloud } from './fidelityScenario';

const ACCOUNT = '123456789012';
const ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function`;

function nodeZip(source: string): Uint8Array {
  return zipSync({ 'index.js': strToU8(source) }, { mtime: '2020-01-01T00:00:00Z' });
}

/** Fails when the event says so; logs every attempt with its request id. */
const FLAKY = nodeZip(`exports.handler = async (event, context) => {
  console.log('ATTEMPT ' + context.awsRequestId + ' ' + event.id);
  if (event.fail) throw new Error('boom ' + event.id);
  return { ok: event.id };
};`);
/** Logs the destination record it receives. */
const SINK = nodeZip(
  `exports.handler = async (event) => { console.log('RECORD ' + JSON.stringify(event)); return {}; };`,
);

interface DestinationRecord {
  version: string;
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: string; approximateInvokeCount: number };
  requestPayload: { id: string };
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: Record<string, unknown>;
}

describe('fidelity: Lambda asynchronous invocation', () => {
  const suite = useFidelityCloud({ timeScale: 1000 });
  let logs: CloudWatchLogsClient;

  /** The log lines of a function that start with the marker. */
  const linesOf = async (functionName: string, marker: string): Promise<string[]> => {
    try {
      const answer = await logs.send(
        new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern: `"${marker}"` }),
      );
      return (answer.events ?? []).flatMap((event) =>
        event.message?.includes(marker) ? [event.message.slice(event.message.indexOf(marker) + marker.length + 1)] : [],
      );
    } catch {
      return []; // the group appears with the first invocation
    }
  };
  const recordsOf = async (functionName: string): Promise<DestinationRecord[]> =>
    (await linesOf(functionName, 'RECORD')).map((line) => JSON.parse(line) as DestinationRecord);
  const recordFor = async (id: string): Promise<DestinationRecord> => {
    let found: DestinationRecord | undefined;
    await pollUntil(async () => {
      found = (await recordsOf('sink')).find((record) => record.requestPayload.id === id);
      return found !== undefined;
    }, 60_000);
    return found!;
  };

  before(async () => {
    logs = new CloudWatchLogsClient({
      endpoint: suite.cloud.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    for (const [name, zip] of [
      ['flaky', FLAKY],
      ['sink', SINK],
      ['throttled', FLAKY],
    ] as const) {
      await suite.lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs20.x',
          Role: `arn:aws:iam::${ACCOUNT}:role/r`,
          Handler: 'index.handler',
          Code: { ZipFile: zip },
        }),
      );
    }
    const destinations = {
      OnSuccess: { Destination: `${ARN}:sink` },
      OnFailure: { Destination: `${ARN}:sink` },
    };
    await suite.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'flaky',
        MaximumRetryAttempts: 1,
        DestinationConfig: destinations,
      }),
    );
    await suite.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'throttled',
        MaximumEventAgeInSeconds: 60,
        DestinationConfig: destinations,
      }),
    );
  });
  after(() => logs.destroy());

  it('SDK v3: 202 at once, retries per MaximumRetryAttempts, then an OnFailure record', async () => {
    const answer = await suite.lambda.send(
      new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event', Payload: '{"id":"f1","fail":true}' }),
    );
    assert.equal(answer.StatusCode, 202);
    const record = await recordFor('f1');
    const requestId = answer.$metadata.requestId!;
    assert.deepEqual(
      { ...record, timestamp: 'T', responsePayload: { errorMessage: record.responsePayload?.['errorMessage'] } },
      {
        version: '1.0',
        timestamp: 'T',
        requestContext: {
          requestId,
          functionArn: `${ARN}:flaky:$LATEST`,
          condition: 'RetriesExhausted',
          approximateInvokeCount: 2,
        },
        requestPayload: { id: 'f1', fail: true },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorMessage: 'boom f1' },
      },
    );
    assert.match(record.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // One original attempt and one retry, under the request id the 202 answered.
    const attempts = (await linesOf('flaky', 'ATTEMPT')).filter((line) => line.endsWith(' f1'));
    assert.deepEqual(attempts, [`${requestId} f1`, `${requestId} f1`]);
  });

  it('boto3: a successful event sends an OnSuccess record with the response', async () => {
    const status = (await runBoto3Lambda(suite.cloud, [
      'answer = client.invoke(FunctionName="flaky", InvocationType="Event", Payload=b\'{"id": "s1"}\')',
      'print(json.dumps(answer["StatusCode"]))',
    ])) as number;
    assert.equal(status, 202);
    const record = await recordFor('s1');
    assert.deepEqual(
      [record.requestContext.condition, record.requestContext.approximateInvokeCount, record.responseContext],
      ['Success', 1, { statusCode: 200, executedVersion: '$LATEST' }],
    );
    assert.deepEqual(record.responsePayload, { ok: 's1' });
  });

  it('SDK v3: reserved concurrency 0 throttles RequestResponse (429) and expires Event invokes (EventAgeExceeded)', async () => {
    await suite.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'throttled', ReservedConcurrentExecutions: 0 }),
    );
    const throttled = await suite.lambda
      .send(new InvokeCommand({ FunctionName: 'throttled' }))
      .catch((error: unknown) => error);
    const failure = throttled as Error & { $metadata?: { httpStatusCode?: number }; Reason?: string };
    assert.deepEqual(
      [failure.name, failure.$metadata?.httpStatusCode, failure.message, failure.Reason],
      ['TooManyRequestsException', 429, 'Rate Exceeded.', 'ReservedFunctionConcurrentInvocationLimitExceeded'],
    );
    const answer = await suite.lambda.send(
      new InvokeCommand({ FunctionName: 'throttled', InvocationType: 'Event', Payload: '{"id":"t1"}' }),
    );
    assert.equal(answer.StatusCode, 202);
    const record = await recordFor('t1');
    assert.deepEqual(record.requestContext, {
      requestId: answer.$metadata.requestId,
      functionArn: `${ARN}:throttled:$LATEST`,
      condition: 'EventAgeExceeded',
      approximateInvokeCount: 0,
    });
    assert.equal(record.responseContext, undefined);
    assert.deepEqual(await linesOf('throttled', 'ATTEMPT'), []);
  });

  it('boto3: a failed event goes to the dead-letter queue with Lambda attributes, and its record to an SQS destination', async () => {
    const scenario = await runBoto3Lambda(suite.cloud, [
      'sqs = boto3.client("sqs", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="t",',
      '    aws_secret_access_key="t")',
      'dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]',
      'failures = sqs.create_queue(QueueName="failures")["QueueUrl"]',
      'client.update_function_configuration(FunctionName="flaky",',
      '    DeadLetterConfig={"TargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"})',
      'client.put_function_event_invoke_config(FunctionName="flaky", MaximumRetryAttempts=0,',
      '    DestinationConfig={"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:failures"}})',
      'client.invoke(FunctionName="flaky", InvocationType="Event", Payload=b\'{"id": "d1", "fail": true}\')',
      'def receive(url):',
      '    for _ in range(20):',
      '        got = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, MessageAttributeNames=["All"])',
      '        if got.get("Messages"):',
      '            return got["Messages"][0]',
      'dead = receive(dlq)',
      'record = json.loads(receive(failures)["Body"])',
      'print(json.dumps({"body": json.loads(dead["Body"]),',
      '    "attributes": sorted(dead["MessageAttributes"].keys()),',
      '    "error": dead["MessageAttributes"]["ErrorMessage"]["StringValue"],',
      '    "condition": record["requestContext"]["condition"]}))',
    ]);
    assert.deepEqual(scenario, {
      body: { id: 'd1', fail: true },
      attributes: ['ErrorCode', 'ErrorMessage', 'RequestID'],
      error: 'boom d1',
      condition: 'RetriesExhausted',
    });
  });
});
