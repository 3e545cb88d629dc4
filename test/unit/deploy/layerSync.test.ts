// `sync --code` for layers (as `sam sync --code`): a changed layer is published as a new version and the functions
// using it move to it (their alias too), once and under --watch; an unchanged layer publishes nothing.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAliasCommand, GetFunctionConfigurationCommand, ListLayerVersionsCommand } from '@aws-sdk/client-lambda';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { repoRoot } from '../../support/paths';
import { runCliIn, startCliIn, type RunningCli } from './cliRunner';

describe('serverless-workbench sync --code with a layer (against the local cloud)', function () {
  this.timeout(120000);
  let harness: LocalCloudHarness;
  let project: string;
  let watch: RunningCli | undefined;
  before(async () => {
    harness = await startHarness({ timeScale: 3000 });
    project = mkdtempSync(join(tmpdir(), 'sw-layer-sync-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
    const templatePath = join(project, 'template.yaml');
    writeFileSync(
      templatePath,
      readFileSync(templatePath, 'utf8')
        .replace(
          '      AutoPublishAlias: live\n',
          '      AutoPublishAlias: live\n      Layers:\n        - !Ref SharedLayer\n',
        )
        .replace(
          /^ {2}OrdersQueue:\n/m,
          '  SharedLayer:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layers/shared/\n' +
            '      Description: greetings\n      CompatibleRuntimes: [nodejs22.x]\n\n  OrdersQueue:\n',
        ),
    );
    mkdirSync(join(project, 'layers', 'shared', 'nodejs'), { recursive: true });
    writeFileSync(join(project, 'layers', 'shared', 'nodejs', 'greeting.js'), 'exports.greeting = "Hello";\n');
  });
  after(async () => {
    await watch?.stop('SIGKILL');
    rmSync(project, { recursive: true, force: true });
    await harness.stop();
  });

  it('publishes a changed layer and moves the functions using it (and their alias) to the new version', async () => {
    const endpoint = ['--endpoint-url', harness.cloud.endpoint];
    const deployed = await runCliIn(project, ['deploy', '--stack-name', 'layer-hello', ...endpoint]);
    assert.equal(deployed.code, 0, deployed.stderr + deployed.stdout);
    const layerFile = join(project, 'layers', 'shared', 'nodejs', 'greeting.js');
    const layerArnOf = async (functionName: string) =>
      (await harness.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }))).Layers?.[0]?.Arn;

    const unchanged = await runCliIn(project, ['sync', '--code', '--stack-name', 'layer-hello', ...endpoint]);
    assert.equal(unchanged.code, 0, unchanged.stderr);
    assert.match(unchanged.stdout, /^ {2}SharedLayer\s+unchanged$/m);

    writeFileSync(layerFile, 'exports.greeting = "Hi";\n');
    const synced = await runCliIn(project, ['sync', '--code', '--stack-name', 'layer-hello', ...endpoint]);
    assert.equal(synced.code, 0, synced.stderr);
    const published =
      /^ {2}SharedLayer\s+published (\S+:layer:\S+:2); now used by (\S+) \(version (\d+), alias live\)$/m.exec(
        synced.stdout,
      );
    assert.ok(published, synced.stdout);
    const [, layerVersionArn, functionName, version] = published;
    assert.equal(await layerArnOf(functionName!), layerVersionArn);
    const alias = await harness.lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: 'live' }));
    assert.equal(alias.FunctionVersion, version);
    const versions = await harness.lambda.send(
      new ListLayerVersionsCommand({ LayerName: layerVersionArn!.replace(/:2$/, '') }),
    );
    assert.equal(versions.LayerVersions?.[0]?.Description, 'greetings', 'the description is kept');

    // Under --watch: a layer edit publishes the next version.
    watch = startCliIn(project, ['sync', '--code', '--watch', '--stack-name', 'layer-hello', ...endpoint]);
    await watch.waitFor(/Watching \d+ folders for code changes/);
    const from = watch.output().stdout.length;
    writeFileSync(layerFile, 'exports.greeting = "Hey";\n');
    const again = await watch.waitFor(/SharedLayer\s+published (\S+:3); now used by/, from);
    assert.equal(await layerArnOf(functionName!), again[1]);
    const ended = await watch.stop('SIGINT');
    watch = undefined;
    assert.equal(ended.code, 0, ended.stderr);
  });
});
