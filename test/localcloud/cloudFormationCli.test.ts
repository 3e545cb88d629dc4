// CloudFormation through the `aws` CLI (Debian's awscli 2.9, `--endpoint-url`), as a user types it: deploy a
// packaged SAM application (code uploaded by our packager: awscli 2.9's `cloudformation package` ignores the
// endpoint for its S3 uploads, see AWS-FACTS.md), events, the processed template, a change set left for review,
// an invalid SAM template, and delete-stack.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INVALID_SAM_TEMPLATE, packageSampleToFile } from './cloudFormationScenario';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

describe('fidelity: CloudFormation through the aws CLI', () => {
  let cloud: FidelityCloud;
  let directory: string;
  before(async () => {
    cloud = await startFidelityCloud();
    directory = mkdtempSync(join(tmpdir(), 'sw-cfn-cli-'));
    await packageSampleToFile(cloud.endpoint, 'cli-artifacts', join(directory, 'packaged.yaml'));
    writeFileSync(join(directory, 'invalid.yaml'), INVALID_SAM_TEMPLATE);
  });
  after(async () => {
    await cloud.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  async function aws(...args: string[]): Promise<string> {
    const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args], {
      env: clientEnvironment(),
      cwd: directory,
    });
    return stdout;
  }

  async function awsFailure(...args: string[]): Promise<string> {
    try {
      await aws(...args);
    } catch (error) {
      return `${(error as { stdout: string }).stdout}${(error as { stderr: string }).stderr}`;
    }
    assert.fail(`aws ${args.join(' ')} succeeded`);
  }

  const deploy = (...extra: string[]) =>
    aws(
      'cloudformation',
      'deploy',
      '--template-file',
      'packaged.yaml',
      '--stack-name',
      'hello-cli',
      '--capabilities',
      'CAPABILITY_IAM',
      'CAPABILITY_AUTO_EXPAND',
      ...extra,
    );

  it('deploys hello-sam with `aws cloudformation deploy` and runs its function', async () => {
    const output = await deploy('--parameter-overrides', 'GreetingPrefix=Hey');
    assert.match(output, /Successfully created\/updated stack - hello-cli/);
    const stacks = JSON.parse(await aws('cloudformation', 'describe-stacks', '--stack-name', 'hello-cli')) as {
      Stacks: { StackStatus: string; Outputs: { OutputKey: string; OutputValue: string }[] }[];
    };
    assert.equal(stacks.Stacks[0]!.StackStatus, 'CREATE_COMPLETE');
    const alias = stacks.Stacks[0]!.Outputs.find((output) => output.OutputKey === 'UsersFunctionAlias')!.OutputValue;
    await aws(
      'lambda',
      'invoke',
      '--function-name',
      alias,
      '--cli-binary-format',
      'raw-in-base64-out',
      '--payload',
      '{"pathParameters":{"id":"3"}}',
      'out.json',
    );
    const { stdout } = await run('cat', [join(directory, 'out.json')]);
    assert.match(stdout, /Hey, user 3!/);
  });

  it('shows the events newest first and the processed template', async () => {
    const events = JSON.parse(await aws('cloudformation', 'describe-stack-events', '--stack-name', 'hello-cli')) as {
      StackEvents: { LogicalResourceId: string; ResourceStatus: string; ResourceStatusReason?: string }[];
    };
    assert.deepEqual(
      [events.StackEvents[0]!.LogicalResourceId, events.StackEvents[0]!.ResourceStatus],
      ['hello-cli', 'CREATE_COMPLETE'],
    );
    assert.equal(events.StackEvents.at(-1)!.ResourceStatus, 'REVIEW_IN_PROGRESS');
    const processed = JSON.parse(
      await aws('cloudformation', 'get-template', '--stack-name', 'hello-cli', '--template-stage', 'Processed'),
    ) as {
      TemplateBody: { Resources: Record<string, { Type: string }>; Transform?: string };
    };
    assert.equal(processed.TemplateBody.Resources.UsersFunction!.Type, 'AWS::Lambda::Function');
    assert.equal(processed.TemplateBody.Transform, undefined);
  });

  it('says there is nothing to deploy when nothing changed', async () => {
    assert.match(
      await deploy('--parameter-overrides', 'GreetingPrefix=Hey'),
      /No changes to deploy\. Stack hello-cli is up to date/,
    );
  });

  it('answers get-template of a change set not executed with the transformed template', async () => {
    await aws(
      'cloudformation',
      'create-change-set',
      '--stack-name',
      'hello-cli',
      '--change-set-name',
      'review',
      '--template-body',
      'file://packaged.yaml',
      '--capabilities',
      'CAPABILITY_IAM',
      '--parameters',
      'ParameterKey=Stage,ParameterValue=prod',
    );
    await aws(
      'cloudformation',
      'wait',
      'change-set-create-complete',
      '--stack-name',
      'hello-cli',
      '--change-set-name',
      'review',
    );
    const processed = JSON.parse(
      await aws(
        'cloudformation',
        'get-template',
        '--stack-name',
        'hello-cli',
        '--change-set-name',
        'review',
        '--template-stage',
        'Processed',
      ),
    ) as {
      TemplateBody: { Resources: Record<string, { Type: string }> };
    };
    assert.equal(processed.TemplateBody.Resources.OrderProcessorFunction!.Type, 'AWS::Lambda::Function');
    const stack = JSON.parse(await aws('cloudformation', 'describe-stacks', '--stack-name', 'hello-cli')) as {
      Stacks: { StackStatus: string }[];
    };
    assert.equal(stack.Stacks[0]!.StackStatus, 'CREATE_COMPLETE', 'a change set under review changes nothing');
  });

  it("fails an invalid SAM template's change set with the transform's reason", async () => {
    const output = await awsFailure(
      'cloudformation',
      'deploy',
      '--template-file',
      'invalid.yaml',
      '--stack-name',
      'bad-cli',
      '--capabilities',
      'CAPABILITY_IAM',
    );
    assert.match(
      output,
      /Status: FAILED\. Reason: Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document\. Number of errors found: 1\./,
    );
  });

  it('deletes the stack', async () => {
    await aws('cloudformation', 'delete-stack', '--stack-name', 'hello-cli');
    await aws('cloudformation', 'wait', 'stack-delete-complete', '--stack-name', 'hello-cli');
    const output = await awsFailure('cloudformation', 'describe-stacks', '--stack-name', 'hello-cli');
    assert.match(
      output,
      /An error occurred \(ValidationError\) when calling the DescribeStacks operation: Stack with id hello-cli does not exist/,
    );
  });
});
