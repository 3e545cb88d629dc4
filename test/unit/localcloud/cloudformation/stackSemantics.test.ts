import { strict as assert } from 'node:assert';
import type { UpdatePolicyRequest } from '../../../../src/localcloud/cloudformation/engine/updatePolicies';
import { cloudFormationPerTest, stackOutputs, YAML_OBJECT_DETAILS } from './cloudFormationHarness';

describe('local CloudFormation: template semantics', () => {
  const suite = cloudFormationPerTest();

  it('records roles and their policies in the local IAM, and removes them with the stack', async () => {
    suite.cfn.handlers.CreateStack({
      StackName: 'iam',
      Capabilities: ['CAPABILITY_IAM'],
      TemplateBody: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
      Policies:
        - PolicyName: inline
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 's3:GetObject', Resource: '*' }] }
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'sqs:*', Resource: '*' }] }
Outputs:
  Arn:
    Value: !GetAtt Role.Arn
`,
    });
    const stack = await suite.settle('iam');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    const roleName = suite.cfn.handlers.DescribeStackResource({ StackName: 'iam', LogicalResourceId: 'Role' })
      .StackResourceDetail!.PhysicalResourceId!;
    const role = suite.cfn.iam.store.role(roleName)!;
    assert.equal(stackOutputs(stack).get('Arn'), `arn:aws:iam::123456789012:role/${roleName}`);
    assert.deepEqual(Object.keys(role.inlinePolicies).sort(), ['extra', 'inline']);
    assert.deepEqual(role.attachedPolicyArns, ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    suite.cfn.handlers.DeleteStack({ StackName: 'iam' });
    await suite.cfn.engine.idle();
    assert.equal(suite.cfn.iam.store.role(roleName), undefined);
  });

  it('imports exports across stacks and refuses to delete an export in use', async () => {
    suite.cfn.handlers.CreateStack({
      StackName: 'exporter',
      TemplateBody:
        'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  TopicArn:\n    Value: !Ref Topic\n    Export:\n      Name: shared-topic\n',
    });
    await suite.settle('exporter');
    suite.cfn.handlers.CreateStack({
      StackName: 'importer',
      TemplateBody:
        'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Join ["-", [q, !Select [5, !Split [":", !ImportValue shared-topic]]]]\nOutputs:\n  Name:\n    Value: !GetAtt Queue.QueueName\n',
    });
    const importer = await suite.settle('importer');
    assert.match(stackOutputs(importer).get('Name')!, /^q-exporter-Topic-/);
    assert.deepEqual(suite.cfn.handlers.ListImports({ ExportName: 'shared-topic' }).Imports, ['importer']);
    suite.cfn.handlers.DeleteStack({ StackName: 'exporter' });
    const exporter = await suite.settle('exporter');
    assert.equal(exporter.StackStatus, 'DELETE_FAILED');
    assert.equal(exporter.StackStatusReason, 'Export shared-topic cannot be deleted as it is in use by importer');
    suite.cfn.handlers.CreateStack({
      StackName: 'orphan',
      TemplateBody:
        'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !ImportValue nope\n',
    });
    const orphan = await suite.settle('orphan');
    assert.equal(orphan.StackStatus, 'ROLLBACK_COMPLETE');
    const failed = suite.cfn.handlers
      .DescribeStackEvents({ StackName: 'orphan' })
      .StackEvents!.find((event) => event.ResourceStatus === 'CREATE_FAILED')!;
    assert.match(failed.ResourceStatusReason!, /No export named nope found/);
  });

  it('reads SSM parameters for parameter types and dynamic references, and says when one is missing', async () => {
    suite.cfn.parameterStore.put({ name: '/app/queue', type: 'String', value: 'from-ssm' });
    const template = `
Parameters:
  QueueName:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /app/queue
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Ref QueueName
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/copy
      Type: String
      Value: '{{resolve:ssm:/app/queue}}-copy'
Outputs:
  Name:
    Value: !GetAtt Queue.QueueName
`;
    suite.cfn.handlers.CreateStack({ StackName: 'ssm', TemplateBody: template });
    const stack = await suite.settle('ssm');
    assert.equal(stackOutputs(stack).get('Name'), 'from-ssm');
    assert.deepEqual(stack.Parameters, [
      { ParameterKey: 'QueueName', ParameterValue: '/app/queue', ResolvedValue: 'from-ssm' },
    ]);
    assert.equal(suite.cfn.parameterStore.get('/app/copy')!.value, 'from-ssm-copy');
    assert.throws(
      () =>
        suite.cfn.handlers.CreateStack({
          StackName: 'ssm2',
          TemplateBody: template,
          Parameters: [{ ParameterKey: 'QueueName', ParameterValue: '/missing' }],
        }),
      /Unable to fetch parameters \[\/missing\] from parameter store for this account\./,
    );
  });

  it('applies AWS::LanguageExtensions and AWS::Include, and evaluates Fn::Cidr, Fn::GetAZs and Fn::Length', async () => {
    suite.cfn.objectStore.createBucket('snippets');
    suite.cfn.objectStore.putObject(
      'snippets',
      'topic.yaml',
      Buffer.from('Type: AWS::SNS::Topic\nProperties:\n  TopicName: included\n'),
      YAML_OBJECT_DETAILS,
    );
    suite.cfn.handlers.CreateStack({
      StackName: 'lang',
      Capabilities: ['CAPABILITY_AUTO_EXPAND'],
      TemplateBody: `
Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
    Default: alpha,beta
Resources:
  Fn::ForEach::Queues:
    - Name
    - !Ref Names
    - Queue\${Name}:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub 'q-\${Name}'
  Included:
    Fn::Transform:
      Name: AWS::Include
      Parameters:
        Location: s3://snippets/topic.yaml
Outputs:
  Count:
    Value: !Length [a, b, c]
  Subnets:
    Value: !Join [',', !Cidr ['10.0.0.0/16', 3, 8]]
  Zone:
    Value: !Select [0, !GetAZs '']
  Beta:
    Value: !GetAtt Queuebeta.QueueName
  Topic:
    Value: !GetAtt Included.TopicName
`,
    });
    const stack = await suite.settle('lang');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    const outputs = stackOutputs(stack);
    assert.equal(outputs.get('Count'), '3');
    assert.equal(outputs.get('Subnets'), '10.0.0.0/24,10.0.1.0/24,10.0.2.0/24');
    assert.equal(outputs.get('Zone'), 'us-east-1a');
    assert.equal(outputs.get('Beta'), 'q-beta');
    assert.equal(outputs.get('Topic'), 'included');
    const processed = JSON.parse(
      suite.cfn.handlers.GetTemplate({ StackName: 'lang', TemplateStage: 'Processed' }).TemplateBody!,
    ) as { Resources: Record<string, unknown> };
    assert.deepEqual(Object.keys(processed.Resources).sort(), ['Included', 'Queuealpha', 'Queuebeta']);
  });

  it('keeps retained resources, plans replacements in change sets, and rolls back a cancelled update', async () => {
    const bucket = (name: string, retain = 'Retain') =>
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: ${retain}\n    Properties:\n      BucketName: ${name}\n  Queue:\n    Type: AWS::SQS::Queue\n`;
    suite.cfn.handlers.CreateStack({ StackName: 'keep', TemplateBody: bucket('kept-bucket') });
    await suite.settle('keep');
    const changeSet = suite.cfn.handlers.CreateChangeSet({
      StackName: 'keep',
      ChangeSetName: 'rename',
      TemplateBody: bucket('renamed-bucket'),
    });
    const change = suite.cfn.handlers.DescribeChangeSet({ ChangeSetName: changeSet.Id! }).Changes![0]!.ResourceChange!;
    assert.equal(change.Action, 'Modify');
    assert.equal(change.Replacement, 'True');
    assert.deepEqual(change.Details, [
      {
        Target: { Attribute: 'Properties', Name: 'BucketName', RequiresRecreation: 'Always' },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
      },
    ]);
    suite.cfn.handlers.UpdateStack({ StackName: 'keep', TemplateBody: bucket('renamed-bucket') });
    suite.cfn.handlers.CancelUpdateStack({ StackName: 'keep' });
    const cancelled = await suite.settle('keep');
    assert.deepEqual(
      [cancelled.StackStatus, cancelled.StackStatusReason],
      ['UPDATE_ROLLBACK_COMPLETE', 'Stack update cancelled'],
    );
    assert.equal(suite.cfn.objectStore.hasBucket('renamed-bucket'), false);
    suite.cfn.handlers.DeleteStack({ StackName: 'keep' });
    await suite.cfn.engine.idle();
    assert.ok(suite.cfn.objectStore.hasBucket('kept-bucket'), 'DeletionPolicy: Retain keeps the bucket');
    const skipped = suite.cfn.handlers
      .DescribeStackEvents({ StackName: cancelled.StackId! })
      .StackEvents!.find((event) => event.LogicalResourceId === 'Bucket' && event.ResourceStatus === 'DELETE_SKIPPED');
    assert.ok(skipped);
  });

  it("runs an alias update through the UpdatePolicy hook registered for the alias's policy", async () => {
    const calls: { phase: string; policy: unknown; weights: unknown[] }[] = [];
    suite.replace({
      updatePolicies: {
        CodeDeployLambdaAliasUpdate: async (request: UpdatePolicyRequest) => {
          const weights: unknown[] = [];
          const previous = request.previousProperties.FunctionVersion;
          // A canary: the new version at 10 %, then all traffic, reported as stack events.
          const canary = {
            ...request.properties,
            FunctionVersion: previous!,
            RoutingConfig: {
              AdditionalVersionWeights: [{ FunctionVersion: request.properties.FunctionVersion!, FunctionWeight: 0.1 }],
            },
          };
          await request.update(canary);
          weights.push(0.1);
          request.context.report('Shifted 10 % of traffic to the new version');
          const result = await request.update();
          calls.push({ phase: request.phase, policy: request.policy, weights });
          return result;
        },
      },
    });
    const template = (code: string) => `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "${code}" }
  Version${code.length}:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
      Description: ${code}
  Alias:
    Type: AWS::Lambda::Alias
    UpdatePolicy:
      CodeDeployLambdaAliasUpdate:
        ApplicationName: app
        DeploymentGroupName: !Sub '\${AWS::StackName}-group'
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: !GetAtt Version${code.length}.Version
      Name: live
`;
    suite.cfn.handlers.CreateStack({ StackName: 'canary', TemplateBody: template('exports.handler = 1') });
    assert.equal((await suite.settle('canary')).StackStatus, 'CREATE_COMPLETE');
    assert.deepEqual(calls, [], 'creating the alias is no update');
    suite.cfn.handlers.UpdateStack({ StackName: 'canary', TemplateBody: template('exports.handler = 22') });
    const updated = await suite.settle('canary');
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE', updated.StackStatusReason);
    assert.deepEqual(calls, [
      { phase: 'update', policy: { ApplicationName: 'app', DeploymentGroupName: 'canary-group' }, weights: [0.1] },
    ]);
    const events = suite.cfn.handlers.DescribeStackEvents({ StackName: 'canary' }).StackEvents!;
    assert.ok(
      events.some(
        (event) =>
          event.LogicalResourceId === 'Alias' &&
          event.ResourceStatusReason === 'Shifted 10 % of traffic to the new version',
      ),
    );
    const functionName = suite.cfn.handlers.DescribeStackResource({ StackName: 'canary', LogicalResourceId: 'Fn' })
      .StackResourceDetail!.PhysicalResourceId!;
    const alias = await suite.cfn.lambda.call('GetAlias', { FunctionName: functionName, Name: 'live' });
    assert.equal(alias.FunctionVersion, '2');
  });
});
