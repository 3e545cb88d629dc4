import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { findOrStartLocalCloud } from '../../../src/cli/cliLocalCloud';
import { silentLogger } from '../../../src/core/logger';
import { probeLocalCloud } from '../../../src/localcloud/localCloudHealth';
import { repoRoot } from '../../support/paths';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { freePort, runCliIn } from './cliRunner';

describe('serverless-workbench package', () => {
  let harness: LocalCloudHarness;
  let project: string;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.stop());
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'sw-package-cli-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('prints the packaged template on stdout and creates the managed bucket on first use', async () => {
    const result = await runCliIn(project, ['package', '--endpoint-url', harness.cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /CodeUri: s3:\/\/serverless-workbench-managed-us-east-1\/[0-9a-f]{32}\n/);
    assert.match(result.stderr, /Created the bucket serverless-workbench-managed-us-east-1/);
    assert.match(result.stderr, /Uploaded [0-9a-f]{32} \(\d+ B\)/);
    const second = await runCliIn(project, ['package', '--endpoint-url', harness.cloud.endpoint, '--use-json']);
    assert.equal(second.code, 0, second.stderr);
    const template = JSON.parse(second.stdout) as { Resources: Record<string, { Properties: { CodeUri?: string } }> };
    assert.equal(
      template.Resources['UsersFunction']!.Properties.CodeUri,
      /CodeUri: (s3:\/\/\S+)\n/.exec(result.stdout)![1],
      'the same code packs to the same key',
    );
    assert.doesNotMatch(second.stderr, /Uploaded/);
    assert.doesNotMatch(second.stderr, /NodeVersionSupportWarning/);
  });

  it('reads the bucket and prefix from samconfig.toml, and writes --output-template-file', async () => {
    writeFileSync(
      join(project, 'samconfig.toml'),
      'version = 0.1\n[default.global.parameters]\nregion = "eu-west-1"\n[default.package.parameters]\ns3_bucket = "from-samconfig"\ns3_prefix = "hello"\n',
    );
    const { CreateBucketCommand } = await import('@aws-sdk/client-s3');
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'from-samconfig' }));
    const result = await runCliIn(project, [
      'package',
      '--endpoint-url',
      harness.cloud.endpoint,
      '--output-template-file',
      'packaged.yaml',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote output template to file packaged.yaml/);
    assert.match(readFileSync(join(project, 'packaged.yaml'), 'utf8'), /CodeUri: s3:\/\/from-samconfig\/hello\//);
    const listed = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'from-samconfig' }));
    assert.equal(listed.KeyCount, 2);
  });

  it('fails with the resource and path when code is missing, and with usage errors for bad flags', async () => {
    writeFileSync(
      join(project, 'template.yaml'),
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: gone/\n',
    );
    const missing = await runCliIn(project, ['package', '--endpoint-url', harness.cloud.endpoint]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /CodeUri of resource Fn refers to a file or folder that does not exist/);
    const conflicting = await runCliIn(project, ['package', '--endpoint-url', 'http://x', '--profile', 'p']);
    assert.equal(conflicting.code, 2);
    assert.match(conflicting.stderr, /--endpoint-url cannot be combined with --profile/);
    const unknown = await runCliIn(project, ['package', '--bogus']);
    assert.match(unknown.stderr, /Unknown option --bogus[\s\S]*package --help/);
  });
});

describe('CLI local cloud: found by its health endpoint, else started in the background', () => {
  it('starts one that outlives the call, then finds it', async () => {
    const port = await freePort();
    const state = mkdtempSync(join(tmpdir(), 'sw-cli-cloud-'));
    const started = await findOrStartLocalCloud({ port, stateDirectory: state, logger: silentLogger });
    try {
      assert.ok(started.startedPid);
      assert.ok(started.health.services.includes('s3'));
      const found = await findOrStartLocalCloud({ port, stateDirectory: state, logger: silentLogger });
      assert.equal(found.startedPid, undefined);
      assert.equal(found.endpoint, started.endpoint);
      assert.match(readFileSync(join(state, 'localcloud.log'), 'utf8'), /"event":"ready"/);
    } finally {
      process.kill(started.startedPid!, 'SIGTERM');
      for (let attempt = 0; attempt < 100 && (await probeLocalCloud(started.endpoint, 200)); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      rmSync(state, { recursive: true, force: true });
    }
  });

  it('explains a port held by another program', async () => {
    const blocker = createServer(() => undefined);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const state = mkdtempSync(join(tmpdir(), 'sw-cli-cloud-'));
    try {
      await assert.rejects(
        findOrStartLocalCloud({ port, stateDirectory: state, logger: silentLogger }),
        /Port \d+ is used by another program/,
      );
    } finally {
      blocker.close();
      rmSync(state, { recursive: true, force: true });
    }
  });
});

describe('serverless-workbench build', function () {
  this.timeout(60000);
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'sw-build-cli-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('prints a line per function, then what to run next; the second run finds everything up to date', async () => {
    const first = await runCliIn(project, ['build']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /UsersFunction\s+npm\s+built in \d+ ms/);
    assert.match(first.stdout, /OrderProcessorFunction\s+pip\s+built in \d+ ms/);
    assert.match(first.stdout, /Built Template\s+: .*\.aws-sam\/build\/template\.yaml/);
    const second = await runCliIn(project, ['build', 'UsersFunction']);
    assert.match(second.stdout, /UsersFunction\s+npm\s+up to date/);
    assert.doesNotMatch(second.stdout, /OrderProcessorFunction/);
  });

  it('refuses --use-container (exit 2) and reports a build failure with exit 1 and the reason', async () => {
    const container = await runCliIn(project, ['build', '--use-container']);
    assert.equal(container.code, 2);
    assert.match(container.stderr, /--use-container is not supported/);
    writeFileSync(
      join(project, 'template.yaml'),
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: nope/, Handler: a.b, Runtime: nodejs20.x }\n',
    );
    const missing = await runCliIn(project, ['build']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /CodeUri of Fn points at .*nope, which does not exist/);
  });
});
