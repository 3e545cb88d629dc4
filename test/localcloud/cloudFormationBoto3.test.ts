// CloudFormation through boto3 (Debian's python3-boto3): create_stack with a packaged SAM template and the
// stack_create_complete waiter, events, the processed template, a change set left for review, an invalid SAM
// template's failed change set, errors as modelled exceptions, and delete_stack with its waiter.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INVALID_SAM_TEMPLATE, packageSampleToFile } from './cloudFormationScenario';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface Report {
  boto3: string;
  status: string;
  outputs: Record<string, string>;
  parameters: Record<string, string>;
  firstEvent: [string, string];
  lastEvent: [string, string | null];
  eventCount: number;
  processedTypes: string[];
  resourceCount: number;
  changes: [string, string][];
  changeSetProcessedHasFunction: boolean;
  changeSets: string[];
  invalidWaiter: string;
  invalidReason?: string;
  missing: [string, string];
  changeSetNotFound: string;
  deleted: string[];
}

describe('fidelity: CloudFormation through boto3', () => {
  let cloud: FidelityCloud;
  let directory: string;
  before(async () => {
    cloud = await startFidelityCloud();
    directory = mkdtempSync(join(tmpdir(), 'sw-cfn-boto3-'));
  });
  after(async () => {
    await cloud.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('deploys, reviews and deletes hello-sam with boto3 and its waiters', async () => {
    const packaged = join(directory, 'packaged.yaml');
    await packageSampleToFile(cloud.endpoint, 'boto3-artifacts', packaged);
    const invalid = join(directory, 'invalid.yaml');
    writeFileSync(invalid, INVALID_SAM_TEMPLATE);
    const { stdout } = await run(
      PYTHON,
      [join(__dirname, 'boto3CloudFormation.py'), cloud.endpoint, packaged, invalid],
      {
        env: clientEnvironment(),
      },
    );
    const report = JSON.parse(stdout) as Report;
    assert.equal(report.status, 'CREATE_COMPLETE');
    assert.equal(report.parameters.Stage, 'prod');
    assert.match(
      report.outputs.UsersApiUrl!,
      /^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/Prod\/users\/$/,
    );
    assert.deepEqual(report.firstEvent, ['hello-boto3', 'CREATE_COMPLETE']);
    assert.deepEqual(report.lastEvent, ['CREATE_IN_PROGRESS', 'User Initiated']);
    assert.ok(report.eventCount > 30, `${report.eventCount} events`);
    assert.ok(
      report.processedTypes.includes('AWS::Lambda::Alias') &&
        report.processedTypes.includes('AWS::ApiGateway::RestApi'),
    );
    assert.ok(!report.processedTypes.some((type) => type.startsWith('AWS::Serverless::')));
    assert.ok(report.resourceCount >= 15);
    assert.ok(report.changes.length > 0, 'Stage prod -> dev changes the functions');
    assert.ok(report.changes.every(([, action]) => action === 'Modify'));
    assert.equal(report.changeSetProcessedHasFunction, true);
    assert.deepEqual(report.changeSets, ['review']);
    assert.equal(report.invalidWaiter, 'failed');
    assert.match(
      report.invalidReason!,
      /^Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document\. Number of errors found: 1\. Resource with id \[Fn\] is invalid\./,
    );
    assert.deepEqual(report.missing, ['ValidationError', 'Stack with id missing-boto3 does not exist']);
    assert.equal(report.changeSetNotFound, 'ChangeSetNotFound');
    assert.deepEqual(report.deleted, ['DELETE_COMPLETE']);
  });
});
