import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseTemplateJson } from '../../../../src/core/template/templateJson';
import { repoRoot } from '../../../support/paths';
import { packageTemplateCode } from '../../../support/packageTemplateCode';
import { startCloudFormation, type CloudFormationHarness } from './cloudFormationHarness';

const SAMPLE = join(repoRoot, 'samples', 'hello-sam');

/** hello-sam packaged into the harness's S3, as YAML. */
function packagedSample(cfn: CloudFormationHarness): string {
  const template = parseTemplateJson(readFileSync(join(SAMPLE, 'template.yaml'), 'utf8'));
  if (!cfn.objectStore.hasBucket('artifacts')) cfn.objectStore.createBucket('artifacts');
  for (const upload of packageTemplateCode(template, SAMPLE, 'artifacts')) {
    cfn.objectStore.putObject('artifacts', upload.key, Buffer.from(upload.zip), {
      contentType: 'application/zip',
      headers: {},
      userMetadata: {},
      checksums: {},
    });
  }
  return stringify(template);
}

describe('local CloudFormation: SAM templates through change sets', () => {
  let cfn: CloudFormationHarness;
  beforeEach(() => {
    cfn = startCloudFormation();
  });
  afterEach(() => cfn.close());

  it('creates hello-sam: REVIEW_IN_PROGRESS, the transformed template before execution, then CREATE_COMPLETE', async () => {
    const body = packagedSample(cfn);
    const created = cfn.handlers.CreateChangeSet({
      StackName: 'hello',
      ChangeSetName: 'first',
      ChangeSetType: 'CREATE',
      TemplateBody: body,
      Capabilities: ['CAPABILITY_IAM'],
    });
    assert.equal(cfn.handlers.DescribeStacks({ StackName: 'hello' }).Stacks![0]!.StackStatus, 'REVIEW_IN_PROGRESS');
    // Listed as AWS lists it (a person reviewing the change set finds the stack), with and without a status filter.
    const listed = (filter?: string[]) =>
      cfn.handlers.ListStacks(filter ? { StackStatusFilter: filter } : {}).StackSummaries!.map((s) => s.StackStatus);
    assert.deepEqual(listed(), ['REVIEW_IN_PROGRESS']);
    assert.deepEqual(listed(['REVIEW_IN_PROGRESS']), ['REVIEW_IN_PROGRESS']);
    assert.deepEqual(listed(['CREATE_COMPLETE']), []);
    const changeSet = cfn.handlers.DescribeChangeSet({ ChangeSetName: created.Id! });
    assert.equal(changeSet.Status, 'CREATE_COMPLETE', changeSet.StatusReason);
    assert.equal(changeSet.ExecutionStatus, 'AVAILABLE');
    const added = changeSet.Changes!.map((change) => change.ResourceChange!.LogicalResourceId);
    assert.ok(
      added.includes('UsersFunction') &&
        added.includes('UsersFunctionAliaslive') &&
        added.includes('ServerlessRestApi'),
    );
    const processed = JSON.parse(
      cfn.handlers.GetTemplate({ StackName: 'hello', ChangeSetName: 'first', TemplateStage: 'Processed' })
        .TemplateBody!,
    ) as { Resources: Record<string, { Type: string }>; Transform?: unknown };
    assert.equal(processed.Resources.UsersFunction!.Type, 'AWS::Lambda::Function');
    assert.equal(processed.Transform, undefined);
    assert.match(
      cfn.handlers.GetTemplate({ StackName: 'hello', ChangeSetName: 'first' }).TemplateBody!,
      /AWS::Serverless::Function/,
    );

    cfn.handlers.ExecuteChangeSet({ ChangeSetName: 'first', StackName: 'hello' });
    await cfn.engine.idle();
    const stack = cfn.handlers.DescribeStacks({ StackName: 'hello' }).Stacks![0]!;
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    assert.equal(cfn.handlers.DescribeChangeSet({ ChangeSetName: created.Id! }).ExecutionStatus, 'EXECUTE_COMPLETE');
    const outputs = new Map(stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue]));
    assert.match(
      outputs.get('UsersApiUrl')!,
      /^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/Prod\/users\/$/,
    );
    assert.match(outputs.get('UsersFunctionAlias')!, /:function:hello-UsersFunction-[A-Za-z0-9]+:live$/);

    // The same template again: no changes.
    const again = cfn.handlers.CreateChangeSet({
      StackName: 'hello',
      ChangeSetName: 'again',
      TemplateBody: body,
      Capabilities: ['CAPABILITY_IAM'],
    });
    const empty = cfn.handlers.DescribeChangeSet({ ChangeSetName: again.Id! });
    assert.equal(empty.Status, 'FAILED');
    assert.equal(
      empty.StatusReason,
      "The submitted information didn't contain changes. Submit different information to create a change set.",
    );

    // New code for the users function: a new version (SAM's hashed logical ID), the alias updated in place.
    const changed = body.replace('Returns a user by id', 'Returns one user by id');
    const update = cfn.handlers.CreateChangeSet({
      StackName: 'hello',
      ChangeSetName: 'update',
      TemplateBody: changed.replace('MemorySize: 256', 'MemorySize: 320'),
      Capabilities: ['CAPABILITY_IAM'],
    });
    const planned = cfn.handlers.DescribeChangeSet({ ChangeSetName: update.Id! });
    assert.equal(planned.Status, 'CREATE_COMPLETE', planned.StatusReason);
    const modify = planned.Changes!.find(
      (change) => change.ResourceChange!.LogicalResourceId === 'UsersFunction',
    )!.ResourceChange!;
    assert.equal(modify.Action, 'Modify');
    assert.equal(modify.Replacement, 'False');
    assert.ok(
      modify.Details!.some(
        (detail) => detail.Target!.Name === 'MemorySize' && detail.ChangeSource === 'DirectModification',
      ),
    );
    cfn.handlers.ExecuteChangeSet({ ChangeSetName: update.Id! });
    await cfn.engine.idle();
    assert.equal(cfn.handlers.DescribeStacks({ StackName: 'hello' }).Stacks![0]!.StackStatus, 'UPDATE_COMPLETE');
  });

  it('fails the change set of an invalid SAM template with the transform reason', () => {
    const body = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1;"
      Events:
        Bad:
          Type: Api
          Properties:
            Path: 42
`;
    const created = cfn.handlers.CreateChangeSet({
      StackName: 'bad',
      ChangeSetName: 'cs',
      ChangeSetType: 'CREATE',
      TemplateBody: body,
      Capabilities: ['CAPABILITY_IAM'],
    });
    const changeSet = cfn.handlers.DescribeChangeSet({ ChangeSetName: created.Id! });
    assert.equal(changeSet.Status, 'FAILED');
    assert.match(
      changeSet.StatusReason!,
      /^Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document\. Number of errors found: 1\. /,
    );
    assert.throws(
      () =>
        cfn.handlers.CreateStack({
          StackName: 'bad2',
          TemplateBody: body,
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
        }),
      /Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document/,
    );
    assert.throws(
      () =>
        cfn.handlers.CreateStack({
          StackName: 'bad3',
          TemplateBody: body.replace('Path: 42', 'Path: /ok\n            Method: get'),
          Capabilities: ['CAPABILITY_IAM'],
        }),
      /Requires capabilities : \[CAPABILITY_AUTO_EXPAND\]/,
    );
  });
});
