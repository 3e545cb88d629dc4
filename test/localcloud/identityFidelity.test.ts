// Accounts, regions, STS and IAM through SDK v3, the aws CLI and boto3 against the local cloud process.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientEnvironment, functionZip, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const ACCOUNT = '123456789012';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('fidelity: accounts, regions, STS and IAM', () => {
  let cloud: FidelityCloud;
  let workDirectory: string;
  before(async () => {
    cloud = await startFidelityCloud();
    workDirectory = mkdtempSync(join(tmpdir(), 'sw-fidelity-identity-'));
    writeFileSync(join(workDirectory, 'fn.zip'), functionZip(1));
  });
  after(async () => {
    await cloud.stop();
    rmSync(workDirectory, { recursive: true, force: true });
  });

  const config = (region = 'us-east-1', credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) => ({
    endpoint: cloud.endpoint,
    region,
    credentials,
    maxAttempts: 1,
  });

  it('SDK v3: caller identity, assumed roles, IAM records and one namespace per region', async () => {
    const sts = new STSClient(config());
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, ACCOUNT);
    assert.equal(identity.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`, RoleSessionName: 'sdk' }),
    );
    const { AccessKeyId, SecretAccessKey, SessionToken } = assumed.Credentials!;
    assert.ok(assumed.Credentials!.Expiration! > new Date());
    const asRole = new STSClient(
      config('us-east-1', {
        accessKeyId: AccessKeyId!,
        secretAccessKey: SecretAccessKey!,
        sessionToken: SessionToken!,
      } as {
        accessKeyId: string;
        secretAccessKey: string;
      }),
    );
    assert.equal(
      (await asRole.send(new GetCallerIdentityCommand({}))).Arn,
      `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/sdk`,
    );

    const iam = new IAMClient(config());
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'sdk-role', AssumeRolePolicyDocument: TRUST }));
    assert.equal(role.Role?.Arn, `arn:aws:iam::${ACCOUNT}:role/sdk-role`);
    assert.match(role.Role?.RoleId ?? '', /^AROA[A-Z0-9]{17}$/);
    const fetched = await iam.send(new GetRoleCommand({ RoleName: 'SDK-ROLE' }));
    assert.equal(decodeURIComponent(fetched.Role!.AssumeRolePolicyDocument!), TRUST);
    await assert.rejects(iam.send(new CreateRoleCommand({ RoleName: 'sdk-role', AssumeRolePolicyDocument: TRUST })), {
      name: 'EntityAlreadyExistsException',
    });
    await assert.rejects(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{' })), {
      name: 'MalformedPolicyDocumentException',
    });
    const managed = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'sdk-role', PolicyArn: managed }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'sdk-role' }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyArn: managed, PolicyName: 'AWSLambdaBasicExecutionRole' }]);
    await assert.rejects(iam.send(new DeleteRoleCommand({ RoleName: 'sdk-role' })), {
      name: 'DeleteConflictException',
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'sdk-role', PolicyArn: managed }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'sdk-role' }));
    await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'sdk-role' })), (error: Error) => {
      assert.equal(error.name, 'NoSuchEntityException');
      assert.equal(error.message, 'The role with name sdk-role cannot be found.');
      return true;
    });
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);

    const west = new LambdaClient(config('eu-west-1'));
    const east = new LambdaClient(config('us-east-1'));
    const created = await west.send(
      new CreateFunctionCommand({
        FunctionName: 'regional-sdk',
        Runtime: 'nodejs20.x',
        Role: `arn:aws:iam::${ACCOUNT}:role/r`,
        Handler: 'index.handler',
        Code: { ZipFile: functionZip(1) },
      }),
    );
    assert.equal(created.FunctionArn, `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:regional-sdk`);
    const eastNames = (await east.send(new ListFunctionsCommand({}))).Functions?.map((f) => f.FunctionName);
    assert.ok(!eastNames?.includes('regional-sdk'));
    await west.send(new InvokeCommand({ FunctionName: 'regional-sdk', Payload: Buffer.from('{"marker":"west"}') }));
    const westLogs = new CloudWatchLogsClient({ ...config('eu-west-1'), disableHostPrefix: true });
    const eastLogs = new CloudWatchLogsClient({ ...config('us-east-1'), disableHostPrefix: true });
    const westGroups = await westLogs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/regional' }),
    );
    assert.deepEqual(
      westGroups.logGroups?.map((group) => group.logGroupArn),
      [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/regional-sdk`],
    );
    await eastLogs.send(new CreateLogGroupCommand({ logGroupName: '/only-east' }));
    const eastGroups = await eastLogs.send(new DescribeLogGroupsCommand({}));
    assert.deepEqual(
      eastGroups.logGroups?.map((group) => group.logGroupName),
      ['/only-east'],
    );
    await assert.rejects(
      west.send(
        new CreateFunctionCommand({
          FunctionName: 'bad-role',
          Runtime: 'nodejs20.x',
          Role: 'lambda-role',
          Handler: 'index.handler',
          Code: { ZipFile: functionZip(1) },
        }),
      ),
      (error: Error) => {
        assert.equal(error.name, 'ValidationException');
        assert.match(
          error.message,
          /^1 validation error detected: Value 'lambda-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:/,
        );
        return true;
      },
    );
    for (const client of [sts, asRole, iam, west, east, westLogs, eastLogs]) client.destroy();
  });

  it('aws CLI: sts get-caller-identity, iam roles and policies, regions', async () => {
    const aws = async (...args: string[]) => {
      const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args], {
        env: clientEnvironment(),
        cwd: workDirectory,
      });
      return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
    };
    assert.equal((await aws('sts', 'get-caller-identity')).Account, ACCOUNT);
    writeFileSync(join(workDirectory, 'trust.json'), TRUST);
    const created = (await aws(
      'iam',
      'create-role',
      '--role-name',
      'cli-role',
      '--assume-role-policy-document',
      'file://trust.json',
    )) as { Role: { Arn: string } };
    assert.equal(created.Role.Arn, `arn:aws:iam::${ACCOUNT}:role/cli-role`);
    const fetched = (await aws('iam', 'get-role', '--role-name', 'cli-role')) as {
      Role: { AssumeRolePolicyDocument: unknown };
    };
    assert.deepEqual(fetched.Role.AssumeRolePolicyDocument, JSON.parse(TRUST));
    await aws(
      'iam',
      'attach-role-policy',
      '--role-name',
      'cli-role',
      '--policy-arn',
      'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
    );
    const attached = (await aws('iam', 'list-attached-role-policies', '--role-name', 'cli-role')) as {
      AttachedPolicies: { PolicyName: string }[];
    };
    assert.deepEqual(
      attached.AttachedPolicies.map((policy) => policy.PolicyName),
      ['AWSXRayDaemonWriteAccess'],
    );
    const missing = await aws('iam', 'get-role', '--role-name', 'nobody').then(
      () => assert.fail('get-role succeeded'),
      (error: { stderr: string }) => error.stderr,
    );
    assert.match(
      missing,
      /\(NoSuchEntity\) when calling the GetRole operation: The role with name nobody cannot be found\./,
    );
    await aws('--region', 'eu-central-1', 'logs', 'create-log-group', '--log-group-name', '/cli-central');
    const central = (await aws('--region', 'eu-central-1', 'logs', 'describe-log-groups')) as {
      logGroups: { arn: string }[];
    };
    assert.deepEqual(
      central.logGroups.map((group) => group.arn),
      [`arn:aws:logs:eu-central-1:${ACCOUNT}:log-group:/cli-central:*`],
    );
  });

  it('boto3: the same through python3', async () => {
    const { stdout } = await run(
      'python3',
      [join(__dirname, 'identityScenario.py'), cloud.endpoint, join(workDirectory, 'fn.zip')],
      {
        env: clientEnvironment(),
      },
    );
    const report = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual(report.identity, { UserId: 'test', Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
    assert.equal(report.assumedArn, `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/boto3`);
    assert.equal(report.roleArn, `arn:aws:iam::${ACCOUNT}:role/app/boto3-role`);
    assert.equal(report.trustDecoded, true);
    assert.deepEqual(report.attached, ['AWSLambdaBasicExecutionRole', 'boto3-policy']);
    assert.deepEqual(report.inline, ['inline']);
    assert.equal(report.westArn, `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:regional`);
    assert.ok(!(report.eastNames as string[]).includes('regional'));
    assert.deepEqual(report.southGroups, [`arn:aws:logs:ap-south-1:${ACCOUNT}:log-group:/regional:*`]);
    assert.ok(!(report.eastGroups as string[]).includes('/regional'));
    assert.deepEqual(report.errors, {
      deleteAttached: 'DeleteConflict',
      missingRole: 'NoSuchEntity',
      otherRegion: 'ResourceNotFoundException',
      badRole: 'ValidationException',
    });
  });
});
