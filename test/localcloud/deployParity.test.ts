// Issue #10's evidence: samples/hello-sam deployed by `serverless-workbench deploy` and by `aws cloudformation deploy`
// into the same local cloud gives the same stack: the same resources (logical IDs and types), outputs and
// parameters. awscli deploys the template `serverless-workbench package` made (Debian's awscli 2.9 sends
// `cloudformation package` uploads to real S3 whatever the endpoint, see AWS-FACTS.md); the zips are the same bytes
// either way, so even the content-hashed logical IDs (versions, API deployments) must match.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStackResourcesCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { clientConfig } from '../support/localCloudHarness';
import { repoRoot } from '../support/paths';
import { runCliIn } from '../unit/deploy/cliRunner';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

describe('deploy parity: serverless-workbench deploy and aws cloudformation deploy', () => {
  let cloud: FidelityCloud;
  let cloudFormation: CloudFormationClient;
  let ours: string;
  let peer: string;
  before(async () => {
    cloud = await startFidelityCloud();
    cloudFormation = new CloudFormationClient(clientConfig(cloud.endpoint));
    ours = mkdtempSync(join(tmpdir(), 'sw-parity-ours-'));
    peer = mkdtempSync(join(tmpdir(), 'sw-parity-peer-'));
    for (const project of [ours, peer]) {
      cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
      rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
    }
  });
  after(async () => {
    cloudFormation.destroy();
    await cloud.stop();
    rmSync(ours, { recursive: true, force: true });
    rmSync(peer, { recursive: true, force: true });
  });

  async function aws(...args: string[]): Promise<string> {
    const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, ...args], {
      env: clientEnvironment(),
      cwd: peer,
    });
    return stdout;
  }

  async function describe(stackName: string): Promise<{ stack: Stack; resources: string[] }> {
    const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    assert.ok(stack, stackName);
    const listed = await cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName }));
    const resources = (listed.StackResourceSummaries ?? [])
      .map((resource) => `${resource.LogicalResourceId ?? ''} ${resource.ResourceType ?? ''}`)
      .sort();
    return { stack, resources };
  }

  it('creates the same resources, outputs and parameters', async () => {
    const ourRun = await runCliIn(ours, ['deploy', '--endpoint-url', cloud.endpoint, '--stack-name', 'parity-ours']);
    assert.equal(ourRun.code, 0, ourRun.stderr + ourRun.stdout);

    const packaged = await runCliIn(peer, [
      'package',
      '--endpoint-url',
      cloud.endpoint,
      '--output-template-file',
      'packaged.yaml',
    ]);
    assert.equal(packaged.code, 0, packaged.stderr);
    const peerRun = await aws(
      'cloudformation',
      'deploy',
      '--template-file',
      'packaged.yaml',
      '--stack-name',
      'parity-peer',
      '--capabilities',
      'CAPABILITY_IAM',
      '--parameter-overrides',
      'Stage=dev',
    );
    assert.match(peerRun, /Successfully created\/updated stack - parity-peer/);

    const [mine, theirs] = await Promise.all([describe('parity-ours'), describe('parity-peer')]);
    assert.equal(mine.stack.StackStatus, 'CREATE_COMPLETE');
    assert.equal(theirs.stack.StackStatus, 'CREATE_COMPLETE');
    assert.ok(mine.resources.length >= 8, mine.resources.join('\n'));
    assert.deepEqual(mine.resources, theirs.resources);
    const outputKeys = (stack: Stack) => (stack.Outputs ?? []).map((output) => output.OutputKey).sort();
    assert.deepEqual(outputKeys(mine.stack), outputKeys(theirs.stack));
    const parameters = (stack: Stack) =>
      (stack.Parameters ?? []).map((parameter) => `${parameter.ParameterKey}=${parameter.ParameterValue}`).sort();
    assert.deepEqual(parameters(mine.stack), parameters(theirs.stack));
  });
});
