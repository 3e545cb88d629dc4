// A SAM app with an SQS event on the local cloud, end to end: CloudFormation creates the queues for real (Ref is
// the queue URL, GetAtt Arn/QueueName/QueueUrl), the SAM event becomes an event source mapping whose poller
// invokes the function with SQS events, deletes what succeeded, leaves the reported batch item failures to come
// back and reach the dead-letter queue; disabling the mapping stops the polling.
import { strict as assert } from 'node:assert';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { clientConfig } from '../support/localCloudHarness';
import { pollUntil } from '../support/trafficShiftHarness';
import { awsFailure, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const WAIT = { minDelay: 1, maxDelay: 1, maxWaitTime: 120 };

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 1
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt JobsDlq.Arn
        maxReceiveCount: 2
      Tags: [{ Key: team, Value: a }]
  JobsDlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: worker-dlq
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: sns.amazonaws.com }
            Action: sqs:SendMessage
            Resource: !GetAtt Jobs.Arn
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async (event) => { console.log('batch ' + JSON.stringify(event.Records.map((r) => [r.body, r.eventSource, r.awsRegion, r.messageAttributes]))); return { batchItemFailures: event.Records.filter((r) => r.body.startsWith('fail')).map((r) => ({ itemIdentifier: r.messageId })) }; };"
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 5
            FunctionResponseTypes: [ReportBatchItemFailures]
Outputs:
  QueueUrl: { Value: !Ref Jobs }
  QueueArn: { Value: !GetAtt Jobs.Arn }
  QueueName: { Value: !GetAtt Jobs.QueueName }
  DlqUrl: { Value: !GetAtt JobsDlq.QueueUrl }
`;

describe('fidelity: SQS queues in CloudFormation and SQS event sources', () => {
  let cloud: FidelityCloud;
  before(async () => {
    cloud = await startFidelityCloud();
  });
  after(() => cloud.stop());

  it('deploys the queues, polls them for the function, deletes successes, dead-letters reported failures', async () => {
    const cloudFormation = new CloudFormationClient(clientConfig(cloud.endpoint));
    const sqs = new SQSClient(clientConfig(cloud.endpoint));
    const lambda = new LambdaClient(clientConfig(cloud.endpoint));
    const logs = new CloudWatchLogsClient(clientConfig(cloud.endpoint));
    await cloudFormation.send(
      new CreateStackCommand({
        StackName: 'sqs-worker',
        TemplateBody: TEMPLATE,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      }),
    );
    await waitUntilStackCreateComplete({ client: cloudFormation, ...WAIT }, { StackName: 'sqs-worker' });
    const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'sqs-worker' }))).Stacks![0]!;
    const outputs: Record<string, string> = Object.fromEntries(
      (stack.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']),
    );
    const { host } = new URL(cloud.endpoint);
    assert.match(outputs['QueueName']!, /^sqs-worker-Jobs-[A-Za-z0-9]+$/);
    assert.equal(outputs['QueueUrl'], `http://${host}/123456789012/${outputs['QueueName']}`);
    assert.equal(outputs['QueueArn'], `arn:aws:sqs:us-east-1:123456789012:${outputs['QueueName']}`);
    assert.equal(outputs['DlqUrl'], `http://${host}/123456789012/worker-dlq`);
    const queueUrl = outputs['QueueUrl'];
    const attributes = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] })))
      .Attributes!;
    assert.equal(attributes['VisibilityTimeout'], '1');
    assert.deepEqual(JSON.parse(attributes['RedrivePolicy']!), {
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:worker-dlq',
      maxReceiveCount: 2,
    });
    const policy = JSON.parse(attributes['Policy']!) as { Statement: { Principal: { Service: string } }[] };
    assert.equal(policy.Statement[0]?.Principal.Service, 'sns.amazonaws.com');

    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'ok-1', MessageAttributes: { kind: { DataType: 'String', StringValue: 'job' } } },
          { Id: 'b', MessageBody: 'ok-2' },
          { Id: 'c', MessageBody: 'fail-1' },
        ],
      }),
    );
    const dlqUrl = outputs['DlqUrl'];
    const count = async (url: string) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes['ApproximateNumberOfMessages']) + Number(Attributes['ApproximateNumberOfMessagesNotVisible'])
      );
    };
    // fail-1 is reported twice (maxReceiveCount 2), then moved to the dead-letter queue at its third receive.
    await pollUntil(async () => (await count(dlqUrl)) === 1 && (await count(queueUrl)) === 0, 60_000);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }));
    assert.equal(dead.Messages?.[0]?.Body, 'fail-1');
    assert.equal(dead.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn, outputs['QueueArn']);

    const worker = await cloudFormation.send(
      new DescribeStackResourceCommand({ StackName: 'sqs-worker', LogicalResourceId: 'Worker' }),
    );
    const functionName = worker.StackResourceDetail!.PhysicalResourceId!;
    const events = await logs.send(
      new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern: '"batch"' }),
    );
    const bodies = (events.events ?? []).flatMap((event) =>
      (
        JSON.parse(event.message!.slice(event.message!.indexOf('batch ') + 6)) as [string, string, string, unknown][]
      ).map((record) => record),
    );
    assert.ok(
      bodies.some(([body, source, region]) => body === 'ok-1' && source === 'aws:sqs' && region === 'us-east-1'),
    );
    assert.deepEqual(bodies.find(([body]) => body === 'ok-1')?.[3], {
      kind: { stringValue: 'job', stringListValues: [], binaryListValues: [], dataType: 'String' },
    });
    assert.equal(bodies.filter(([body]) => body === 'fail-1').length, 2);

    // A disabled mapping stops polling; enabled again, it takes the message.
    const mapping = (await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: functionName })))
      .EventSourceMappings![0]!;
    assert.equal(mapping.EventSourceArn, outputs['QueueArn']);
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, Enabled: false }));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'while-disabled' }));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(await count(queueUrl), 1, 'a disabled mapping leaves the message in the queue');
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, Enabled: true }));
    await pollUntil(async () => (await count(queueUrl)) === 0, 30_000);

    await cloudFormation.send(new DeleteStackCommand({ StackName: 'sqs-worker' }));
    await waitUntilStackDeleteComplete({ client: cloudFormation, ...WAIT }, { StackName: 'sqs-worker' });
    const gone = await awsFailure(sqs.send(new GetQueueUrlCommand({ QueueName: 'worker-dlq' })));
    assert.equal(gone.name, 'QueueDoesNotExist');
  });
});
