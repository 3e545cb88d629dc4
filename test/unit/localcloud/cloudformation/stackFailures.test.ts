import { strict as assert } from 'node:assert';
import type { ResourceProvider } from '../../../../src/localcloud/cloudformation/providers/resourceProvider';
import { simulatedIdentifiers } from '../../../../src/localcloud/cloudformation/providers/simulatedIdentifiers';
import { startCloudFormation, type CloudFormationHarness } from './cloudFormationHarness';

/** A queue provider that fails when a queue's properties say `Fail: yes`. */
const flakyQueues: ResourceProvider = {
  type: 'AWS::SQS::Queue',
  create: (properties, context) =>
    properties.Fail === 'yes'
      ? Promise.reject(new Error('Queue creation failed on purpose'))
      : Promise.resolve(simulatedIdentifiers(properties, context)),
  update: (update) =>
    update.properties.Fail === 'yes'
      ? Promise.reject(new Error('Queue update failed on purpose'))
      : Promise.resolve(update.current),
  delete: () => Promise.resolve(),
};

function template(queueProperties: string, extra = ''): string {
  return `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
    Properties: ${queueProperties}
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /failures/\${Queue}
${extra}`;
}

describe('local CloudFormation: failures, rollback and validation', () => {
  let cfn: CloudFormationHarness;
  beforeEach(() => {
    cfn = startCloudFormation({ providers: [flakyQueues] });
  });
  afterEach(() => cfn.close());

  async function statusOf(name: string) {
    await cfn.engine.idle();
    const stack = cfn.handlers.DescribeStacks({ StackName: name }).Stacks![0]!;
    return [stack.StackStatus, stack.StackStatusReason];
  }

  it('rolls a failed create back: ROLLBACK_COMPLETE, created resources deleted, the reason names the resource', async () => {
    cfn.handlers.CreateStack({ StackName: 'broken', TemplateBody: template('{ Fail: "yes" }') });
    assert.deepEqual(await statusOf('broken'), [
      'ROLLBACK_COMPLETE',
      'The following resource(s) failed to create: [Queue]. Rollback requested by user.',
    ]);
    const events = cfn.handlers.DescribeStackEvents({ StackName: 'broken' }).StackEvents!;
    const failed = events.find((event) => event.ResourceStatus === 'CREATE_FAILED')!;
    assert.equal(failed.LogicalResourceId, 'Queue');
    assert.equal(failed.ResourceStatusReason, 'Queue creation failed on purpose');
    const bucket = events.find(
      (event) => event.LogicalResourceId === 'Bucket' && event.ResourceStatus === 'CREATE_COMPLETE',
    )!;
    assert.equal(cfn.objectStore.hasBucket(bucket.PhysicalResourceId!), false);
    assert.ok(
      events.some((event) => event.LogicalResourceId === 'Bucket' && event.ResourceStatus === 'DELETE_COMPLETE'),
    );
    assert.ok(!events.some((event) => event.LogicalResourceId === 'Logs'), 'the dependent never started');
    assert.throws(
      () => cfn.handlers.UpdateStack({ StackName: 'broken', TemplateBody: template('{}') }),
      /is in ROLLBACK_COMPLETE state and can not be updated\./,
    );
  });

  it('keeps a failed create as it is with DisableRollback, and deletes it with OnFailure DELETE', async () => {
    cfn.handlers.CreateStack({ StackName: 'kept', TemplateBody: template('{ Fail: "yes" }'), DisableRollback: true });
    assert.deepEqual(await statusOf('kept'), [
      'CREATE_FAILED',
      'The following resource(s) failed to create: [Queue]. ',
    ]);
    const { StackId } = cfn.handlers.CreateStack({
      StackName: 'gone',
      TemplateBody: template('{ Fail: "yes" }'),
      OnFailure: 'DELETE',
    });
    await cfn.engine.idle();
    assert.equal(cfn.handlers.DescribeStacks({ StackName: StackId }).Stacks![0]!.StackStatus, 'DELETE_COMPLETE');
  });

  it('rolls a failed update back to the previous resources: UPDATE_ROLLBACK_COMPLETE', async () => {
    cfn.handlers.CreateStack({ StackName: 'upd', TemplateBody: template('{ VisibilityTimeout: 10 }') });
    assert.equal((await statusOf('upd'))[0], 'CREATE_COMPLETE');
    const before = cfn.handlers.DescribeStackResources({ StackName: 'upd' }).StackResources!;
    cfn.handlers.UpdateStack({
      StackName: 'upd',
      TemplateBody: template(
        '{ Fail: "yes" }',
        '  Extra:\n    Type: AWS::S3::Bucket\n  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Queue',
      ),
    });
    assert.deepEqual(await statusOf('upd'), [
      'UPDATE_ROLLBACK_COMPLETE',
      'The following resource(s) failed to update: [Queue]. ',
    ]);
    const after = cfn.handlers.DescribeStackResources({ StackName: 'upd' }).StackResources!;
    assert.deepEqual(
      after.map((resource) => [resource.LogicalResourceId, resource.PhysicalResourceId]),
      before.map((resource) => [resource.LogicalResourceId, resource.PhysicalResourceId]),
    );
    const events = cfn.handlers.DescribeStackEvents({ StackName: 'upd' }).StackEvents!;
    const extra = events.find(
      (event) => event.LogicalResourceId === 'Extra' && event.ResourceStatus === 'CREATE_COMPLETE',
    );
    if (extra)
      assert.equal(cfn.objectStore.hasBucket(extra.PhysicalResourceId!), false, 'what the update created is deleted');
    const stackStatuses = events
      .filter((event) => event.LogicalResourceId === 'upd')
      .map((event) => event.ResourceStatus);
    assert.deepEqual(stackStatuses.slice(0, 4), [
      'UPDATE_ROLLBACK_COMPLETE',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'UPDATE_IN_PROGRESS',
    ]);
    const template2 = cfn.handlers.GetTemplate({ StackName: 'upd' }).TemplateBody!;
    assert.match(template2, /VisibilityTimeout: 10/, 'the previous template is back');
  });

  it('replaces a resource when a replacing property changes, deleting the old one in cleanup', async () => {
    const named = (name: string) => `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: ${name}
`;
    cfn.handlers.CreateStack({ StackName: 'rep', TemplateBody: named('first-bucket') });
    await statusOf('rep');
    cfn.handlers.UpdateStack({ StackName: 'rep', TemplateBody: named('second-bucket') });
    assert.equal((await statusOf('rep'))[0], 'UPDATE_COMPLETE');
    assert.equal(cfn.objectStore.hasBucket('first-bucket'), false);
    assert.ok(cfn.objectStore.hasBucket('second-bucket'));
    const reasons = cfn.handlers
      .DescribeStackEvents({ StackName: 'rep' })
      .StackEvents!.map((event) => event.ResourceStatusReason);
    assert.ok(
      reasons.includes('Requested update requires the creation of a new physical resource; hence creating one.'),
    );
  });

  it('answers AWS validation messages for names, parameters, capabilities, types, references and cycles', () => {
    const create =
      (StackName: string, TemplateBody: string, extra = {}) =>
      () =>
        cfn.handlers.CreateStack({ StackName, TemplateBody, ...extra });
    assert.throws(
      create('1bad', template('{}')),
      /Value '1bad' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: \[a-zA-Z\]\[-a-zA-Z0-9\]\*/,
    );
    const withParameter = `Parameters:\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\n  Size:\n    Type: Number\n    MaxValue: 5\n${template('{}')}`;
    assert.throws(create('p', withParameter), /Parameters: \[Env, Size\] must have values/);
    assert.throws(
      create('p', withParameter, {
        Parameters: [
          { ParameterKey: 'Env', ParameterValue: 'qa' },
          { ParameterKey: 'Size', ParameterValue: '1' },
        ],
      }),
      /Parameter 'Env' must be one of AllowedValues/,
    );
    assert.throws(
      create('p', withParameter, {
        Parameters: [
          { ParameterKey: 'Env', ParameterValue: 'dev' },
          { ParameterKey: 'Size', ParameterValue: '9' },
        ],
      }),
      /Parameter 'Size' must be a number not greater than 5/,
    );
    assert.throws(
      create('p', withParameter, { Parameters: [{ ParameterKey: 'Nope', ParameterValue: 'x' }] }),
      /Parameters: \[Nope\] do not exist in the template/,
    );
    const role = 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: named\n';
    assert.throws(
      create('c', role),
      (error: Error) =>
        error.name === 'InsufficientCapabilitiesException' &&
        error.message === 'Requires capabilities : [CAPABILITY_NAMED_IAM]',
    );
    assert.throws(
      create('c', role, { Capabilities: ['CAPABILITY_IAM'] }),
      /Requires capabilities : \[CAPABILITY_NAMED_IAM\]/,
    );
    assert.throws(
      create('t', 'Resources:\n  X:\n    Type: AWS::Nope::Thing\n'),
      /Template format error: Unrecognized resource types: \[AWS::Nope::Thing\]/,
    );
    assert.throws(
      create('r', 'Resources:\n  X:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Missing\n'),
      /Template format error: Unresolved resource dependencies \[Missing\] in the Resources block of the template/,
    );
    assert.throws(
      create(
        'cy',
        'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt A.TopicName\n',
      ),
      /Template format error: Circular dependency between resources: \[A, B\]/,
    );
    assert.throws(create('y', 'Resources: [oops'), /Template format error: YAML not well-formed\. \(line 1, column/);
    assert.throws(
      create('g', 'Resources:\n  A:\n    Type: AWS::SNS::Topic\nOutputs:\n  O:\n    Value: !GetAtt A.Nope\n'),
      /Template error: resource A does not support attribute type Nope in Fn::GetAtt/,
    );
    cfn.handlers.CreateStack({ StackName: 'dup', TemplateBody: template('{}') });
    assert.throws(create('dup', template('{}')), /Stack \[dup\] already exists/);
  });
});
