import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import * as awsClients from '../../../src/core/aws/awsClients';
import { ArtifactUploader } from '../../../src/core/deploy/artifactUploader';
import { packageTemplate } from '../../../src/core/deploy/packageTemplate';
import { createS3ArtifactStore } from '../../../src/core/deploy/s3ArtifactStore';
import { parseTemplateText } from '../../../src/core/deploy/templateFile';
import type { WorkbenchError } from '../../../src/core/errors';
import { repoRoot } from '../../support/paths';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';

const BUCKET = 'artifacts';

describe('deploy: packaging against the local cloud S3', () => {
  let harness: LocalCloudHarness;
  let project: string;
  let uploads: Array<{ key: string; uploaded: boolean }>;
  let uploader: ArtifactUploader;

  beforeEach(async () => {
    harness = await startHarness();
    await harness.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    project = mkdtempSync(join(tmpdir(), 'sw-package-'));
    uploads = [];
    uploader = new ArtifactUploader(
      createS3ArtifactStore({
        clients: awsClients,
        s3: harness.s3,
        bucket: BUCKET,
        region: 'us-east-1',
        endpoint: harness.cloud.endpoint,
      }),
      { prefix: 'app', onArtifact: (artifact) => uploads.push({ key: artifact.key, uploaded: artifact.uploaded }) },
    );
  });
  afterEach(async () => {
    rmSync(project, { recursive: true, force: true });
    await harness.stop();
  });

  async function objectBytes(key: string): Promise<Uint8Array> {
    const object = await harness.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return object.Body!.transformToByteArray();
  }

  it('packages the sample app: code zipped, CodeUri rewritten, the same keys and no uploads the second time', async () => {
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    const packaged = await packageTemplate(join(project, 'template.yaml'), uploader);
    const resources = packaged.template['Resources'] as Record<string, { Properties: Record<string, unknown> }>;
    const usersCode = resources['UsersFunction']!.Properties['CodeUri'] as string;
    const ordersCode = resources['OrderProcessorFunction']!.Properties['CodeUri'] as string;
    assert.match(usersCode, /^s3:\/\/artifacts\/app\/[0-9a-f]{32}$/);
    assert.notEqual(usersCode, ordersCode);
    const files = unzipSync(await objectBytes(usersCode.slice('s3://artifacts/'.length)));
    assert.deepEqual(Object.keys(files), ['app.mjs']);
    assert.deepEqual(
      packaged.artifacts.map((artifact) => [artifact.logicalId, artifact.property]),
      [
        ['OrderProcessorFunction', 'CodeUri'],
        ['UsersFunction', 'CodeUri'],
      ],
    );
    // Intrinsics come out in long form, everything else untouched.
    assert.deepEqual((resources['UsersFunction']!.Properties['Environment'] as { Variables: unknown }).Variables, {
      GREETING_PREFIX: { Ref: 'GreetingPrefix' },
      ORDERS_QUEUE_URL: { Ref: 'OrdersQueue' },
    });
    assert.ok(uploads.every((upload) => upload.uploaded));

    // A later run (a fresh uploader) finds both zips in the bucket: same bytes, same keys, nothing sent.
    const later: boolean[] = [];
    const secondUploader = new ArtifactUploader(uploader.store, {
      prefix: 'app',
      onArtifact: (artifact) => later.push(artifact.uploaded),
    });
    const again = await packageTemplate(join(project, 'template.yaml'), secondUploader);
    assert.deepEqual(again.template, packaged.template);
    assert.deepEqual(later, [false, false]);
  });

  it('rewrites every kind of packageable property as aws cloudformation package does', async () => {
    mkdirSync(join(project, 'code'));
    writeFileSync(join(project, 'code', 'index.js'), 'exports.handler = async () => 1;\n');
    writeFileSync(join(project, 'single.py'), 'def handler(e, c):\n    return 1\n');
    writeFileSync(join(project, 'api.yaml'), 'openapi: 3.0.1\n');
    writeFileSync(join(project, 'machine.asl.json'), '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}');
    writeFileSync(join(project, 'include.yaml'), 'Type: AWS::SNS::Topic\n');
    writeFileSync(join(project, 'README.md'), '# readme\n');
    writeFileSync(join(project, 'schema.graphql'), 'type Query { a: String }\n');
    writeFileSync(join(project, 'resolver.js'), 'export function request() {}\n');
    // The nested template's paths start at its own folder.
    mkdirSync(join(project, 'nested', 'code'), { recursive: true });
    writeFileSync(join(project, 'nested', 'code', 'index.js'), 'exports.handler = async () => 2;\n');
    writeFileSync(
      join(project, 'nested', 'nested.yaml'),
      'Resources:\n  Inner:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: code/\n      Handler: index.handler\n      Runtime: nodejs20.x\n',
    );
    writeFileSync(
      join(project, 'template.yaml'),
      `Transform: AWS::Serverless-2016-10-31
Metadata:
  AWS::ServerlessRepo::Application:
    Name: app
    ReadmeUrl: README.md
Resources:
  Sam:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: code/, Handler: index.handler, Runtime: nodejs20.x }
  SingleFile:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: single.py, Handler: single.handler, Runtime: python3.12 }
  Inline:
    Type: AWS::Serverless::Function
    Properties: { InlineCode: "exports.handler = 1", Handler: index.handler, Runtime: nodejs20.x }
  Plain:
    Type: AWS::Lambda::Function
    Properties: { Code: code, Handler: index.handler, Runtime: nodejs20.x, Role: r }
  AlreadyInS3:
    Type: AWS::Lambda::Function
    Properties: { Code: s3://other-bucket/key.zip, Handler: index.handler, Runtime: nodejs20.x, Role: r }
  ZipFile:
    Type: AWS::Lambda::Function
    Properties: { Code: { ZipFile: "exports.handler = 1" }, Handler: index.handler, Runtime: nodejs20.x, Role: r }
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, DefinitionUri: api.yaml }
  BodyApi:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, DefinitionBody: { openapi: 3.0.1 } }
  Rest:
    Type: AWS::ApiGateway::RestApi
    Properties: { BodyS3Location: api.yaml }
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties: { DefinitionUri: machine.asl.json }
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: code }
  Graph:
    Type: AWS::Serverless::GraphQLApi
    Properties:
      SchemaUri: schema.graphql
      Functions: { First: { CodeUri: resolver.js }, Second: { InlineCode: x } }
      Resolvers: { Query: { A: { CodeUri: resolver.js } } }
  Nested:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: nested/nested.yaml }
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: https://example.com/t.yaml }
  Included:
    Fn::Transform: { Name: AWS::Include, Parameters: { Location: include.yaml } }
  Fn::ForEach::Topics:
    - Name
    - [A, B]
    - Fn\${Name}:
        Type: AWS::Serverless::Function
        Properties: { CodeUri: code/, Handler: index.handler, Runtime: nodejs20.x }
`,
    );
    const packaged = await packageTemplate(join(project, 'template.yaml'), uploader);
    const resources = packaged.template['Resources'] as Record<string, { Properties?: Record<string, unknown> }>;
    const props = (id: string) => resources[id]!.Properties!;
    const key = (url: unknown) => String(url).replace('s3://artifacts/', '');

    assert.match(String(props('Sam')['CodeUri']), /^s3:\/\/artifacts\/app\/[0-9a-f]{32}$/);
    assert.deepEqual(Object.keys(unzipSync(await objectBytes(key(props('SingleFile')['CodeUri'])))), ['single.py']);
    assert.equal(props('Inline')['CodeUri'], undefined);
    // The same folder is one artifact, whichever property names it.
    assert.deepEqual(props('Plain')['Code'], { S3Bucket: 'artifacts', S3Key: key(props('Sam')['CodeUri']) });
    assert.equal(props('Layer')['ContentUri'], props('Sam')['CodeUri']);
    assert.deepEqual(props('AlreadyInS3')['Code'], { S3Bucket: 'other-bucket', S3Key: 'key.zip' });
    assert.deepEqual(props('ZipFile')['Code'], { ZipFile: 'exports.handler = 1' });
    // Definition files go up as they are.
    assert.equal(Buffer.from(await objectBytes(key(props('Api')['DefinitionUri']))).toString(), 'openapi: 3.0.1\n');
    assert.equal(props('BodyApi')['DefinitionUri'], undefined);
    assert.deepEqual(props('Rest')['BodyS3Location'], { Bucket: 'artifacts', Key: key(props('Api')['DefinitionUri']) });
    const machine = props('Machine')['DefinitionUri'] as { Bucket: string; Key: string };
    assert.equal(machine.Bucket, 'artifacts');
    assert.match(Buffer.from(await objectBytes(machine.Key)).toString(), /StartAt/);
    const graph = props('Graph') as {
      SchemaUri: string;
      Functions: Record<string, Record<string, unknown>>;
      Resolvers: { Query: { A: { CodeUri: string } } };
    };
    assert.match(graph.SchemaUri, /^s3:\/\//);
    assert.match(String(graph.Functions['First']!['CodeUri']), /^s3:\/\//);
    assert.equal(graph.Functions['Second']!['CodeUri'], undefined);
    assert.equal(graph.Resolvers.Query.A.CodeUri, graph.Functions['First']!['CodeUri']);
    assert.equal(props('Remote')['TemplateURL'], 'https://example.com/t.yaml');
    // Nested templates: packaged themselves, uploaded as .template, referenced by a path-style URL.
    const nestedUrl = String(props('Nested')['TemplateURL']);
    assert.match(nestedUrl, new RegExp(`^${harness.cloud.endpoint}/artifacts/app/[0-9a-f]{32}\\.template$`));
    const nested = parseTemplateText(
      Buffer.from(await objectBytes(nestedUrl.slice(`${harness.cloud.endpoint}/artifacts/`.length))).toString(),
      'nested',
    ).template as { Resources: { Inner: { Properties: { CodeUri: string } } } };
    assert.match(nested.Resources.Inner.Properties.CodeUri, /^s3:\/\/artifacts\/app\//);
    assert.notEqual(nested.Resources.Inner.Properties.CodeUri, props('Sam')['CodeUri']);
    const include = (resources['Included'] as unknown as { 'Fn::Transform': { Parameters: { Location: string } } })[
      'Fn::Transform'
    ];
    assert.match(include.Parameters.Location, /^s3:\/\/artifacts\/app\//);
    const loop = resources['Fn::ForEach::Topics'] as unknown as [
      string,
      string[],
      Record<string, { Properties: Record<string, unknown> }>,
    ];
    assert.equal(Object.values(loop[2])[0]!.Properties['CodeUri'], props('Sam')['CodeUri']);
    const metadata = packaged.template['Metadata'] as Record<string, Record<string, string>>;
    assert.match(metadata['AWS::ServerlessRepo::Application']!['ReadmeUrl']!, /^s3:\/\//);
    const head = await harness.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key(props('Sam')['CodeUri']) }));
    assert.ok((head.ContentLength ?? 0) > 0);
  });

  it('packages a CodeUri in Globals once and leaves functions that inherit it alone', async () => {
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'index.js'), 'exports.handler = async () => 1;\n');
    writeFileSync(
      join(project, 'template.yaml'),
      'Globals:\n  Function:\n    CodeUri: src/\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n',
    );
    const packaged = await packageTemplate(join(project, 'template.yaml'), uploader);
    const globals = packaged.template['Globals'] as { Function: { CodeUri: string } };
    assert.match(globals.Function.CodeUri, /^s3:\/\//);
    const resources = packaged.template['Resources'] as Record<string, { Properties: Record<string, unknown> }>;
    assert.equal(resources['A']!.Properties['CodeUri'], undefined);
    const listed = await harness.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    assert.equal(listed.KeyCount, 1);
  });

  it('names the resource, property and path when a local artifact does not exist', async () => {
    writeFileSync(
      join(project, 'template.yaml'),
      'Resources:\n  Broken:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: nowhere/\n',
    );
    await assert.rejects(packageTemplate(join(project, 'template.yaml'), uploader), (error: WorkbenchError) => {
      assert.equal(error.code, 'InvalidLocalPath');
      assert.match(error.message, /CodeUri of resource Broken .*nowhere/);
      return true;
    });
  });

  it('refuses a template that includes itself', async () => {
    writeFileSync(
      join(project, 'template.yaml'),
      'Resources:\n  Self:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: template.yaml\n',
    );
    await assert.rejects(packageTemplate(join(project, 'template.yaml'), uploader), /deeper than 10 levels/);
  });
});
