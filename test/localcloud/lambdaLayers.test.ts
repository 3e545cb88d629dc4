// Lambda layers through SDK v3, boto3 and the aws CLI against the local cloud process: publishing (zip and the
// local S3), listing with filters, reading by name and ARN, permissions, deletion, and a function using a layer.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AddLayerVersionPermissionCommand,
  CreateFunctionCommand,
  DeleteLayerVersionCommand,
  GetFunctionConfigurationCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  GetLayerVersionPolicyCommand,
  InvokeCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  PublishLayerVersionCommand,
  RemoveLayerVersionPermissionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { awsFailure, clientEnvironment, runBoto3Lambda, useFidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const ACCOUNT = '123456789012';
const LAYER = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:greeting`;

/** A Node layer: `require('greeting')` answers the word. */
function layerZip(word: string): Uint8Array {
  return zipSync(
    { 'nodejs/node_modules/greeting/index.js': strToU8(`module.exports = ${JSON.stringify(word)};\n`) },
    { mtime: '2020-01-01T00:00:00Z' },
  );
}

describe('fidelity: Lambda layers', () => {
  const suite = useFidelityCloud();

  it('SDK v3: publishes numbered versions from a zip and the local S3, lists newest first with filters', async () => {
    const first = await suite.lambda.send(
      new PublishLayerVersionCommand({
        LayerName: 'greeting',
        Description: 'hello',
        Content: { ZipFile: layerZip('hello') },
        CompatibleRuntimes: ['nodejs20.x'],
        CompatibleArchitectures: ['x86_64'],
        LicenseInfo: 'MIT',
      }),
    );
    assert.equal(first.$metadata.httpStatusCode, 201);
    assert.deepEqual([first.LayerArn, first.LayerVersionArn, first.Version], [LAYER, `${LAYER}:1`, 1]);
    assert.match(first.CreatedDate!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.equal(first.Content?.CodeSize, layerZip('hello').length);
    assert.match(first.Content.CodeSha256!, /^[A-Za-z0-9+/]{43}=$/);

    const s3 = new S3Client({
      endpoint: suite.cloud.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'layers' }));
    await s3.send(new PutObjectCommand({ Bucket: 'layers', Key: 'g.zip', Body: layerZip('bonjour') }));
    s3.destroy();
    const second = await suite.lambda.send(
      new PublishLayerVersionCommand({
        LayerName: LAYER,
        Content: { S3Bucket: 'layers', S3Key: 'g.zip' },
        CompatibleRuntimes: ['python3.12'],
      }),
    );
    assert.equal(second.Version, 2);
    const missingObject = await awsFailure(
      suite.lambda.send(
        new PublishLayerVersionCommand({ LayerName: 'greeting', Content: { S3Bucket: 'layers', S3Key: 'none' } }),
      ),
    );
    assert.equal(missingObject.name, 'InvalidParameterValueException');

    const versions = await suite.lambda.send(new ListLayerVersionsCommand({ LayerName: 'greeting' }));
    assert.deepEqual(
      versions.LayerVersions?.map((version) => version.Version),
      [2, 1],
    );
    const node = await suite.lambda.send(
      new ListLayerVersionsCommand({ LayerName: 'greeting', CompatibleRuntime: 'nodejs20.x' }),
    );
    assert.deepEqual(
      node.LayerVersions?.map((version) => [version.Version, version.LicenseInfo]),
      [[1, 'MIT']],
    );
    const layers = await suite.lambda.send(new ListLayersCommand({}));
    assert.deepEqual(
      layers.Layers?.map((layer) => [layer.LayerName, layer.LayerArn, layer.LatestMatchingVersion?.Version]),
      [['greeting', LAYER, 2]],
    );
    const filtered = await suite.lambda.send(new ListLayersCommand({ CompatibleRuntime: 'nodejs20.x' }));
    assert.equal(filtered.Layers?.[0]?.LatestMatchingVersion?.Version, 1);
    const none = await suite.lambda.send(new ListLayersCommand({ CompatibleRuntime: 'java21' }));
    assert.deepEqual(none.Layers, []);
  });

  it('SDK v3: reads a version by name and by ARN; a missing one is named in the error', async () => {
    const byName = await suite.lambda.send(new GetLayerVersionCommand({ LayerName: 'greeting', VersionNumber: 1 }));
    const byArn = await suite.lambda.send(new GetLayerVersionByArnCommand({ Arn: `${LAYER}:1` }));
    assert.deepEqual(byArn, { ...byName, $metadata: byArn.$metadata });
    assert.deepEqual(byName.CompatibleRuntimes, ['nodejs20.x']);
    assert.ok(byName.Content?.Location?.startsWith('http'));
    const missing = await awsFailure(
      suite.lambda.send(new GetLayerVersionCommand({ LayerName: 'greeting', VersionNumber: 9 })),
    );
    assert.deepEqual(
      [missing.name, missing.status, missing.message],
      ['ResourceNotFoundException', 404, `Layer version ${LAYER}:9 does not exist.`],
    );
  });

  it('SDK v3: layer version permissions with revision ids', async () => {
    const added = await suite.lambda.send(
      new AddLayerVersionPermissionCommand({
        LayerName: 'greeting',
        VersionNumber: 1,
        StatementId: 'xaccount',
        Action: 'lambda:GetLayerVersion',
        Principal: '210987654321',
      }),
    );
    assert.deepEqual(JSON.parse(added.Statement!), {
      Sid: 'xaccount',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::210987654321:root' },
      Action: 'lambda:GetLayerVersion',
      Resource: `${LAYER}:1`,
    });
    await suite.lambda.send(
      new AddLayerVersionPermissionCommand({
        LayerName: 'greeting',
        VersionNumber: 1,
        StatementId: 'org',
        Action: 'lambda:GetLayerVersion',
        Principal: '*',
        OrganizationId: 'o-abcdefghij',
        RevisionId: added.RevisionId,
      }),
    );
    const policy = await suite.lambda.send(
      new GetLayerVersionPolicyCommand({ LayerName: 'greeting', VersionNumber: 1 }),
    );
    const statements = (JSON.parse(policy.Policy!) as { Statement: { Sid: string; Condition?: unknown }[] }).Statement;
    assert.deepEqual(
      statements.map((statement) => [statement.Sid, statement.Condition]),
      [
        ['xaccount', undefined],
        ['org', { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } }],
      ],
    );
    const stale = await awsFailure(
      suite.lambda.send(
        new RemoveLayerVersionPermissionCommand({
          LayerName: 'greeting',
          VersionNumber: 1,
          StatementId: 'org',
          RevisionId: added.RevisionId,
        }),
      ),
    );
    assert.deepEqual([stale.name, stale.status], ['PreconditionFailedException', 412]);
    const badAction = await awsFailure(
      suite.lambda.send(
        new AddLayerVersionPermissionCommand({
          LayerName: 'greeting',
          VersionNumber: 1,
          StatementId: 'bad',
          Action: 'lambda:InvokeFunction',
          Principal: '*',
        }),
      ),
    );
    assert.equal(badAction.name, 'ValidationException');
    await suite.lambda.send(
      new RemoveLayerVersionPermissionCommand({ LayerName: 'greeting', VersionNumber: 1, StatementId: 'org' }),
    );
    await suite.lambda.send(
      new RemoveLayerVersionPermissionCommand({ LayerName: 'greeting', VersionNumber: 1, StatementId: 'xaccount' }),
    );
    const noPolicy = await awsFailure(
      suite.lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'greeting', VersionNumber: 1 })),
    );
    assert.deepEqual(
      [noPolicy.name, noPolicy.message],
      ['ResourceNotFoundException', 'No policy is associated with the given resource.'],
    );
  });

  it('SDK v3: a function runs with its layer; unknown and foreign-region layers are refused', async () => {
    const source = "exports.handler = async () => ({ word: require('greeting') });\n";
    const created = await suite.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'layered',
        Runtime: 'nodejs20.x',
        Role: `arn:aws:iam::${ACCOUNT}:role/r`,
        Handler: 'index.handler',
        Code: { ZipFile: zipSync({ 'index.js': strToU8(source) }) },
        Layers: [`${LAYER}:1`],
      }),
    );
    assert.deepEqual(created.Layers, [{ Arn: `${LAYER}:1`, CodeSize: layerZip('hello').length }]);
    assert.deepEqual([created.State, created.StateReasonCode], ['Pending', 'Creating']);
    const settled = await suite.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'layered' }));
    assert.deepEqual([settled.State, settled.LastUpdateStatus], ['Active', 'Successful']);
    const invoked = await suite.lambda.send(new InvokeCommand({ FunctionName: 'layered' }));
    assert.deepEqual(JSON.parse(Buffer.from(invoked.Payload!).toString('utf8')), { word: 'hello' });

    const unknown = await awsFailure(
      suite.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'layered', Layers: [`${LAYER}:7`] })),
    );
    assert.deepEqual(
      [unknown.name, unknown.message],
      ['InvalidParameterValueException', `Layer version ${LAYER}:7 does not exist.`],
    );
    const elsewhere = await awsFailure(
      suite.lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: 'layered',
          Layers: [`arn:aws:lambda:eu-west-1:${ACCOUNT}:layer:greeting:1`],
        }),
      ),
    );
    assert.equal(elsewhere.name, 'InvalidParameterValueException');
    const updated = await suite.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'layered', Layers: [`${LAYER}:2`] }),
    );
    assert.equal(updated.LastUpdateStatus, 'InProgress');
    const again = await suite.lambda.send(new InvokeCommand({ FunctionName: 'layered' }));
    assert.deepEqual(JSON.parse(Buffer.from(again.Payload!).toString('utf8')), { word: 'bonjour' });
  });

  it('boto3 and the aws CLI: publish, list, get, delete', async () => {
    const scenario = await runBoto3Lambda(suite.cloud, [
      'buffer = io.BytesIO()',
      'with zipfile.ZipFile(buffer, "w") as archive:',
      '    archive.writestr("python/util.py", "X = 1\\n")',
      'published = client.publish_layer_version(LayerName="py-util", Content={"ZipFile": buffer.getvalue()},',
      '    CompatibleRuntimes=["python3.12"])',
      'listed = client.list_layer_versions(LayerName="py-util")["LayerVersions"]',
      'client.delete_layer_version(LayerName="py-util", VersionNumber=published["Version"])',
      'client.delete_layer_version(LayerName="py-util", VersionNumber=published["Version"])',
      'try:',
      '    client.get_layer_version(LayerName="py-util", VersionNumber=published["Version"])',
      '    code = "none"',
      'except client.exceptions.ResourceNotFoundException as error:',
      '    code = error.response["Error"]["Code"]',
      'republished = client.publish_layer_version(LayerName="py-util", Content={"ZipFile": buffer.getvalue()})',
      'print(json.dumps({"arn": published["LayerVersionArn"], "listed": [v["Version"] for v in listed],',
      '    "code": code, "next": republished["Version"]}))',
    ]);
    assert.deepEqual(scenario, {
      arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:py-util:1`,
      listed: [1],
      code: 'ResourceNotFoundException',
      next: 2,
    });
    const cli = await run(
      'aws',
      ['lambda', 'list-layers', '--endpoint-url', suite.cloud.endpoint, '--output', 'json'],
      {
        env: clientEnvironment(),
      },
    );
    const names = (JSON.parse(cli.stdout) as { Layers: { LayerName: string }[] }).Layers.map(
      (layer) => layer.LayerName,
    );
    assert.deepEqual(names, ['greeting', 'py-util']);
    await suite.lambda.send(new DeleteLayerVersionCommand({ LayerName: 'greeting', VersionNumber: 2 }));
    const left = await suite.lambda.send(new ListLayerVersionsCommand({ LayerName: 'greeting' }));
    assert.deepEqual(
      left.LayerVersions?.map((version) => version.Version),
      [1],
    );
  });
});
