// Issue #9's budgets, with peers measured in the same run:
// - a request through a deployed API (REST API of a stack, path-style on the local cloud's port) to a warm
//   function: p50 under 5 ms and within 3x of the local API's own figure (`start-api`'s server, same function,
//   same runtime), requests interleaved in blocks so both see the same machine load;
// - a Canary10Percent5Minutes deployment at time scale 300 (five minutes of canary in one second): stack update to
//   UPDATE_COMPLETE under 3 s, beside the same update of a twin stack without DeploymentPreference (the alias moved
//   at once) and the 1.00 s the scaled canary interval itself takes.
// Run: npx tsx bench/gradualDeployment.ts   (BENCH_REQUESTS=N, BENCH_CANARIES=N change the sample sizes)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type Capability,
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { CodeDeployClient, GetDeploymentCommand, ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { silentLogger } from '../src/core/logger';
import { startLocalApi } from '../src/core/runtime/localApi/localApiServer';
import { createRuntimePool } from '../src/core/runtime/runtimePool';
import { startLocalCloud } from '../src/localcloud/localCloudServer';
import { runtimePoolFactory } from '../src/localcloud/localCloudRuntime';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 400);
const CANARIES = Number(process.env['BENCH_CANARIES'] ?? 3);
const TIME_SCALE = 300;
const BLOCK = 50;

function template(generation: number, gradual: boolean): string {
  const preference = gradual ? '      DeploymentPreference:\n        Type: Canary10Percent5Minutes\n' : '';
  return `Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      MemorySize: 128
      InlineCode: "exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ generation: ${generation} }) });"
      AutoPublishAlias: live
${preference}      Events:
        Get:
          Type: Api
          Properties: { Path: /hello, Method: get }
`;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}
const line = (label: string, value: string) => console.log(`${label.padEnd(58)} ${value}`);
const figures = (samples: number[]) =>
  `p50 ${percentile(samples, 0.5).toFixed(2)} ms  p95 ${percentile(samples, 0.95).toFixed(2)} ms  (n=${samples.length})`;

async function timedGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return elapsed;
}

async function settled(cloudFormation: CloudFormationClient, name: string): Promise<Stack> {
  for (;;) {
    const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
    if (!stack.StackStatus!.endsWith('_IN_PROGRESS')) return stack;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'sw-bench-gradual-'));
  const cloud = await startLocalCloud({
    stateDirectory: join(work, 'state'),
    port: 0,
    logger: silentLogger,
    timeScale: TIME_SCALE,
    runtimePool: runtimePoolFactory(silentLogger),
  });
  const config = {
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const cloudFormation = new CloudFormationClient(config);
  const codeDeploy = new CodeDeployClient(config);
  const localPool = createRuntimePool({ logger: silentLogger });
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'template.yaml'), template(1, true));
  const localApi = await startLocalApi({
    resolution: {
      templatePath: join(project, 'template.yaml'),
      samConfig: false,
      inlineCodeDirectory: join(work, 'inline'),
    },
    pool: localPool,
    logger: silentLogger,
    port: 0,
  });
  try {
    const capabilities: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'];
    for (const [name, gradual] of [
      ['bench-canary', true],
      ['bench-at-once', false],
    ] as const) {
      await cloudFormation.send(
        new CreateStackCommand({ StackName: name, TemplateBody: template(1, gradual), Capabilities: capabilities }),
      );
      const stack = await settled(cloudFormation, name);
      if (stack.StackStatus !== 'CREATE_COMPLETE') throw new Error(`${name}: ${stack.StackStatusReason}`);
    }
    const apiId = (
      await cloudFormation.send(
        new DescribeStackResourceCommand({ StackName: 'bench-canary', LogicalResourceId: 'ServerlessRestApi' }),
      )
    ).StackResourceDetail!.PhysicalResourceId!;
    const deployedUrl = `${cloud.endpoint}/_aws/execute-api/${apiId}/Prod/hello`;
    const localUrl = `${localApi.url}/hello`;

    console.log(`Deployed API vs local API (${REQUESTS} requests each, interleaved in blocks of ${BLOCK}, warm)`);
    for (let warm = 0; warm < 20; warm++) await Promise.all([timedGet(deployedUrl), timedGet(localUrl)]);
    const deployed: number[] = [];
    const local: number[] = [];
    for (let done = 0; done < REQUESTS; done += BLOCK) {
      for (let index = 0; index < BLOCK; index++) deployed.push(await timedGet(deployedUrl));
      for (let index = 0; index < BLOCK; index++) local.push(await timedGet(localUrl));
    }
    line('deployed API (/_aws/execute-api/{id}/Prod/hello -> live alias)', figures(deployed));
    line('local API (start-api server, same function and runtime)', figures(local));
    line(
      'ratio deployed / local (p50)',
      `${(percentile(deployed, 0.5) / percentile(local, 0.5)).toFixed(2)}x  (budget: p50 < 5 ms and <= 3x)`,
    );

    console.log(`\nCanary10Percent5Minutes at time scale ${TIME_SCALE} (${CANARIES} updates each)`);
    const canary: number[] = [];
    const shifted: number[] = [];
    const atOnce: number[] = [];
    for (let run = 0; run < CANARIES; run++) {
      for (const [name, gradual, samples] of [
        ['bench-canary', true, canary],
        ['bench-at-once', false, atOnce],
      ] as const) {
        const started = performance.now();
        await cloudFormation.send(
          new UpdateStackCommand({
            StackName: name,
            TemplateBody: template(run + 2, gradual),
            Capabilities: capabilities,
          }),
        );
        const stack = await settled(cloudFormation, name);
        samples.push(performance.now() - started);
        if (stack.StackStatus !== 'UPDATE_COMPLETE') throw new Error(`${name}: ${stack.StackStatus}`);
      }
      const [id] = (await codeDeploy.send(new ListDeploymentsCommand({}))).deployments!;
      const info = (await codeDeploy.send(new GetDeploymentCommand({ deploymentId: id! }))).deploymentInfo!;
      if (info.status !== 'Succeeded') throw new Error(`deployment ${id}: ${info.status}`);
      shifted.push(info.completeTime!.getTime() - info.createTime!.getTime());
    }
    const seconds = (samples: number[]) =>
      `median ${(percentile(samples, 0.5) / 1000).toFixed(2)} s  max ${(Math.max(...samples) / 1000).toFixed(2)} s`;
    line('stack update with the canary, to UPDATE_COMPLETE', `${seconds(canary)}  (budget < 3 s)`);
    line('CodeDeploy deployment, create to complete (its own clock)', seconds(shifted));
    line('peer: same update without DeploymentPreference', seconds(atOnce));
    line('the canary interval itself: 300 s / 300', '1.00 s');
    line(
      'ratio canary update / plain update (median)',
      `${(percentile(canary, 0.5) / percentile(atOnce, 0.5)).toFixed(2)}x`,
    );
  } finally {
    cloudFormation.destroy();
    codeDeploy.destroy();
    await localApi.close();
    await localPool.dispose();
    await cloud.close();
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
