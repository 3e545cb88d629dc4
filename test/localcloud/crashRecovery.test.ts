// kill -9 the server process while clients are writing, restart it on the same state directory, and check that
// every write the server acknowledged is still there: log events, objects, and functions with their code, published
// versions and aliases, which still run.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { WorkbenchError } from '../../src/core/errors';
import { startLocalCloudProcess } from '../../src/localcloud/localCloudProcess';
import { clientConfig } from '../support/localCloudHarness';
import { repoRoot } from '../support/paths';
import { functionZip, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

/** A function and the steps the server acknowledged for it: created with this code, then a version, then an alias. */
interface AcknowledgedFunction {
  name: string;
  generation: number;
  round: number;
  codeSha256: string;
  version?: string;
  alias?: string;
}

interface Acknowledged {
  logs: string[];
  objects: string[];
  functions: AcknowledgedFunction[];
}

function clientsFor(endpoint: string) {
  return {
    logs: new CloudWatchLogsClient(clientConfig(endpoint)),
    s3: new S3Client({ ...clientConfig(endpoint), forcePathStyle: true }),
    lambda: new LambdaClient(clientConfig(endpoint)),
  };
}

/** Writes until the first failure (the kill), recording what the server acknowledged. */
async function writeUntilFailure(
  cloud: FidelityCloud,
  round: number,
  acknowledged: Acknowledged,
  enough: () => void,
): Promise<void> {
  const { logs, s3, lambda } = clientsFor(cloud.endpoint);
  const check = () => {
    if (
      acknowledged.logs.length >= 150 * round &&
      acknowledged.objects.length >= 40 * round &&
      acknowledged.functions.length >= 15 * round
    )
      enough();
  };
  const logWriter = async () => {
    for (let index = 0; ; index++) {
      const message = `round-${round}-event-${index}`;
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: 'crash',
          logStreamName: 's',
          logEvents: [{ timestamp: Date.now(), message }],
        }),
      );
      acknowledged.logs.push(message);
      check();
    }
  };
  const objectWriter = async () => {
    for (let index = 0; ; index++) {
      const key = `round-${round}/object-${index}`;
      await s3.send(new PutObjectCommand({ Bucket: 'crash-bucket', Key: key, Body: `${key}:${'x'.repeat(20_000)}` }));
      acknowledged.objects.push(key);
      check();
    }
  };
  const functionWriter = async () => {
    for (let index = 0; ; index++) {
      const name = `crash-${round}-${index}`;
      const generation = round * 1000 + index;
      const created = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::123456789012:role/r',
          Handler: 'index.handler',
          Code: { ZipFile: functionZip(generation) },
        }),
      );
      const entry: AcknowledgedFunction = { name, generation, round, codeSha256: created.CodeSha256! };
      acknowledged.functions.push(entry);
      check();
      entry.version = (await lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version;
      await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: entry.version }));
      entry.alias = 'live';
    }
  };
  await Promise.allSettled([logWriter(), objectWriter(), functionWriter()]);
  logs.destroy();
  s3.destroy();
  lambda.destroy();
}

/**
 * Each acknowledged function is there with the code it was given (same hash, same bytes), its published version
 * and its alias; and the last complete one of each round still runs, through its alias, with that code.
 */
async function checkFunctions(lambda: LambdaClient, functions: AcknowledgedFunction[]): Promise<void> {
  assert.ok(functions.filter((entry) => entry.alias).length >= 3, 'aliases were acknowledged');
  for (const entry of functions) {
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: entry.name }));
    assert.equal(fn.Configuration?.FunctionName, entry.name);
    assert.equal(fn.Configuration?.CodeSha256, entry.codeSha256, `${entry.name}'s code`);
    const zip = new Uint8Array(await (await fetch(fn.Code!.Location!)).arrayBuffer());
    assert.deepEqual(zip, functionZip(entry.generation), `${entry.name}'s package`);
    if (entry.version) {
      const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: entry.name }));
      const published = versions.Versions?.find((version) => version.Version === entry.version);
      assert.equal(published?.CodeSha256, entry.codeSha256, `${entry.name} version ${entry.version}`);
    }
    if (entry.alias) {
      const alias = await lambda.send(new GetAliasCommand({ FunctionName: entry.name, Name: entry.alias }));
      assert.equal(alias.FunctionVersion, entry.version, `${entry.name}'s alias ${entry.alias}`);
    }
  }
  for (const round of new Set(functions.map((entry) => entry.round))) {
    const last = functions.filter((entry) => entry.round === round && entry.alias).at(-1)!;
    const invoked = await lambda.send(
      new InvokeCommand({
        FunctionName: last.name,
        Qualifier: last.alias,
        Payload: JSON.stringify({ marker: 'after' }),
      }),
    );
    assert.equal(invoked.FunctionError, undefined, Buffer.from(invoked.Payload ?? []).toString());
    const payload = JSON.parse(Buffer.from(invoked.Payload!).toString()) as { generation: number; version: string };
    assert.deepEqual(payload, { echo: { marker: 'after' }, generation: last.generation, version: last.version });
  }
}

describe('crash recovery', () => {
  let stateDirectory: string;
  before(() => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-crash-'));
  });
  after(() => rmSync(stateDirectory, { recursive: true, force: true }));

  it('keeps every acknowledged write through repeated kill -9', async () => {
    const acknowledged: Acknowledged = { logs: [], objects: [], functions: [] };
    const setup = await startFidelityCloud(stateDirectory);
    const { logs, s3 } = clientsFor(setup.endpoint);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'crash' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'crash', logStreamName: 's' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'crash-bucket' }));
    logs.destroy();
    s3.destroy();
    let cloud = setup;
    for (let round = 1; round <= 3; round++) {
      const running = cloud;
      const writing = writeUntilFailure(running, round, acknowledged, () =>
        process.kill(running.process.pid, 'SIGKILL'),
      );
      await writing;
      assert.equal(await running.process.exited, null, 'the server died by the signal');
      cloud = await startFidelityCloud(stateDirectory);
    }

    const { logs: logsAfter, s3: s3After, lambda: lambdaAfter } = clientsFor(cloud.endpoint);
    try {
      const stored = new Set<string>();
      let token: string | undefined;
      do {
        const page = await logsAfter.send(new FilterLogEventsCommand({ logGroupName: 'crash', nextToken: token }));
        for (const event of page.events ?? []) stored.add(event.message!);
        token = page.nextToken;
      } while (token);
      const lostEvents = acknowledged.logs.filter((message) => !stored.has(message));
      assert.deepEqual(lostEvents, [], `${acknowledged.logs.length} events acknowledged`);
      for (const key of acknowledged.objects) {
        const object = await s3After.send(new GetObjectCommand({ Bucket: 'crash-bucket', Key: key }));
        assert.equal(await object.Body?.transformToString(), `${key}:${'x'.repeat(20_000)}`);
      }
      await checkFunctions(lambdaAfter, acknowledged.functions);
    } finally {
      logsAfter.destroy();
      s3After.destroy();
      lambdaAfter.destroy();
      await cloud.process.stop();
    }
  });
});

describe('local cloud process helper', () => {
  it('reports a port in use with a clear error, and stops cleanly', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const stateDirectory = mkdtempSync(join(tmpdir(), 'sw-port-'));
    try {
      await assert.rejects(
        startLocalCloudProcess({
          entryPoint: join(repoRoot, 'src', 'localcloud', 'main.ts'),
          nodeArguments: ['--import', 'tsx'],
          stateDirectory,
          port,
        }),
        (error: unknown) => {
          assert.ok(error instanceof WorkbenchError);
          assert.equal(error.code, 'PortInUse');
          assert.match(error.message, new RegExp(`Port ${port} on 127.0.0.1 is already in use`));
          return true;
        },
      );
      const started = await startLocalCloudProcess({
        entryPoint: join(repoRoot, 'src', 'localcloud', 'main.ts'),
        nodeArguments: ['--import', 'tsx'],
        stateDirectory,
      });
      assert.match(started.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${started.endpoint}/_localcloud/health`);
      assert.equal(health.status, 200);
      await started.stop();
      assert.equal(await started.exited, 0);
    } finally {
      blocker.close();
      rmSync(stateDirectory, { recursive: true, force: true });
    }
  });
});
