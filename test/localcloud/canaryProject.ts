// samples/hello-sam as the canary scenario deploys it: a copy in a temporary folder, its handler edits, the guarded
// variant (a PreTraffic hook that smoke-tests the new code and an alarm in DeploymentPreference), and reads of the
// deployed API and alias that tell the old version from the new.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { repoRoot } from '../support/paths';

/** A copy of samples/hello-sam without build output. */
export function copyHelloSam(prefix: string): string {
  const project = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
  rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  return project;
}

const HANDLER = join('src', 'users', 'app.mjs');
const GREETING = 'message: `${prefix}, user ${id}!`';

/** The generation a response came from: the sample's greeting is generation 1, edits say their number. */
export function generationOf(body: string): number {
  const message = (JSON.parse(body) as { message?: string }).message ?? '';
  const marked = /\(generation (\d+)\)$/.exec(message);
  return marked ? Number(marked[1]) : 1;
}

/** Edits the users handler so its greeting names `generation` (a code change: SAM publishes a new version). */
export function markHandler(project: string, generation: number): void {
  const file = join(project, HANDLER);
  const source = readFileSync(join(repoRoot, 'samples', 'hello-sam', HANDLER), 'utf8');
  if (!source.includes(GREETING)) throw new Error(`${HANDLER} no longer builds its greeting as ${GREETING}`);
  writeFileSync(file, source.replace(GREETING, `message: \`\${prefix}, user \${id}! (generation ${generation})\``));
}

/** Edits the users handler into one that fails every request (what the PreTraffic smoke test must catch). */
export function breakHandler(project: string): void {
  writeFileSync(
    join(project, HANDLER),
    "export const handler = async () => {\n  throw new Error('users table unreachable');\n};\n",
  );
}

/**
 * A PreTraffic hook as the SAM docs write them: it invokes the function's new code ($LATEST, the version about to
 * take traffic) with a test request and reports the outcome to CodeDeploy. The endpoint is passed to boto3 as
 * well, for boto3 releases older than AWS_ENDPOINT_URL (Debian's).
 */
const HOOK_SOURCE = `import json
import os

import boto3


def client(name):
    return boto3.client(name, endpoint_url=os.environ.get('AWS_ENDPOINT_URL'))


def handler(event, context):
    answer = client('lambda').invoke(
        FunctionName=os.environ['FUNCTION_NAME'],
        Payload=json.dumps({'pathParameters': {'id': 'smoke-test'}}),
    )
    result = json.loads(answer['Payload'].read() or b'null')
    healthy = 'FunctionError' not in answer and isinstance(result, dict) and result.get('statusCode') == 200
    print('smoke test', 'passed' if healthy else 'failed', result)
    client('codedeploy').put_lifecycle_event_hook_execution_status(
        deploymentId=event['DeploymentId'],
        lifecycleEventHookExecutionId=event['LifecycleEventHookExecutionId'],
        status='Succeeded' if healthy else 'Failed',
    )
`;

/** Adds a PreTraffic hook and an errors alarm to the copy's DeploymentPreference (AWS's documented pattern). */
export function guardDeployments(project: string): void {
  const file = join(project, 'template.yaml');
  const template = parseDocument(readFileSync(file, 'utf8'));
  template.setIn(['Resources', 'UsersFunction', 'Properties', 'DeploymentPreference'], {
    Type: 'Canary10Percent5Minutes',
    Alarms: [{ Ref: 'UsersErrorsAlarm' }],
    Hooks: { PreTraffic: { Ref: 'PreTrafficHook' } },
  });
  template.setIn(['Resources', 'PreTrafficHook'], {
    Type: 'AWS::Serverless::Function',
    Properties: {
      FunctionName: 'CodeDeployHook_hello-sam-preTraffic',
      CodeUri: 'src/hooks/',
      Handler: 'pre_traffic.handler',
      Runtime: 'python3.12',
      DeploymentPreference: { Enabled: false },
      Environment: { Variables: { FUNCTION_NAME: { Ref: 'UsersFunction' } } },
      Policies: [
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['codedeploy:PutLifecycleEventHookExecutionStatus'], Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['lambda:InvokeFunction'],
              Resource: { 'Fn::GetAtt': ['UsersFunction', 'Arn'] },
            },
          ],
        },
      ],
    },
  });
  template.setIn(['Resources', 'UsersErrorsAlarm'], {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: 'Errors of the users function during a deployment',
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'UsersFunction' } }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    },
  });
  writeFileSync(file, template.toString());
  mkdirSync(join(project, 'src', 'hooks'), { recursive: true });
  writeFileSync(join(project, 'src', 'hooks', 'pre_traffic.py'), HOOK_SOURCE);
}

/**
 * The README's rule for a stack output URL on the local cloud: `https://{apiId}.execute-api.{region}.amazonaws.com`
 * becomes `{endpoint}/_aws/execute-api/{apiId}`.
 */
export function localApiUrl(outputUrl: string, endpoint: string): string {
  const match = /^https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\/.*)?$/.exec(outputUrl);
  if (!match) throw new Error(`Not an execute-api URL: ${outputUrl}`);
  return `${endpoint}/_aws/execute-api/${match[1]}${match[2] ?? '/'}`;
}
