// Lambda breadth through SDK v3 and boto3 against the local cloud process: resource-based policies and tags.
import { strict as assert } from 'node:assert';
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionEventInvokeConfigCommand,
  GetAccountSettingsCommand,
  GetFunctionEventInvokeConfigCommand,
  ListFunctionEventInvokeConfigsCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionEventInvokeConfigCommand,
  GetPolicyCommand,
  ListTagsCommand,
  PublishVersionCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-lambda';
import { awsFailure, functionZip, runBoto3Lambda, useFidelityCloud } from './fidelityScenario';

const ACCOUNT = '123456789012';
const ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:breadth`;

describe('fidelity: Lambda breadth', () => {
  const suite = useFidelityCloud();
  before(async () => {
    await suite.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'breadth',
        Runtime: 'nodejs20.x',
        Role: `arn:aws:iam::${ACCOUNT}:role/r`,
        Handler: 'index.handler',
        Code: { ZipFile: functionZip(1) },
        Tags: { team: 'core' },
      }),
    );
    await suite.lambda.send(new PublishVersionCommand({ FunctionName: 'breadth' }));
  });

  it('SDK v3: permissions as Lambda writes its policy, per qualifier, with its errors', async () => {
    const added = await suite.lambda.send(
      new AddPermissionCommand({
        FunctionName: 'breadth',
        StatementId: 's3-invoke',
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: 'arn:aws:s3:::uploads',
        SourceAccount: ACCOUNT,
      }),
    );
    assert.deepEqual(JSON.parse(added.Statement!), {
      Sid: 's3-invoke',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: ARN,
      Condition: {
        StringEquals: { 'AWS:SourceAccount': ACCOUNT },
        ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::uploads' },
      },
    });
    await suite.lambda.send(
      new AddPermissionCommand({
        FunctionName: 'breadth',
        Qualifier: '1',
        StatementId: 'account',
        Action: 'lambda:GetFunction',
        Principal: '210987654321',
      }),
    );
    const policy = JSON.parse((await suite.lambda.send(new GetPolicyCommand({ FunctionName: 'breadth' }))).Policy!) as {
      Statement: { Sid: string }[];
    };
    assert.deepEqual(
      policy.Statement.map((statement) => statement.Sid),
      ['s3-invoke'],
    );
    const versioned = JSON.parse(
      (await suite.lambda.send(new GetPolicyCommand({ FunctionName: `${ARN}:1` }))).Policy!,
    ) as {
      Statement: { Principal: unknown; Resource: string }[];
    };
    assert.deepEqual(versioned.Statement[0]!.Principal, { AWS: 'arn:aws:iam::210987654321:root' });
    assert.equal(versioned.Statement[0]!.Resource, `${ARN}:1`);
    const duplicate = await awsFailure(
      suite.lambda.send(
        new AddPermissionCommand({
          FunctionName: 'breadth',
          StatementId: 's3-invoke',
          Action: 'lambda:InvokeFunction',
          Principal: 'sns.amazonaws.com',
        }),
      ),
    );
    assert.deepEqual([duplicate.name, duplicate.status], ['ResourceConflictException', 409]);
    await suite.lambda.send(new RemovePermissionCommand({ FunctionName: 'breadth', StatementId: 's3-invoke' }));
    const gone = await awsFailure(suite.lambda.send(new GetPolicyCommand({ FunctionName: 'breadth' })));
    assert.deepEqual(
      [gone.name, gone.status, gone.message],
      ['ResourceNotFoundException', 404, 'The resource you requested does not exist.'],
    );
    const missingStatement = await awsFailure(
      suite.lambda.send(new RemovePermissionCommand({ FunctionName: 'breadth', StatementId: 'nope' })),
    );
    assert.equal(missingStatement.name, 'ResourceNotFoundException');
    const missingVersion = await awsFailure(
      suite.lambda.send(new GetPolicyCommand({ FunctionName: 'breadth', Qualifier: '9' })),
    );
    assert.equal(missingVersion.name, 'ResourceNotFoundException');
  });

  it('SDK v3: event invoke configs per qualifier, replaced by Put, merged by Update', async () => {
    const destination = `arn:aws:sqs:us-east-1:${ACCOUNT}:failures`;
    const put = await suite.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'breadth',
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnFailure: { Destination: destination } },
      }),
    );
    assert.equal(put.FunctionArn, `${ARN}:$LATEST`);
    assert.ok(put.LastModified instanceof Date);
    const updated = await suite.lambda.send(
      new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'breadth', MaximumEventAgeInSeconds: 120 }),
    );
    assert.deepEqual(
      [
        updated.MaximumRetryAttempts,
        updated.MaximumEventAgeInSeconds,
        updated.DestinationConfig?.OnFailure?.Destination,
      ],
      [1, 120, destination],
    );
    await suite.lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: 'breadth', Qualifier: '1', MaximumRetryAttempts: 0 }),
    );
    const listed = await suite.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'breadth' }));
    assert.deepEqual(
      listed.FunctionEventInvokeConfigs?.map((config) => config.FunctionArn),
      [`${ARN}:$LATEST`, `${ARN}:1`],
    );
    const tooMany = await awsFailure(
      suite.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'breadth', MaximumRetryAttempts: 3 })),
    );
    assert.equal(tooMany.name, 'ValidationException');
    await suite.lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'breadth', Qualifier: '1' }));
    const gone = await awsFailure(
      suite.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'breadth', Qualifier: '1' })),
    );
    assert.deepEqual(
      [gone.name, gone.message],
      ['ResourceNotFoundException', `The function ${ARN}:1 doesn't have an EventInvokeConfig`],
    );
  });

  it("SDK v3: account settings with Lambda's default quotas and the region's usage", async () => {
    const settings = await suite.lambda.send(new GetAccountSettingsCommand({}));
    assert.equal(settings.AccountLimit?.ConcurrentExecutions, 1000);
    assert.equal(settings.AccountLimit?.CodeSizeZipped, 52_428_800);
    assert.equal(settings.AccountUsage?.FunctionCount, 1);
    assert.equal(settings.AccountUsage?.TotalCodeSize, functionZip(1).length);
  });

  it('SDK v3 and boto3: tags on the function ARN', async () => {
    await suite.lambda.send(new TagResourceCommand({ Resource: ARN, Tags: { stage: 'dev', owner: 'a' } }));
    await suite.lambda.send(new UntagResourceCommand({ Resource: ARN, TagKeys: ['owner'] }));
    assert.deepEqual((await suite.lambda.send(new ListTagsCommand({ Resource: ARN }))).Tags, {
      team: 'core',
      stage: 'dev',
    });
    const onVersion = await awsFailure(suite.lambda.send(new ListTagsCommand({ Resource: `${ARN}:1` })));
    assert.equal(onVersion.name, 'InvalidParameterValueException');
    const missing = await awsFailure(
      suite.lambda.send(new ListTagsCommand({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:nobody` })),
    );
    assert.deepEqual([missing.name, missing.status], ['ResourceNotFoundException', 404]);

    const scenario = await runBoto3Lambda(suite.cloud, [
      `arn = "${ARN}"`,
      'client.tag_resource(Resource=arn, Tags={"from": "boto3"})',
      'tags = client.list_tags(Resource=arn)["Tags"]',
      'client.add_permission(FunctionName="breadth", StatementId="events", Action="lambda:InvokeFunction",',
      '    Principal="events.amazonaws.com", SourceArn="arn:aws:events:us-east-1:123456789012:rule/r")',
      'policy = json.loads(client.get_policy(FunctionName="breadth")["Policy"])',
      'try:',
      '    client.remove_permission(FunctionName="breadth", StatementId="missing")',
      '    code = "none"',
      'except client.exceptions.ResourceNotFoundException:',
      '    code = "ResourceNotFoundException"',
      'print(json.dumps({"tags": tags, "sids": [s["Sid"] for s in policy["Statement"]], "code": code}))',
    ]);
    assert.deepEqual(scenario, {
      tags: { team: 'core', stage: 'dev', from: 'boto3' },
      sids: ['events'],
      code: 'ResourceNotFoundException',
    });
  });

  it('boto3: states as Lambda reports them, so its waiters pass (exists, active, updated, version active); DryRun changes nothing', async () => {
    const scenario = await runBoto3Lambda(suite.cloud, [
      'buffer = io.BytesIO()',
      'with zipfile.ZipFile(buffer, "w") as archive:',
      '    archive.writestr("index.js", "exports.handler = async (e) => e;")',
      'created = client.create_function(FunctionName="waited", Runtime="nodejs20.x", Handler="index.handler",',
      '    Role="arn:aws:iam::123456789012:role/r", Code={"ZipFile": buffer.getvalue()})',
      'quick = {"Delay": 1, "MaxAttempts": 3}',
      'client.get_waiter("function_exists").wait(FunctionName="waited", WaiterConfig=quick)',
      'client.get_waiter("function_active_v2").wait(FunctionName="waited", WaiterConfig=quick)',
      'updated = client.update_function_configuration(FunctionName="waited", Timeout=9)',
      'client.get_waiter("function_updated_v2").wait(FunctionName="waited", WaiterConfig=quick)',
      'version = client.publish_version(FunctionName="waited")["Version"]',
      'client.get_waiter("published_version_active").wait(FunctionName="waited", Qualifier=version,',
      '    WaiterConfig=quick)',
      'after = client.get_function(FunctionName="waited")["Configuration"]',
      'dry = client.update_function_code(FunctionName="waited", ZipFile=buffer.getvalue(), DryRun=True,',
      '    Architectures=["arm64"])',
      'kept = client.get_function(FunctionName="waited")["Configuration"]',
      'print(json.dumps({"created": [created["State"], created["StateReasonCode"]],',
      '    "updated": [updated["State"], updated["LastUpdateStatus"]],',
      '    "after": [after["State"], after["LastUpdateStatus"]],',
      '    "dryRun": [dry["Architectures"], kept["Architectures"], kept["RevisionId"] == after["RevisionId"]]}))',
    ]);
    assert.deepEqual(scenario, {
      created: ['Pending', 'Creating'],
      updated: ['Active', 'InProgress'],
      after: ['Active', 'Successful'],
      dryRun: [['arm64'], ['x86_64'], true],
    });
  });

  it('boto3: tags on event source mappings, code signing configs and capacity providers, by their ARNs', async () => {
    const scenario = await runBoto3Lambda(suite.cloud, [
      'mapping = client.create_event_source_mapping(FunctionName="breadth",',
      '    EventSourceArn="arn:aws:sqs:us-east-1:123456789012:tagged", Tags={"team": "queue"})',
      'signing = client.create_code_signing_config(Tags={"team": "sign"}, AllowedPublishers={',
      '    "SigningProfileVersionArns": ["arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/1"]})',
      'signing_arn = signing["CodeSigningConfig"]["CodeSigningConfigArn"]',
      'mapping_arn = mapping["EventSourceMappingArn"]',
      'client.tag_resource(Resource=mapping_arn, Tags={"stage": "dev"})',
      'client.untag_resource(Resource=signing_arn, TagKeys=["team"])',
      'tags = [client.list_tags(Resource=mapping_arn)["Tags"], client.list_tags(Resource=signing_arn)["Tags"]]',
      'client.delete_event_source_mapping(UUID=mapping["UUID"])',
      'try:',
      '    client.list_tags(Resource=mapping_arn)',
      '    gone = "listed"',
      'except client.exceptions.ResourceNotFoundException as error:',
      '    gone = error.response["Error"]["Code"]',
      'print(json.dumps({"tags": tags, "gone": gone}))',
    ]);
    assert.deepEqual(scenario, {
      tags: [{ team: 'queue', stage: 'dev' }, {}],
      gone: 'ResourceNotFoundException',
    });
  });
});
