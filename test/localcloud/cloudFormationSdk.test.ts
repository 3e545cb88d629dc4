// CloudFormation through the AWS SDK for JavaScript v3 (awsQuery, XML) against the real server and runtime:
// a SAM application deployed by change set, its events, its processed template, a call to the function it
// created, an update, and its deletion, with the SDK's own waiters.
import { strict as assert } from 'node:assert';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
  ValidateTemplateCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { clientConfig } from '../support/localCloudHarness';
import { packageSample } from './cloudFormationScenario';
import { startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const WAIT = { minDelay: 1, maxDelay: 1, maxWaitTime: 60 };

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  assert.fail('the call succeeded');
}

describe('fidelity: CloudFormation through the AWS SDK for JavaScript v3', () => {
  let cloud: FidelityCloud;
  let cloudFormation: CloudFormationClient;
  let lambda: LambdaClient;
  before(async () => {
    cloud = await startFidelityCloud();
    cloudFormation = new CloudFormationClient(clientConfig(cloud.endpoint));
    lambda = new LambdaClient(clientConfig(cloud.endpoint));
  });
  after(async () => {
    cloudFormation.destroy();
    lambda.destroy();
    await cloud.stop();
  });

  it('deploys hello-sam by change set, runs its function, updates it, and deletes it', async () => {
    const body = await packageSample(cloud.endpoint, 'sdk-artifacts');
    const created = await cloudFormation.send(
      new CreateChangeSetCommand({
        StackName: 'hello-sdk',
        ChangeSetName: 'create',
        ChangeSetType: 'CREATE',
        TemplateBody: body,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [{ ParameterKey: 'GreetingPrefix', ParameterValue: 'Howdy' }],
      }),
    );
    await waitUntilChangeSetCreateComplete({ client: cloudFormation, ...WAIT }, { ChangeSetName: created.Id });
    const changeSet = await cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }));
    assert.ok(changeSet.Changes!.every((change) => change.ResourceChange?.Action === 'Add'));
    const processed = await cloudFormation.send(
      new GetTemplateCommand({ StackName: 'hello-sdk', ChangeSetName: 'create', TemplateStage: 'Processed' }),
    );
    assert.match(processed.TemplateBody!, /"AWS::Lambda::Function"/);
    assert.deepEqual(processed.StagesAvailable, ['Original', 'Processed']);

    await cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
    await waitUntilStackCreateComplete({ client: cloudFormation, ...WAIT }, { StackName: 'hello-sdk' });
    const [stack] = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'hello-sdk' }))).Stacks!;
    assert.equal(stack!.StackStatus, 'CREATE_COMPLETE');
    assert.ok(stack!.CreationTime instanceof Date);
    const alias = stack!.Outputs!.find((output) => output.OutputKey === 'UsersFunctionAlias')!.OutputValue!;

    const invoked = await lambda.send(
      new InvokeCommand({ FunctionName: alias, Payload: JSON.stringify({ pathParameters: { id: '7' } }) }),
    );
    const response = JSON.parse(Buffer.from(invoked.Payload!).toString('utf8')) as { body: string };
    assert.equal((JSON.parse(response.body) as { message: string }).message, 'Howdy, user 7!');
    assert.equal(invoked.ExecutedVersion, '1');

    const events = (await cloudFormation.send(new DescribeStackEventsCommand({ StackName: 'hello-sdk' }))).StackEvents!;
    assert.equal(events[0]!.ResourceStatus, 'CREATE_COMPLETE');
    assert.equal(events.at(-1)!.ResourceStatus, 'REVIEW_IN_PROGRESS');
    // SQS queues are created for real on the local cloud (no longer simulated): Ref is the queue's URL.
    const queueEvents = events.filter((event) => event.LogicalResourceId === 'OrdersQueue');
    assert.ok(queueEvents.some((event) => event.ResourceStatus === 'CREATE_COMPLETE'));
    assert.ok(queueEvents.every((event) => !/Simulated/.test(event.ResourceStatusReason ?? '')));
    const resources = (await cloudFormation.send(new ListStackResourcesCommand({ StackName: 'hello-sdk' })))
      .StackResourceSummaries!;
    const queue = resources.find((resource) => resource.LogicalResourceId === 'OrdersQueue');
    assert.match(queue?.PhysicalResourceId ?? '', /^http:\/\/.+\/123456789012\/hello-sdk-OrdersQueue-/);
    assert.ok(resources.some((resource) => resource.ResourceType === 'AWS::Lambda::Version'));

    const update = await cloudFormation.send(
      new CreateChangeSetCommand({
        StackName: 'hello-sdk',
        ChangeSetName: 'update',
        TemplateBody: body,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [{ ParameterKey: 'GreetingPrefix', ParameterValue: 'Hi' }],
      }),
    );
    await waitUntilChangeSetCreateComplete({ client: cloudFormation, ...WAIT }, { ChangeSetName: update.Id });
    await cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: update.Id }));
    await waitUntilStackUpdateComplete({ client: cloudFormation, ...WAIT }, { StackName: 'hello-sdk' });
    // $LATEST has the new environment; the alias keeps version 1, because SAM hashes the Environment as written
    // (`!Ref GreetingPrefix`), so a parameter change publishes no new version: AWS behaves the same.
    const latest = await lambda.send(
      new InvokeCommand({
        FunctionName: alias.replace(/:live$/, ''),
        Payload: JSON.stringify({ pathParameters: { id: '8' } }),
      }),
    );
    assert.match(Buffer.from(latest.Payload!).toString('utf8'), /Hi, user 8!/);
    const aliased = await lambda.send(
      new InvokeCommand({ FunctionName: alias, Payload: JSON.stringify({ pathParameters: { id: '9' } }) }),
    );
    assert.match(Buffer.from(aliased.Payload!).toString('utf8'), /Howdy, user 9!/);

    await cloudFormation.send(new DeleteStackCommand({ StackName: 'hello-sdk' }));
    await waitUntilStackDeleteComplete({ client: cloudFormation, ...WAIT }, { StackName: 'hello-sdk' });
    const deleted = await cloudFormation.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));
    assert.ok(deleted.StackSummaries!.some((summary) => summary.StackName === 'hello-sdk'));
  });

  it('keeps stacks per region, deploying into that region', async () => {
    const europe = new CloudFormationClient({ ...clientConfig(cloud.endpoint), region: 'eu-west-1' });
    const europeLambda = new LambdaClient({ ...clientConfig(cloud.endpoint), region: 'eu-west-1' });
    try {
      const { StackId } = await europe.send(
        new CreateStackCommand({
          StackName: 'regional',
          TemplateBody:
            'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n      Code: { ZipFile: "exports.handler = async () => 1;" }\nOutputs:\n  Arn:\n    Value: !GetAtt Fn.Arn\n',
        }),
      );
      assert.match(StackId!, /^arn:aws:cloudformation:eu-west-1:/);
      await waitUntilStackCreateComplete({ client: europe, ...WAIT }, { StackName: 'regional' });
      const [stack] = (await europe.send(new DescribeStacksCommand({ StackName: 'regional' }))).Stacks!;
      const arn = stack!.Outputs![0]!.OutputValue!;
      assert.match(arn, /^arn:aws:lambda:eu-west-1:/);
      const functions = await europeLambda.send(new ListFunctionsCommand({}));
      assert.ok(functions.Functions!.some((fn) => fn.FunctionArn === arn));
      const home = await failure(cloudFormation.send(new DescribeStacksCommand({ StackName: 'regional' })));
      assert.equal(home.message, 'Stack with id regional does not exist');
    } finally {
      europe.destroy();
      europeLambda.destroy();
    }
  });

  it('answers errors with their wire codes and AWS messages', async () => {
    const missing = await failure(cloudFormation.send(new DescribeStacksCommand({ StackName: 'nope' })));
    assert.deepEqual(missing, { name: 'ValidationError', message: 'Stack with id nope does not exist' });
    const changeSet = await failure(
      cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: 'x', StackName: 'nope' })),
    );
    assert.equal(changeSet.name, 'ChangeSetNotFoundException');
    const capabilities = await failure(
      cloudFormation.send(
        new CreateStackCommand({ StackName: 'iam', TemplateBody: 'Resources:\n  R:\n    Type: AWS::IAM::Role\n' }),
      ),
    );
    assert.deepEqual(capabilities, {
      name: 'InsufficientCapabilitiesException',
      message: 'Requires capabilities : [CAPABILITY_IAM]',
    });
    const validated = await cloudFormation.send(
      new ValidateTemplateCommand({
        TemplateBody:
          'Parameters:\n  P:\n    Type: String\n    Default: x\nResources:\n  T:\n    Type: AWS::SNS::Topic\n',
      }),
    );
    assert.deepEqual(validated.Parameters, [{ ParameterKey: 'P', DefaultValue: 'x', NoEcho: false }]);
  });
});
