// The Deployed tree's budgets (issue #11), against the local cloud run as a child process as the extension runs it:
// - expanding a stack of 50 resources (its groups, then its Functions group) < 100 ms, in an account of 1,000 functions;
// - the first page of "All functions" in that account < 200 ms;
// - zero network calls until the view is opened (activate() of the packaged extension, sockets counted).
// Our tree's own node code runs (src/features/explorer/deployed), with a small stand-in for the `vscode` module: the
// editor's drawing is not measured. The peer, measured in the same run against the same local cloud, does what the
// AWS Toolkit's CloudFormation node does: DescribeStackResources, then every function of the region
// (ListFunctions, all pages), intersected; and its Lambda node lists every function before drawing any.
// Usage: npx tsx bench/deployedTree.ts (after npm run build, for dist/localcloud.js and dist/extension.js)
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { strToU8, zipSync } from 'fflate';
import { repoRoot } from '../scripts/codeServerPaths.mjs';
import type * as AwsClientsModule from '../src/core/aws/awsClients';
import { installTreeStandIn, vscodeStub } from './support/vscodeStandIns';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const FUNCTIONS_IN_ACCOUNT = 1000;
const BUDGETS = { expandStackMs: 100, firstPageMs: 200, remoteCallsBeforeOpen: 0 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** What activate() reached for: outgoing connections by host, and whether the AWS SDK bundle was loaded. */
interface ActivationReach {
  remote: number;
  loopback: number;
  sdkLoaded: boolean;
}

/**
 * Activates the packaged extension in a fresh process with the any-API stand-in, recording the TCP connections it
 * opens (every AWS call needs one) and whether the SDK bundle loaded: nothing remote before the view is opened.
 * (The one loopback connection is the status bar's probe for a local cloud that `npm start` runs.)
 */
function reachAtActivation(): ActivationReach {
  const script = `${vscodeStub}
const net = require('node:net');
const hosts = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { const options = Array.isArray(args[0]) ? args[0][0] : args[0]; hosts.push(String(options?.host ?? '')); return connect.apply(this, args); };
require('./dist/extension.js').activate({ subscriptions: [], extensionUri: {} });
setTimeout(() => {
  const loopback = hosts.filter((host) => host === '127.0.0.1' || host === 'localhost' || host === '::1').length;
  const sdkLoaded = Object.keys(require.cache).some((file) => file.endsWith('awsClients.js'));
  process.stdout.write(JSON.stringify({ remote: hosts.length - loopback, loopback, sdkLoaded }));
}, 500);`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as ActivationReach;
}

/** 50 resources: 20 functions with their role, 20 parameters, 5 queues, 4 buckets. */
function fiftyResourceTemplate(): string {
  const resources: Record<string, unknown> = {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } },
    },
  };
  for (let index = 0; index < 20; index++) {
    resources[`Function${index}`] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Code: { ZipFile: 'exports.handler = async (event) => event;' },
      },
    };
    resources[`Parameter${index}`] = { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v' } };
  }
  for (let index = 0; index < 5; index++) resources[`Queue${index}`] = { Type: 'AWS::SQS::Queue' };
  for (let index = 0; index < 4; index++) resources[`Bucket${index}`] = { Type: 'AWS::S3::Bucket' };
  return JSON.stringify({ Resources: resources });
}

async function main(): Promise<void> {
  const reach = reachAtActivation();
  installTreeStandIn();

  const { startLocalCloudProcess } = await import('../src/localcloud/localCloudProcess');
  const clients = await import('../src/core/aws/awsClients');
  const { createStackNode } = await import('../src/features/explorer/deployed/stackNodes');
  const { DeployedTree } = await import('../src/features/explorer/deployed/deployedTree');
  const { silentLogger } = await import('../src/core/logger');

  const stateDirectory = mkdtempSync(join(tmpdir(), 'sw-bench-deployed-'));
  const cloud = await startLocalCloudProcess({
    entryPoint: join(repoRoot, 'dist', 'localcloud.js'),
    stateDirectory,
    logger: silentLogger,
  });
  const settings = {
    region: 'us-east-1',
    endpoint: cloud.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: true,
    disableHostPrefix: true,
  };
  const setupLambda = new clients.LambdaClient(settings);
  const setupCloudFormation = new clients.CloudFormationClient(settings);
  try {
    const code = zipSync({ 'index.js': strToU8('exports.handler = async (event) => event;\n') });
    for (let index = 0; index < FUNCTIONS_IN_ACCOUNT - 20; index++) {
      await setupLambda.send(
        new clients.lambda.CreateFunctionCommand({
          FunctionName: `account-fn-${String(index).padStart(4, '0')}`,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::000000000000:role/bench',
          Handler: 'index.handler',
          Code: { ZipFile: code },
        }),
      );
    }
    await setupCloudFormation.send(
      new clients.cloudformation.CreateStackCommand({
        StackName: 'fifty',
        TemplateBody: fiftyResourceTemplate(),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    for (;;) {
      const stack = await setupCloudFormation.send(
        new clients.cloudformation.DescribeStacksCommand({ StackName: 'fifty' }),
      );
      const status = stack.Stacks?.[0]?.StackStatus ?? '';
      if (!status.endsWith('_IN_PROGRESS')) {
        if (status !== 'CREATE_COMPLETE') throw new Error(`The bench stack ended ${status}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const tree = new DeployedTree({
      backend: benchBackend(clients, settings) as never,
      logger: silentLogger,
      provider: { redraw: () => undefined, refresh: (node?: { invalidate?(): void }) => node?.invalidate?.() } as never,
      isVisible: () => true,
    });
    const bench = { root: tree.root as typeof tree.root & { invalidate(): void }, context: tree.nodeContext };
    // Ours: the stack node as the tree makes it; expanding it, then its Functions group, drawing every item.
    const expandOurs = async (): Promise<number> => {
      const started = performance.now();
      const stack = createStackNode(bench.context, bench.root, { StackName: 'fifty', StackStatus: 'CREATE_COMPLETE' });
      stack.getTreeItem();
      const groups = (await stack.getChildren?.()) ?? [];
      groups.forEach((group) => group.getTreeItem());
      const functions = groups.find((group) => group.id.endsWith('group:functions'));
      const functionNodes = (await functions?.getChildren?.()) ?? [];
      functionNodes.forEach((fn) => fn.getTreeItem());
      // Functions, Queues, Buckets, Other resources (the role and parameters): every resource under its kind.
      if (groups.length !== 4 || functionNodes.length !== 20) {
        throw new Error(`Expanded into ${groups.length} groups and ${functionNodes.length} functions`);
      }
      return performance.now() - started;
    };
    // The peer: DescribeStackResources + every function of the region, intersected (fresh clients, as per node).
    const expandPeer = async (): Promise<number> => {
      const started = performance.now();
      const cloudFormation = new clients.CloudFormationClient(settings);
      const lambda = new clients.LambdaClient(settings);
      try {
        const described = await cloudFormation.send(
          new clients.cloudformation.DescribeStackResourcesCommand({ StackName: 'fifty' }),
        );
        const inStack = new Set(
          (described.StackResources ?? [])
            .filter((resource) => resource.ResourceType === 'AWS::Lambda::Function')
            .map((resource) => resource.PhysicalResourceId),
        );
        const all = await listEveryFunction(clients, lambda);
        const shown = all.filter((fn) => inStack.has(fn.FunctionName));
        if (shown.length !== 20) throw new Error(`The peer found ${shown.length} functions`);
      } finally {
        cloudFormation.destroy();
        lambda.destroy();
      }
      return performance.now() - started;
    };
    const firstPageOurs = async (): Promise<number> => {
      const started = performance.now();
      bench.root.invalidate();
      const all = ((await bench.root.getChildren?.()) ?? []).find((node) => node.id.endsWith('/functions'))!;
      const page = (await all.getChildren?.()) ?? [];
      page.forEach((node) => node.getTreeItem());
      if (page.length !== 51) throw new Error(`The first page has ${page.length} items`);
      return performance.now() - started;
    };
    const firstPagePeer = async (): Promise<number> => {
      const started = performance.now();
      const lambda = new clients.LambdaClient(settings);
      try {
        const all = await listEveryFunction(clients, lambda);
        if (all.length !== FUNCTIONS_IN_ACCOUNT) throw new Error(`The peer listed ${all.length} functions`);
      } finally {
        lambda.destroy();
      }
      return performance.now() - started;
    };

    // One warm-up each (module loading, the local cloud's first answers), then interleaved runs.
    await expandOurs();
    await expandPeer();
    await firstPageOurs();
    await firstPagePeer();
    const figures = {
      expandOurs: [] as number[],
      expandPeer: [] as number[],
      pageOurs: [] as number[],
      pagePeer: [] as number[],
    };
    for (let run = 0; run < RUNS; run++) {
      figures.expandOurs.push(await expandOurs());
      figures.expandPeer.push(await expandPeer());
      figures.pageOurs.push(await firstPageOurs());
      figures.pagePeer.push(await firstPagePeer());
    }
    const expandOurs50 = median(figures.expandOurs);
    const expandPeer50 = median(figures.expandPeer);
    const pageOurs50 = median(figures.pageOurs);
    const pagePeer50 = median(figures.pagePeer);
    console.log(
      `deployed tree bench: local cloud (child process), ${FUNCTIONS_IN_ACCOUNT} functions in the account, ` +
        `${RUNS} runs each, median`,
    );
    console.log(
      `  during activate(): remote connections ${reach.remote} (budget ${BUDGETS.remoteCallsBeforeOpen}), ` +
        `AWS SDK loaded: ${reach.sdkLoaded ? 'yes' : 'no'}, loopback probes ${reach.loopback} (local cloud port)`,
    );
    console.log(
      `  expand a 50-resource stack + its Functions (ours)    ${expandOurs50.toFixed(1)} ms   budget ${BUDGETS.expandStackMs} ms`,
    );
    console.log(
      `  same, Toolkit-style region scan (peer)               ${expandPeer50.toFixed(1)} ms   ours/peer ${(expandOurs50 / expandPeer50).toFixed(3)}`,
    );
    console.log(
      `  first page of All functions, 50 + Load more (ours)   ${pageOurs50.toFixed(1)} ms   budget ${BUDGETS.firstPageMs} ms`,
    );
    console.log(
      `  every function before the first is drawn (peer)      ${pagePeer50.toFixed(1)} ms   ours/peer ${(pageOurs50 / pagePeer50).toFixed(3)}`,
    );
    const overBudget =
      reach.remote > BUDGETS.remoteCallsBeforeOpen ||
      reach.sdkLoaded ||
      expandOurs50 > BUDGETS.expandStackMs ||
      pageOurs50 > BUDGETS.firstPageMs;
    if (overBudget) process.exitCode = 1;
  } finally {
    setupLambda.destroy();
    setupCloudFormation.destroy();
    await cloud.stop();
    rmSync(stateDirectory, { recursive: true, force: true });
  }
}

type Clients = typeof AwsClientsModule;

/** What the tree's nodes use of AwsBackendConnection, for the local cloud only (no editor, no profiles). */
function benchBackend(clients: Clients, settings: ConstructorParameters<Clients['LambdaClient']>[0] & object) {
  const never = () => ({ dispose: () => undefined });
  return {
    backend: { kind: 'localCloud' },
    describe: () => 'local cloud',
    loadClients: () => Promise.resolve(clients),
    clientSettings: () => Promise.resolve(settings),
    lambda: () => Promise.resolve(new clients.LambdaClient(settings)),
    cloudFormation: () => Promise.resolve(new clients.CloudFormationClient(settings)),
    explain: (error: unknown) => error,
    onDidChangeBackend: never,
    localCloudManager: { onDidChangeState: never },
  };
}

async function listEveryFunction(
  clients: Clients,
  lambda: InstanceType<Clients['LambdaClient']>,
): Promise<{ FunctionName?: string | undefined }[]> {
  const all: { FunctionName?: string | undefined }[] = [];
  let marker: string | undefined;
  do {
    const page = await lambda.send(new clients.lambda.ListFunctionsCommand(marker ? { Marker: marker } : {}));
    all.push(...(page.Functions ?? []));
    marker = page.NextMarker;
  } while (marker);
  return all;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
