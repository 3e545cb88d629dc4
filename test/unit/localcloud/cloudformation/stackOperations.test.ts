// The operations and semantics of issue #8 part 2 that the lifecycle tests do not reach: ListStacks paging,
// change set listing and deletion, GetTemplateSummary, TemplateURL / UsePreviousTemplate / UsePreviousValue,
// parameter constraints, Mappings and the list/string intrinsics, UpdateReplacePolicy, and Lambda's attachments.
import { strict as assert } from 'node:assert';
import { cloudFormationPerTest, stackOutputs, YAML_OBJECT_DETAILS } from './cloudFormationHarness';

const TOPIC = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n';

describe('local CloudFormation: operations and semantics', () => {
  const suite = cloudFormationPerTest();

  it('pages ListStacks by NextToken and filters by status', async () => {
    for (let index = 0; index < 105; index++)
      suite.cfn.handlers.CreateStack({ StackName: `s${index}`, TemplateBody: TOPIC });
    await suite.cfn.engine.idle();
    suite.cfn.handlers.DeleteStack({ StackName: 's0' });
    await suite.cfn.engine.idle();
    const first = suite.cfn.handlers.ListStacks({});
    assert.equal(first.StackSummaries!.length, 100);
    assert.ok(first.NextToken);
    const second = suite.cfn.handlers.ListStacks({ NextToken: first.NextToken });
    assert.equal(second.StackSummaries!.length, 5);
    assert.equal(second.NextToken, undefined);
    const names = [...first.StackSummaries!, ...second.StackSummaries!].map((summary) => summary.StackName);
    assert.equal(new Set(names).size, 105, 'no stack twice, none missed');
    const deleted = suite.cfn.handlers.ListStacks({ StackStatusFilter: ['DELETE_COMPLETE'] }).StackSummaries!;
    assert.deepEqual(
      deleted.map((summary) => [summary.StackName, summary.StackStatus, Boolean(summary.DeletionTime)]),
      [['s0', 'DELETE_COMPLETE', true]],
    );
    assert.equal(suite.cfn.handlers.ListStacks({ StackStatusFilter: ['CREATE_COMPLETE'] }).StackSummaries!.length, 100);
  });

  it('lists and deletes change sets, and summarizes a template before and after deployment', async () => {
    const template = `
Description: summary
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: dev, AllowedValues: [dev, prod], Description: where }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1;"
`;
    const summary = suite.cfn.handlers.GetTemplateSummary({ TemplateBody: template });
    assert.deepEqual(summary.ResourceTypes!.sort(), ['AWS::IAM::Role', 'AWS::Lambda::Function']);
    assert.deepEqual(summary.Capabilities!.sort(), ['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM']);
    assert.deepEqual(summary.DeclaredTransforms, ['AWS::Serverless-2016-10-31']);
    assert.equal(summary.Description, 'summary');
    assert.deepEqual(summary.Parameters, [
      {
        ParameterKey: 'Stage',
        DefaultValue: 'dev',
        ParameterType: 'String',
        NoEcho: false,
        Description: 'where',
        ParameterConstraints: { AllowedValues: ['dev', 'prod'] },
      },
    ]);

    const create = (name: string) =>
      suite.cfn.handlers.CreateChangeSet({
        StackName: 'sets',
        ChangeSetName: name,
        ChangeSetType: 'CREATE',
        TemplateBody: template,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      });
    const firstSet = create('first');
    assert.throws(() => create('first'), /ChangeSet \[first\] already exists|already exists/);
    const listed = suite.cfn.handlers.ListChangeSets({ StackName: 'sets' }).Summaries!;
    assert.deepEqual(
      listed.map((item) => [item.ChangeSetName, item.Status, item.ExecutionStatus]),
      [['first', 'CREATE_COMPLETE', 'AVAILABLE']],
    );
    assert.equal(listed[0]!.ChangeSetId, firstSet.Id);
    suite.cfn.handlers.DeleteChangeSet({ ChangeSetName: 'first', StackName: 'sets' });
    assert.deepEqual(suite.cfn.handlers.ListChangeSets({ StackName: 'sets' }).Summaries, []);
    assert.throws(
      () => suite.cfn.handlers.DescribeChangeSet({ ChangeSetName: firstSet.Id! }),
      /ChangeSet \[arn:aws:cloudformation:us-east-1:123456789012:changeSet\/first\/[0-9a-f-]+\] does not exist/,
    );

    create('second');
    suite.cfn.handlers.ExecuteChangeSet({ ChangeSetName: 'second', StackName: 'sets' });
    assert.equal((await suite.settle('sets')).StackStatus, 'CREATE_COMPLETE');
    const deployed = suite.cfn.handlers.GetTemplateSummary({ StackName: 'sets' });
    assert.deepEqual(deployed.ResourceTypes!.sort(), ['AWS::IAM::Role', 'AWS::Lambda::Function']);
    assert.deepEqual(
      suite.cfn.handlers.ListChangeSets({ StackName: 'sets' }).Summaries!.map((item) => item.ExecutionStatus),
      ['EXECUTE_COMPLETE'],
    );
  });

  it('reads TemplateURL from the local S3, and keeps the previous template and parameter values on request', async () => {
    const template = `
Parameters:
  Name: { Type: String }
  Other: { Type: String, Default: first }
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: !Ref Name }
Outputs:
  Name: { Value: !GetAtt Topic.TopicName }
  Other: { Value: !Ref Other }
`;
    suite.cfn.objectStore.createBucket('templates');
    suite.cfn.objectStore.putObject('templates', 'stack.yaml', Buffer.from(template), YAML_OBJECT_DETAILS);
    suite.cfn.handlers.CreateStack({
      StackName: 'url',
      TemplateURL: 'https://templates.s3.us-east-1.amazonaws.com/stack.yaml',
      Parameters: [
        { ParameterKey: 'Name', ParameterValue: 'topic-a' },
        { ParameterKey: 'Other', ParameterValue: 'kept' },
      ],
    });
    const created = await suite.settle('url');
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
    assert.equal(stackOutputs(created).get('Name'), 'topic-a');
    assert.equal(suite.cfn.handlers.GetTemplate({ StackName: 'url' }).TemplateBody, template);

    suite.cfn.handlers.UpdateStack({
      StackName: 'url',
      UsePreviousTemplate: true,
      Parameters: [
        { ParameterKey: 'Name', ParameterValue: 'topic-b' },
        { ParameterKey: 'Other', UsePreviousValue: true },
      ],
    });
    const updated = await suite.settle('url');
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE', updated.StackStatusReason);
    assert.deepEqual([...stackOutputs(updated)].sort(), [
      ['Name', 'topic-b'],
      ['Other', 'kept'],
    ]);
    assert.throws(
      () =>
        suite.cfn.handlers.CreateStack({
          StackName: 'nourl',
          TemplateURL: 'https://templates.s3.amazonaws.com/nope.yaml',
        }),
      /S3 error/,
    );
  });

  it('checks AllowedPattern, lengths and ConstraintDescription with AWS messages', () => {
    const template = `
Parameters:
  Code: { Type: String, AllowedPattern: '[a-z]+', MinLength: 2, MaxLength: 4 }
  Described: { Type: String, Default: ok, AllowedValues: [ok], ConstraintDescription: must be ok }
  Count: { Type: Number, Default: 1, MinValue: 1 }
${TOPIC}`;
    const create = (parameters: Record<string, string>) => () =>
      suite.cfn.handlers.CreateStack({
        StackName: 'params',
        TemplateBody: template,
        Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
          ParameterKey,
          ParameterValue,
        })),
      });
    assert.throws(
      create({ Code: 'AB' }),
      (error: Error) => error.message === "Parameter 'Code' must match pattern [a-z]+",
    );
    assert.throws(
      create({ Code: 'a' }),
      (error: Error) => error.message === "Parameter 'Code' must contain at least 2 characters",
    );
    assert.throws(
      create({ Code: 'abcde' }),
      (error: Error) => error.message === "Parameter 'Code' must contain at most 4 characters",
    );
    assert.throws(
      create({ Code: 'ab', Described: 'no' }),
      (error: Error) => error.message === "Parameter 'Described' failed to satisfy constraint: must be ok",
    );
    assert.throws(
      create({ Code: 'ab', Count: 'many' }),
      (error: Error) => error.message === "Parameter 'Count' must be a number",
    );
    assert.throws(
      create({ Code: 'ab', Count: '0' }),
      (error: Error) => error.message === "Parameter 'Count' must be a number not less than 1",
    );
    assert.doesNotThrow(create({ Code: 'ab' }));
  });

  it('evaluates Mappings, conditions and the list and string intrinsics', async () => {
    suite.cfn.handlers.CreateStack({
      StackName: 'fns',
      TemplateBody: `
Parameters:
  Env: { Type: String, Default: prod }
  Zones: { Type: CommaDelimitedList, Default: 'a, b, c' }
Mappings:
  Sizes:
    prod: { Memory: 1024 }
    dev: { Memory: 128 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsBig: !And [!Condition IsProd, !Not [!Equals [!FindInMap [Sizes, !Ref Env, Memory], 128]]]
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: !Join ['-', [!Ref 'AWS::StackName', !Select [1, !Ref Zones]]] }
Outputs:
  Memory: { Value: !FindInMap [Sizes, !Ref Env, Memory] }
  Size: { Value: !If [IsBig, big, small] }
  Second: { Value: !Select [1, !Split [',', 'x,y,z']] }
  Encoded: { Value: !Base64 hello }
  Sub: { Value: !Sub ['\${Name}:\${Topic.TopicName}:\${AWS::Region}', { Name: !Ref Env }] }
  Count: { Value: !Join [',', !Ref Zones] }
`,
    });
    const stack = await suite.settle('fns');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    assert.deepEqual(Object.fromEntries(stackOutputs(stack)), {
      Memory: '1024',
      Size: 'big',
      Second: 'y',
      Encoded: Buffer.from('hello').toString('base64'),
      Sub: 'prod:fns-b:us-east-1',
      Count: 'a,b,c',
    });
  });

  it('keeps a replaced resource under UpdateReplacePolicy Retain, and a failed create drops RetainExceptOnCreate', async () => {
    const bucket = (name: string) =>
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    UpdateReplacePolicy: Retain\n    Properties:\n      BucketName: ${name}\n`;
    suite.cfn.handlers.CreateStack({ StackName: 'urp', TemplateBody: bucket('old-bucket') });
    await suite.settle('urp');
    suite.cfn.handlers.UpdateStack({ StackName: 'urp', TemplateBody: bucket('new-bucket') });
    assert.equal((await suite.settle('urp')).StackStatus, 'UPDATE_COMPLETE');
    assert.ok(suite.cfn.objectStore.hasBucket('old-bucket'), 'the replaced bucket is retained');
    assert.ok(suite.cfn.objectStore.hasBucket('new-bucket'));

    suite.cfn.handlers.CreateStack({
      StackName: 'roc',
      TemplateBody: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: RetainExceptOnCreate
    Properties: { BucketName: roc-bucket }
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: Bucket
    Properties: { Runtime: nodejs20.x, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: { S3Bucket: missing-bucket, S3Key: code.zip } }
`,
    });
    assert.equal((await suite.settle('roc')).StackStatus, 'ROLLBACK_COMPLETE');
    assert.equal(suite.cfn.objectStore.hasBucket('roc-bucket'), false, 'a create that fails deletes it');
  });

  it("creates Lambda's permissions, event source mappings, URLs and layers, checking the function exists", async () => {
    suite.cfn.objectStore.createBucket('artifacts');
    suite.cfn.objectStore.putObject('artifacts', 'layer.zip', emptyZip(), YAML_OBJECT_DETAILS);
    const template = (target: string) => `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "exports.handler = async () => 1;" }
      Layers: [!Ref Layer]
  Layer:
    Type: AWS::Lambda::LayerVersion
    Properties: { LayerName: shared, Content: { S3Bucket: artifacts, S3Key: layer.zip }, CompatibleRuntimes: [nodejs20.x] }
  Permission:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: ${target}, Action: lambda:InvokeFunction, Principal: sns.amazonaws.com }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn }
  Url:
    Type: AWS::Lambda::Url
    Properties: { TargetFunctionArn: !GetAtt Fn.Arn, AuthType: NONE }
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  Layer: { Value: !Ref Layer }
  Mapping: { Value: !Ref Mapping }
  Url: { Value: !GetAtt Url.FunctionUrl }
`;
    suite.cfn.handlers.CreateStack({ StackName: 'attach', TemplateBody: template('!GetAtt Fn.Arn') });
    const stack = await suite.settle('attach');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    const outputs = stackOutputs(stack);
    assert.equal(outputs.get('Layer'), 'arn:aws:lambda:us-east-1:123456789012:layer:shared:1');
    assert.match(outputs.get('Mapping')!, /^[0-9a-f-]{36}$/);
    // The URL Lambda answers: the local cloud's own, served on its port.
    assert.match(outputs.get('Url')!, /\/_aws\/lambda-url\/[a-z0-9]{32}\/$/);

    suite.cfn.handlers.CreateStack({ StackName: 'typo', TemplateBody: template('no-such-function') });
    const failed = await suite.settle('typo');
    assert.equal(failed.StackStatus, 'ROLLBACK_COMPLETE');
    const reason = suite.cfn.handlers
      .DescribeStackEvents({ StackName: 'typo' })
      .StackEvents!.find((event) => event.ResourceStatus === 'CREATE_FAILED')!;
    assert.equal(reason.LogicalResourceId, 'Permission');
    assert.match(reason.ResourceStatusReason!, /Function not found/);
  });
});

/** The smallest valid zip: an end-of-central-directory record and nothing else. */
function emptyZip(): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  return record;
}
