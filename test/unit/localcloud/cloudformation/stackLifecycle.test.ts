import { strict as assert } from 'node:assert';
import { settledStack, startCloudFormation, type CloudFormationHarness } from './cloudFormationHarness';

const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Description: lifecycle
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Secret:
    Type: String
    Default: hush
    NoEcho: true
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  ProdTopic:
    Type: AWS::SNS::Topic
    Condition: IsProd
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /app/\${AWS::StackName}/\${Stage}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code:
        ZipFile: "exports.handler = async () => 'v1';"
      Environment:
        Variables:
          QUEUE: !Ref Queue
          BUCKET: !Ref Bucket
  Version:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
  Alias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: !GetAtt Version.Version
      Name: live
Outputs:
  QueueArn:
    Value: !GetAtt Queue.Arn
    Export:
      Name: !Sub \${AWS::StackName}-queue
  AliasArn:
    Value: !Ref Alias
  Topic:
    Condition: IsProd
    Value: !Ref ProdTopic
`;

describe('local CloudFormation: stack lifecycle', () => {
  let cfn: CloudFormationHarness;
  beforeEach(() => {
    cfn = startCloudFormation();
  });
  afterEach(() => cfn.close());

  const describe1 = (name: string) => settledStack(cfn, name);

  it('creates a stack: resources in dependency order, outputs, exports, events newest first', async () => {
    const { StackId } = cfn.handlers.CreateStack({
      StackName: 'life',
      TemplateBody: TEMPLATE,
      Capabilities: ['CAPABILITY_IAM'],
    });
    assert.match(StackId!, /^arn:aws:cloudformation:us-east-1:123456789012:stack\/life\/[0-9a-f-]{36}$/);
    const stack = await describe1('life');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    assert.deepEqual(
      stack.Parameters?.map((parameter) => [parameter.ParameterKey, parameter.ParameterValue]),
      [
        ['Stage', 'dev'],
        ['Secret', '****'],
      ],
    );
    const outputs = new Map(stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue]));
    assert.match(outputs.get('QueueArn')!, /^arn:aws:sqs:us-east-1:123456789012:life-Queue-/);
    assert.match(
      outputs.get('AliasArn')!,
      /^arn:aws:lambda:us-east-1:123456789012:function:life-Fn-[A-Za-z0-9]+:live$/,
    );
    assert.equal(outputs.get('Topic'), undefined);
    assert.deepEqual(
      cfn.handlers.ListExports({}).Exports!.map((item) => item.Name),
      ['life-queue'],
    );

    const resources = cfn.handlers.ListStackResources({ StackName: 'life' }).StackResourceSummaries!;
    assert.deepEqual(resources.map((resource) => resource.LogicalResourceId).sort(), [
      'Alias',
      'Bucket',
      'Fn',
      'Logs',
      'Queue',
      'Role',
      'Version',
    ]);
    const fn = resources.find((resource) => resource.LogicalResourceId === 'Fn')!;
    const configuration = await cfn.lambda.call('GetFunctionConfiguration', { FunctionName: fn.PhysicalResourceId! });
    assert.match(
      configuration.Environment!.Variables!.QUEUE!,
      /^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/life-Queue-/,
    );
    assert.ok(cfn.objectStore.hasBucket(configuration.Environment!.Variables!.BUCKET!));
    assert.ok(cfn.logStore.getGroup('/app/life/dev'));

    const events = cfn.handlers.DescribeStackEvents({ StackName: 'life' }).StackEvents!;
    assert.equal(events[0]!.ResourceStatus, 'CREATE_COMPLETE');
    assert.equal(events[0]!.LogicalResourceId, 'life');
    assert.equal(events.at(-1)!.ResourceStatusReason, 'User Initiated');
    const queueComplete = events.find(
      (event) => event.LogicalResourceId === 'Queue' && event.ResourceStatus === 'CREATE_COMPLETE',
    )!;
    assert.match(queueComplete.ResourceStatusReason!, /Simulated by the local cloud/);
    const order = events.map((event) => `${event.LogicalResourceId}:${event.ResourceStatus}`).reverse();
    assert.ok(order.indexOf('Fn:CREATE_COMPLETE') < order.indexOf('Version:CREATE_IN_PROGRESS'));
    assert.ok(order.indexOf('Version:CREATE_COMPLETE') < order.indexOf('Alias:CREATE_IN_PROGRESS'));
  });

  it('updates in place, refuses an empty update, and deletes in reverse order', async () => {
    cfn.handlers.CreateStack({ StackName: 'life', TemplateBody: TEMPLATE, Capabilities: ['CAPABILITY_IAM'] });
    await describe1('life');
    const before = cfn.handlers.DescribeStackResource({
      StackName: 'life',
      LogicalResourceId: 'Fn',
    }).StackResourceDetail!;
    assert.throws(
      () => cfn.handlers.UpdateStack({ StackName: 'life', TemplateBody: TEMPLATE, Capabilities: ['CAPABILITY_IAM'] }),
      /No updates are to be performed\./,
    );
    cfn.handlers.UpdateStack({
      StackName: 'life',
      TemplateBody: TEMPLATE.replace("'v1'", "'v2'"),
      Capabilities: ['CAPABILITY_IAM'],
    });
    const updated = await describe1('life');
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE', updated.StackStatusReason);
    const after = cfn.handlers.DescribeStackResource({
      StackName: 'life',
      LogicalResourceId: 'Fn',
    }).StackResourceDetail!;
    assert.equal(after.PhysicalResourceId, before.PhysicalResourceId);
    assert.equal(after.ResourceStatus, 'UPDATE_COMPLETE');
    const statuses = cfn.handlers
      .DescribeStackEvents({ StackName: 'life' })
      .StackEvents!.filter((event) => event.LogicalResourceId === 'life')
      .map((event) => event.ResourceStatus);
    assert.deepEqual(statuses.slice(0, 3), [
      'UPDATE_COMPLETE',
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_IN_PROGRESS',
    ]);

    cfn.handlers.DeleteStack({ StackName: 'life' });
    await cfn.engine.idle();
    assert.throws(() => cfn.handlers.DescribeStacks({ StackName: 'life' }), /Stack with id life does not exist/);
    const deleted = cfn.handlers.ListStacks({ StackStatusFilter: ['DELETE_COMPLETE'] }).StackSummaries!;
    assert.equal(deleted.length, 1);
    await assert.rejects(
      cfn.lambda.call('GetFunction', { FunctionName: before.PhysicalResourceId! }),
      /Function not found/,
    );
    assert.equal(cfn.logStore.getGroup('/app/life/dev'), undefined);
    const events = cfn.handlers.DescribeStackEvents({ StackName: updated.StackId! }).StackEvents!;
    const deletions = events
      .filter((event) => event.ResourceStatus === 'DELETE_COMPLETE')
      .map((event) => event.LogicalResourceId)
      .reverse();
    assert.ok(deletions.indexOf('Alias') < deletions.indexOf('Version'));
    assert.ok(deletions.indexOf('Version') < deletions.indexOf('Fn'));
    assert.ok(deletions.indexOf('Fn') < deletions.indexOf('Role'));
    assert.equal(deletions.at(-1), 'life');
  });
});
