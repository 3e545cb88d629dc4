import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { SamTransformError } from '../../../src/core/sam/samTransformError';
import { LOCAL_ARTIFACT_NOTE, transformTemplateText } from '../../../src/core/sam/transformedTemplate';
import { repoRoot } from '../../support/paths';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runTransform(args: string[], cwd: string): Run {
  // The loader is given by path: the command runs in a folder outside the repository.
  const loader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const result = spawnSync(
    process.execPath,
    ['--import', loader, join(repoRoot, 'src', 'cli.ts'), 'transform', ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, AWS_REGION: '' } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

const SAMPLE = readFileSync(join(repoRoot, 'samples', 'hello-sam', 'template.yaml'), 'utf8');

describe('serverless-workbench transform', function () {
  // Each case starts the CLI through tsx: seconds apiece on a loaded machine.
  this.timeout(60_000);
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sw-transform-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam', 'template.yaml'), join(folder, 'template.yaml'));
    writeFileSync(join(folder, 'bad.yaml'), SAMPLE.replace('AutoPublishAlias: live', "AutoPublishAlias: ''"));
    writeFileSync(
      join(folder, 'aliased.yaml'),
      SAMPLE.replace('AutoPublishAlias: live', 'AutoPublishAlias: !Ref AliasName').replace(
        'Parameters:\n',
        'Parameters:\n  AliasName:\n    Type: String\n    Default: live\n',
      ),
    );
    writeFileSync(
      join(folder, 'gap.yaml'),
      SAMPLE.replace(
        '- SQSSendMessagePolicy:\n            QueueName: !GetAtt OrdersQueue.QueueName',
        '- TextractDetectAnalyzePolicy: {}',
      ),
    );
    writeFileSync(join(folder, 'plain.json'), '{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it("prints the sample app's CloudFormation, in the template's format by default", () => {
    const result = runTransform([], folder);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.startsWith(`# ${LOCAL_ARTIFACT_NOTE}\n`));
    const template = parseYaml(result.stdout) as { Resources: Resources; Transform?: unknown; Globals?: unknown };
    assert.equal(template.Transform, undefined);
    assert.equal(template.Globals, undefined);
    const types = Object.fromEntries(Object.entries(template.Resources).map(([id, resource]) => [id, resource.Type]));
    for (const [id, type] of Object.entries({
      UsersFunction: 'AWS::Lambda::Function',
      UsersFunctionRole: 'AWS::IAM::Role',
      UsersFunctionAliaslive: 'AWS::Lambda::Alias',
      ServerlessRestApi: 'AWS::ApiGateway::RestApi',
      ServerlessRestApiProdStage: 'AWS::ApiGateway::Stage',
      UsersFunctionGetUserPermissionProd: 'AWS::Lambda::Permission',
      OrderProcessorFunctionOrdersFromQueue: 'AWS::Lambda::EventSourceMapping',
      OrderProcessorFunctionNightlySummary: 'AWS::Events::Rule',
      ServerlessDeploymentApplication: 'AWS::CodeDeploy::Application',
    })) {
      assert.equal(types[id], type, `${id} in ${Object.keys(types).join(', ')}`);
    }
    assert.deepEqual(template.Resources.UsersFunction?.Properties?.Code, {
      S3Bucket: 'local-artifact',
      S3Key: 'src/users/',
    });
  });

  it('writes JSON with --format json, to a file with -o, with parameter overrides', () => {
    const result = runTransform(
      ['aliased.yaml', '--format', 'json', '-o', 'out.json', '--parameter-overrides', 'AliasName=blue'],
      folder,
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    const template = JSON.parse(readFileSync(join(folder, 'out.json'), 'utf8')) as { Resources: Resources };
    assert.equal(template.Resources.UsersFunctionAliasblue?.Type, 'AWS::Lambda::Alias');
    assert.equal(template.Resources.UsersFunctionAliaslive, undefined);
  });

  it("exits 1 with AWS's message and the line of each problem", () => {
    const result = runTransform(['-t', 'bad.yaml'], folder);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      "Error: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [UsersFunction] is invalid. 'AutoPublishAlias' cannot be an empty string.\n" +
        "bad.yaml:37:25: Resource with id [UsersFunction] is invalid. 'AutoPublishAlias' cannot be an empty string.\n",
    );
  });

  it('says so when the refusal is a gap of ours, not a fault AWS would raise', () => {
    const result = runTransform(['gap.yaml'], folder);
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^gap\.yaml:\d+:\d+: Resource with id \[UsersFunction\] is invalid\. .*Policy at index 0/m,
    );
    assert.match(
      result.stderr,
      /Serverless Workbench's SAM transform does not cover this yet; AWS's translator accepts the template\.\n$/,
    );
    assert.doesNotMatch(runTransform(['bad.yaml'], folder).stderr, /does not cover/);
  });

  it('prints a template without the SAM transform as it is, and says so', () => {
    const result = runTransform(['plain.json'], folder);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });
    assert.match(result.stderr, /plain\.json does not use the SAM transform; printed as it is\./);
  });

  it('exits 2 on bad arguments and unreadable templates', () => {
    assert.equal(runTransform(['--format', 'xml'], folder).status, 2);
    assert.equal(runTransform(['a.yaml', 'b.yaml'], folder).status, 2);
    assert.match(runTransform(['missing.yaml'], folder).stderr, /Cannot read the template .*missing\.yaml/);
    const help = runTransform(['--help'], folder);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--format json\|yaml/);
  });
});

describe('transformTemplateText', () => {
  it('transforms text into JSON or YAML and counts the local paths it stood in for', () => {
    const json = transformTemplateText(SAMPLE, { format: 'json' });
    assert.equal(json.transformed, true);
    assert.equal(json.localArtifacts, 2);
    assert.equal(
      (JSON.parse(json.text) as { Resources: Resources }).Resources.UsersFunction?.Type,
      'AWS::Lambda::Function',
    );
    const yaml = transformTemplateText(SAMPLE);
    assert.equal(yaml.format, 'yaml');
    assert.deepEqual(parseYaml(yaml.text), JSON.parse(json.text));
  });

  it('throws the translator error, and a clear error for text that is not a template', () => {
    assert.throws(
      () => transformTemplateText(SAMPLE.replace('AutoPublishAlias: live', "AutoPublishAlias: ''")),
      (error: unknown) => error instanceof SamTransformError && error.problems.length === 1,
    );
    assert.throws(() => transformTemplateText('Resources: [unclosed', { path: 'x.yaml' }), /x\.yaml:1: /);
  });
});
