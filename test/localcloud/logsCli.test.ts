// `serverless-workbench logs` against the local cloud in its own process, with hello-sam deployed through its
// CloudFormation: a function by logical ID in the stack, by name and alias, the whole stack, JSON output, the
// summary, following with --tail, and the errors a person can make.
import { strict as assert } from 'node:assert';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { runCli, startCli } from '../unit/runtime/cliProcess';
import { clientConfig } from '../support/localCloudHarness';
import { repoRoot } from '../support/paths';
import { packageSample } from './cloudFormationScenario';
import { startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const STACK = 'hello-logs';
const WAIT = { minDelay: 1, maxDelay: 1, maxWaitTime: 120 };

describe('serverless-workbench logs against the local cloud', () => {
  let cloud: FidelityCloud;
  let lambda: LambdaClient;
  let usersFunction: string;
  /** When the last invocation of `before` answered: relative start times must not reach back past it. */
  let lastInvokedAt = 0;
  const backend = () => ['--endpoint-url', cloud.endpoint, '--region', 'us-east-1'];
  const invokeUsers = (id: string) =>
    lambda.send(
      new InvokeCommand({ FunctionName: `${usersFunction}:live`, Payload: JSON.stringify({ pathParameters: { id } }) }),
    );

  before(async () => {
    cloud = await startFidelityCloud();
    lambda = new LambdaClient(clientConfig(cloud.endpoint));
    const cloudFormation = new CloudFormationClient(clientConfig(cloud.endpoint));
    try {
      const body = await packageSample(cloud.endpoint, 'logs-artifacts');
      const created = await cloudFormation.send(
        new CreateChangeSetCommand({
          StackName: STACK,
          ChangeSetName: 'create',
          ChangeSetType: 'CREATE',
          TemplateBody: body,
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
        }),
      );
      await waitUntilChangeSetCreateComplete({ client: cloudFormation, ...WAIT }, { ChangeSetName: created.Id });
      await cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
      await waitUntilStackCreateComplete({ client: cloudFormation, ...WAIT }, { StackName: STACK });
    } finally {
      cloudFormation.destroy();
    }
    const names = (await lambda.send(new ListFunctionsCommand({}))).Functions!.map((fn) => fn.FunctionName!);
    usersFunction = names.find((name) => name.startsWith(`${STACK}-UsersFunction-`))!;
    assert.ok(usersFunction, `no UsersFunction among ${names.join(', ')}`);
    for (let index = 0; index < 5; index++) await invokeUsers(String(index));
    lastInvokedAt = Date.now();
  });
  after(async () => {
    lambda.destroy();
    await cloud.stop();
  });

  it('prints a stack function by logical ID as sam logs does: stream, time, message', async () => {
    const outcome = await runCli(['logs', '-n', 'UsersFunction', '--stack-name', STACK, ...backend()]);
    assert.equal(outcome.code, 0, outcome.stderr);
    const lines = outcome.stdout.trim().split('\n');
    assert.equal(lines.filter((line) => / REPORT RequestId: /.test(line)).length, 5);
    assert.equal(lines.filter((line) => /Init Duration/.test(line)).length, 1);
    assert.ok(lines.some((line) => /Looking up user 3/.test(line)));
    for (const line of lines) {
      assert.match(
        line,
        /^\d{4}\/\d{2}\/\d{2}\/\[1\][0-9a-f]{32} \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2}) /,
      );
    }
    assert.ok(!outcome.stdout.includes('\u001b['), 'no colours when stdout is not a terminal');
  });

  it('follows an alias by name with a filter pattern, and prints the summary with cost on --summary', async () => {
    const outcome = await runCli([
      'logs',
      '-n',
      `${usersFunction}:live`,
      '--filter',
      'REPORT',
      '--summary',
      ...backend(),
    ]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stdout.trim().split('\n').length, 5);
    assert.match(outcome.stderr, /Invocations 5 · Errors 0 · Cold starts 1 \(20%\) · p50 [\d.]+ ms/);
    // hello-sam's functions run on arm64 (Globals), priced as such with the table's date.
    assert.match(
      outcome.stderr,
      /Cost \$0\.\d+\n\(Requests \$0\.0000010 \+ duration \$[\d.]+, arm64 in us-east-1, first-tier on-demand prices of \d{4}-\d{2}-\d{2}/,
    );
  });

  it('reads every function of a stack as JSON lines, saying which were never invoked', async () => {
    const outcome = await runCli(['logs', '--stack-name', STACK, '--output', 'json', '-s', '1 hour ago', ...backend()]);
    assert.equal(outcome.code, 0, outcome.stderr);
    const events = outcome.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { function: string; logGroupName: string; message: string; eventId?: string });
    assert.ok(events.length >= 20);
    assert.ok(events.every((event) => event.function === usersFunction && event.eventId));
    assert.equal(new Set(events.map((event) => event.eventId)).size, events.length);
    assert.match(outcome.stderr, /No logs yet for \/aws\/lambda\/hello-logs-OrderProcessorFunction-/);
  });

  it('follows with --tail until interrupted, printing each new event once', async () => {
    // "2 seconds ago" must start after before()'s invocations, which fast machines finish less than 2 s earlier.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastInvokedAt + 2_100 - Date.now())));
    const running = startCli(['logs', '-n', usersFunction, '--tail', '-s', '2 seconds ago', '--verbose', ...backend()]);
    try {
      // Nothing happened in the last two seconds: wait until it follows, then invoke.
      await waitFor(() => /following via liveTail/.test(running.stderr()), running);
      await invokeUsers('tail-1');
      await running.waitForStdout(/Looking up user tail-1[\s\S]*REPORT RequestId/);
      await invokeUsers('tail-2');
      await running.waitForStdout(/Looking up user tail-2[\s\S]*REPORT RequestId/);
    } finally {
      running.child.kill('SIGINT');
    }
    const outcome = await running.exited;
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stdout.match(/Looking up user tail-1/g)?.length, 1);
    assert.equal(outcome.stdout.match(/REPORT RequestId/g)?.length, 2);
  });

  it('polls when asked, and still prints new events once', async () => {
    const running = startCli([
      'logs',
      '-n',
      usersFunction,
      '--tail',
      '--poll',
      '-s',
      '2 seconds ago',
      '--verbose',
      ...backend(),
    ]);
    try {
      await waitFor(() => /following via polling/.test(running.stderr()), running);
      await invokeUsers('poll-1');
      await running.waitForStdout(/Looking up user poll-1[\s\S]*REPORT RequestId/);
    } finally {
      running.child.kill('SIGINT');
    }
    const outcome = await running.exited;
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stdout.match(/Looking up user poll-1/g)?.length, 1);
  });

  it('explains what is wrong: no target, a bad time, an unknown function, an unknown stack', async () => {
    const none = await runCli(['logs', ...backend()]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Name a function \(-n\) or a stack \(--stack-name\)/);
    const badTime = await runCli(['logs', '-n', usersFunction, '-s', 'banana', ...backend()]);
    assert.equal(badTime.code, 2);
    assert.match(badTime.stderr, /"banana" is not a time[\s\S]*Hint: Use a relative time \("5mins ago"/);
    const unknown = await runCli(['logs', '-n', 'no-such-function', ...backend()]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No function no-such-function in the endpoint http:\/\/127\.0\.0\.1:\d+/);
    const noStack = await runCli(['logs', '--stack-name', 'no-such-stack', ...backend()]);
    assert.equal(noStack.code, 1);
    assert.match(noStack.stderr, /No stack no-such-stack in the endpoint/);
  });
});

describe('serverless-workbench logs: targets, ranges and backends', () => {
  let cloud: FidelityCloud;
  let lambda: LambdaClient;
  const FUNCTION = 'logs-cli-ranges';
  const invoke = (qualifier: string | undefined, id: string) =>
    lambda.send(
      new InvokeCommand({
        FunctionName: FUNCTION,
        ...(qualifier ? { Qualifier: qualifier } : {}),
        Payload: JSON.stringify({ id }),
      }),
    );
  const backend = () => ['--endpoint-url', cloud.endpoint, '--region', 'us-east-1'];
  let firstInvoke = 0;
  let betweenInvokes = 0;

  before(async () => {
    cloud = await startFidelityCloud();
    lambda = new LambdaClient(clientConfig(cloud.endpoint));
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: FUNCTION,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/lambda',
        Code: {
          ZipFile: zipSync({
            'index.js': strToU8(
              "exports.handler = async (event) => { console.log('ERROR event', event.id); return event.id; };",
            ),
          }),
        },
      }),
    );
    firstInvoke = Date.now() - 1;
    await invoke(undefined, 'latest-early');
    await new Promise((resolve) => setTimeout(resolve, 50));
    betweenInvokes = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await invoke(undefined, 'latest-late');
    await lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION }));
    await invoke('1', 'version-one');
  });
  after(async () => {
    lambda.destroy();
    await cloud.stop();
  });

  it("reads a version by its ARN: only that version's instances", async () => {
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:${FUNCTION}:1`;
    const outcome = await runCli(['logs', '-n', arn, ...backend()]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /ERROR event version-one/);
    assert.doesNotMatch(outcome.stdout, /latest-/);
    assert.ok(
      outcome.stdout
        .trim()
        .split('\n')
        .every((line) => line.includes('/[1]')),
      'version 1 streams only',
    );
  });

  it('reads between -s and -e (ISO timestamps), leaving out what came after', async () => {
    const outcome = await runCli([
      'logs',
      '-n',
      FUNCTION,
      '-s',
      new Date(firstInvoke).toISOString(),
      '-e',
      new Date(betweenInvokes).toISOString(),
      ...backend(),
    ]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /ERROR event latest-early/);
    assert.doesNotMatch(outcome.stdout, /latest-late|version-one/);
  });

  it('finds the running local cloud by default (no backend flags), and refuses --include-traces', async () => {
    const port = new URL(cloud.endpoint).port;
    const running = startCli(['logs', '-n', FUNCTION, '--filter', 'version-one'], { SW_LOCAL_CLOUD_PORT: port });
    running.child.stdin.end();
    const outcome = await running.exited;
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /ERROR event version-one/);
    const traces = await runCli(['logs', '-n', FUNCTION, '--include-traces', ...backend()]);
    assert.equal(traces.code, 2);
    assert.match(traces.stderr, /--include-traces is not supported/);
  });

  it('goes where an AWS profile points (--profile with endpoint_url in the shared config)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sw-logs-profile-'));
    try {
      writeFileSync(
        join(folder, 'config'),
        `[profile localdev]\nregion = us-east-1\nendpoint_url = ${cloud.endpoint}\n` +
          'aws_access_key_id = test\naws_secret_access_key = test\n',
      );
      writeFileSync(join(folder, 'credentials'), '');
      const running = startCli(['logs', '-n', FUNCTION, '--profile', 'localdev', '--verbose', '--filter', 'early'], {
        AWS_CONFIG_FILE: join(folder, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials'),
      });
      running.child.stdin.end();
      const outcome = await running.exited;
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.equal(outcome.stdout.trim().split('\n').length, 1);
      assert.match(outcome.stdout, /ERROR event latest-early/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('colours its output on a terminal only (a pseudo-terminal here), and not with NO_COLOR', () => {
    const command = (extra: string) =>
      spawnSync(
        'script',
        [
          '-qec',
          `${extra} ${process.execPath} --import tsx src/cli.ts logs -n ${FUNCTION} ${backend().join(' ')}`,
          '/dev/null',
        ],
        { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, TERM: 'xterm-256color' } },
      );
    const coloured = command('');
    assert.equal(coloured.status, 0, coloured.stdout);
    const line = coloured.stdout.split('\n').find((text) => text.includes('ERROR event latest-early')) ?? '';
    assert.ok(line.includes('\u001b['), `coloured: ${JSON.stringify(line)}`);
    const plain = command('NO_COLOR=1');
    assert.equal(plain.status, 0, plain.stdout);
    assert.match(plain.stdout, /ERROR event latest-early/);
    assert.ok(!plain.stdout.includes('\u001b['), 'no colours with NO_COLOR');
  });
});

async function waitFor(
  condition: () => boolean,
  running: { exited: Promise<unknown> },
  timeoutMs = 30_000,
): Promise<void> {
  let ended = false;
  void running.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (ended) throw new Error('the CLI exited');
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
