// Every valid template of the shared corpus of real SAM templates, packaged (code the corpus lacks is replaced by a
// stub handler) and deployed to the local CloudFormation by change set, as `sam deploy` does. Prints the share that
// reaches CREATE_COMPLETE and the reason of each that does not; the target is 90 %.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { jsonText, parseTemplateJson, type JsonObject } from '../../../../src/core/template/templateJson';
import { packageTemplateCode } from '../../../support/packageTemplateCode';
import { corpusDir, corpusManifest } from '../../../support/paths';
import { startCloudFormation, type CloudFormationHarness } from './cloudFormationHarness';

const TARGET = 0.9;

/** Values an operator would pass with --parameter-overrides for parameters that have no default. */
function parameterValue(name: string, declaration: JsonObject, cfn: CloudFormationHarness): string | undefined {
  const type = typeof declaration.Type === 'string' ? declaration.Type : 'String';
  if (type.startsWith('AWS::SSM::Parameter::Value')) {
    const parameterName = typeof declaration.Default === 'string' ? declaration.Default : `/corpus/${name}`;
    if (!cfn.parameterStore.get(parameterName)) {
      cfn.parameterStore.put({ name: parameterName, type: 'String', value: type.includes('List') ? 'a,b' : 'value' });
    }
    return parameterName;
  }
  if (declaration.Default !== undefined) return undefined;
  if (Array.isArray(declaration.AllowedValues) && declaration.AllowedValues.length > 0) {
    return jsonText(declaration.AllowedValues[0]);
  }
  const ids: Record<string, string> = {
    'AWS::EC2::VPC::Id': 'vpc-0123456789abcdef0',
    'AWS::EC2::Subnet::Id': 'subnet-0123456789abcdef0',
    'AWS::EC2::SecurityGroup::Id': 'sg-0123456789abcdef0',
    'AWS::EC2::KeyPair::KeyName': 'key',
  };
  // A plain String or CommaDelimitedList named after subnets, security groups or a VPC gets ids of that kind, as
  // an operator would type them (Lambda's VpcConfig validates their format).
  const namedKind = /subnet/i.test(name)
    ? 'AWS::EC2::Subnet::Id'
    : /securitygroup/i.test(name)
      ? 'AWS::EC2::SecurityGroup::Id'
      : /^vpc(id)?$/i.test(name)
        ? 'AWS::EC2::VPC::Id'
        : undefined;
  const item =
    namedKind && (type === 'String' || type === 'CommaDelimitedList') ? namedKind : type.replace(/^List<(.+)>$/, '$1');
  const isList = type.startsWith('List<') || type === 'CommaDelimitedList';
  if (ids[item]) return isList ? `${ids[item]},${ids[item].replace('0123', '4567')}` : ids[item];
  if (type === 'Number' || type === 'List<Number>') return jsonText(declaration.MinValue ?? 1);
  const pattern =
    typeof declaration.AllowedPattern === 'string' ? new RegExp(`^(?:${declaration.AllowedPattern})$`) : undefined;
  const candidates = [
    'value',
    'example.com',
    'a',
    'A1',
    '1',
    'arn:aws:iam::123456789012:role/example',
    'user@example.com',
  ];
  const minLength = Number(declaration.MinLength ?? 0);
  return (
    candidates.find((candidate) => (!pattern || pattern.test(candidate)) && candidate.length >= minLength) ?? 'value'
  );
}

interface Outcome {
  file: string;
  status: string;
  reason?: string;
}

/**
 * A stack exporting names another template imports (what a real deployment would have deployed first): managed
 * policies for names that end in Policy (roles attach them), a plain value otherwise.
 */
function exporterTemplate(names: string[]): string {
  const resources = ['  Placeholder:', '    Type: AWS::CloudFormation::WaitConditionHandle'];
  const outputs = names.map((name, index) => {
    let value = JSON.stringify(`stub-${name}`);
    if (name.endsWith('Policy')) {
      resources.push(
        `  Policy${index}:`,
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        "      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 's3:GetObject', Resource: '*' }] }",
      );
      value = `!Ref Policy${index}`;
    }
    return `  Export${index}:\n    Value: ${value}\n    Export:\n      Name: ${JSON.stringify(name)}`;
  });
  return `Resources:\n${resources.join('\n')}\nOutputs:\n${outputs.join('\n')}\n`;
}

/** Deploys the template; when it imports exports nobody has, deploys a stack exporting them first and retries. */
async function deploy(file: string): Promise<Outcome> {
  const cfn = startCloudFormation();
  try {
    for (let attempt = 0; ; attempt++) {
      const outcome = await deployOnce(file, cfn, attempt);
      const missing = [...(outcome.reason ?? '').matchAll(/No export named (\S+) found/g)].map((match) => match[1]!);
      if (missing.length === 0 || attempt >= 6) return outcome;
      cfn.handlers.CreateStack({
        StackName: `corpus-exports-${attempt}`,
        TemplateBody: exporterTemplate([...new Set(missing)]),
        Capabilities: ['CAPABILITY_IAM'],
      });
      cfn.handlers.DeleteStack({ StackName: `corpus-${attempt}` });
      await cfn.engine.idle();
    }
  } finally {
    cfn.close();
  }
}

async function deployOnce(file: string, cfn: CloudFormationHarness, attempt: number): Promise<Outcome> {
  const stackName = `corpus-${attempt}`;
  try {
    const template = parseTemplateJson(readFileSync(join(corpusDir, file), 'utf8'));
    if (!cfn.objectStore.hasBucket('corpus-artifacts')) cfn.objectStore.createBucket('corpus-artifacts');
    for (const upload of packageTemplateCode(template, corpusDir, 'corpus-artifacts')) {
      const bucket = upload.bucket ?? 'corpus-artifacts';
      if (!cfn.objectStore.hasBucket(bucket)) cfn.objectStore.createBucket(bucket);
      cfn.objectStore.putObject(bucket, upload.key, Buffer.from(upload.zip), {
        contentType: 'application/zip',
        headers: {},
        userMetadata: {},
        checksums: {},
      });
    }
    const declared = (template.Parameters ?? {}) as Record<string, JsonObject>;
    const parameters = Object.entries(declared).flatMap(([name, declaration]) => {
      const value = parameterValue(name, declaration, cfn);
      return value === undefined ? [] : [{ ParameterKey: name, ParameterValue: value }];
    });
    const created = cfn.handlers.CreateChangeSet({
      StackName: stackName,
      ChangeSetName: 'deploy',
      ChangeSetType: 'CREATE',
      TemplateBody: stringify(template),
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
      Parameters: parameters,
    });
    const changeSet = cfn.handlers.DescribeChangeSet({ ChangeSetName: created.Id! });
    if (changeSet.Status !== 'CREATE_COMPLETE')
      return { file, status: `change set ${changeSet.Status}`, reason: changeSet.StatusReason };
    cfn.handlers.ExecuteChangeSet({ ChangeSetName: created.Id! });
    await cfn.engine.idle();
    const stack = cfn.handlers.DescribeStacks({ StackName: stackName }).Stacks![0]!;
    const failed = cfn.handlers
      .DescribeStackEvents({ StackName: stackName })
      .StackEvents!.filter((event) => event.ResourceStatus === 'CREATE_FAILED')
      .map((event) => `${event.LogicalResourceId}: ${event.ResourceStatusReason}`);
    return {
      file,
      status: stack.StackStatus,
      reason: [stack.StackStatusReason, ...failed].filter(Boolean).join(' | '),
    };
  } catch (error) {
    return { file, status: 'refused', reason: (error as Error).message };
  }
}

describe('local CloudFormation: the corpus of real SAM templates deploys', () => {
  it(`deploys at least ${TARGET * 100} % of the valid templates to CREATE_COMPLETE`, async function () {
    this.timeout(300_000);
    const valid = [...corpusManifest().values()].filter((entry) => entry.validity === 'valid');
    const outcomes: Outcome[] = [];
    for (const entry of valid) outcomes.push(await deploy(entry.file));
    const complete = outcomes.filter((outcome) => outcome.status === 'CREATE_COMPLETE');
    const share = complete.length / outcomes.length;
    console.log(
      `      valid corpus templates deployed to CREATE_COMPLETE: ${complete.length}/${outcomes.length} (${(share * 100).toFixed(1)} %, target ${TARGET * 100} %)`,
    );
    for (const outcome of outcomes.filter((candidate) => candidate.status !== 'CREATE_COMPLETE')) {
      console.log(`        ${outcome.file}: ${outcome.status}: ${outcome.reason ?? ''}`);
    }
    assert.ok(share >= TARGET, `${(share * 100).toFixed(1)} % deployed`);
  });
});
