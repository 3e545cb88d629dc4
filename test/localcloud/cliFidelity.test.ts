// The fidelity scenario through the `aws` CLI (`--endpoint-url`), as a user would type it.
import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  clientEnvironment,
  functionZip,
  ROUTED_WEIGHT,
  ROUTING_TOLERANCE,
  startFidelityCloud,
  type FidelityCloud,
} from './fidelityScenario';

const run = promisify(execFile);
/** Debian's awscli (v2) has `logs tail`; CI installs it with apt. */
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

describe('fidelity: aws CLI', () => {
  let cloud: FidelityCloud;
  let workDirectory: string;
  before(async () => {
    cloud = await startFidelityCloud();
    workDirectory = mkdtempSync(join(tmpdir(), 'sw-fidelity-cli-'));
    writeFileSync(join(workDirectory, 'v1.zip'), functionZip(1));
    writeFileSync(join(workDirectory, 'v2.zip'), functionZip(2));
  });
  after(async () => {
    await cloud.stop();
    rmSync(workDirectory, { recursive: true, force: true });
  });

  async function aws(...args: string[]): Promise<string> {
    const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args], {
      env: clientEnvironment(),
      cwd: workDirectory,
    });
    return stdout;
  }

  /** Runs a command that must fail and returns its stderr. */
  async function awsError(...args: string[]): Promise<string> {
    try {
      await aws(...args);
    } catch (error) {
      return (error as { stderr: string }).stderr;
    }
    assert.fail(`aws ${args.join(' ')} succeeded`);
  }

  function invoke(
    payload: string,
    ...extra: string[]
  ): Promise<{ StatusCode: number; ExecutedVersion: string; LogResult?: string }> {
    return aws(
      'lambda',
      'invoke',
      '--function-name',
      'fidelity',
      '--cli-binary-format',
      'raw-in-base64-out',
      '--payload',
      payload,
      ...extra,
      'out.json',
    ).then((text) => JSON.parse(text) as { StatusCode: number; ExecutedVersion: string; LogResult?: string });
  }

  it('creates a function from a zip and invokes it with --log-type Tail', async () => {
    const created = JSON.parse(
      await aws(
        'lambda',
        'create-function',
        '--function-name',
        'fidelity',
        '--runtime',
        'nodejs20.x',
        '--role',
        'arn:aws:iam::123456789012:role/r',
        '--handler',
        'index.handler',
        '--zip-file',
        'fileb://v1.zip',
      ),
    ) as { FunctionArn: string };
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:fidelity');
    const result = await invoke('{"marker":"cli-first"}', '--log-type', 'Tail');
    assert.equal(result.StatusCode, 200);
    assert.deepEqual(JSON.parse(readFileSync(join(workDirectory, 'out.json'), 'utf8')), {
      echo: { marker: 'cli-first' },
      generation: 1,
      version: '$LATEST',
    });
    const tail = Buffer.from(result.LogResult ?? '', 'base64').toString();
    assert.match(tail, /INFO\tmarker=cli-first generation=1/);
    assert.match(tail, /^REPORT RequestId:/m);
  });

  it('publishes two versions and routes an alias by weight', async () => {
    const v1 = JSON.parse(await aws('lambda', 'publish-version', '--function-name', 'fidelity')) as { Version: string };
    await aws('lambda', 'update-function-code', '--function-name', 'fidelity', '--zip-file', 'fileb://v2.zip');
    const v2 = JSON.parse(await aws('lambda', 'publish-version', '--function-name', 'fidelity')) as { Version: string };
    assert.deepEqual([v1.Version, v2.Version], ['1', '2']);
    await aws(
      'lambda',
      'create-alias',
      '--function-name',
      'fidelity',
      '--name',
      'live',
      '--function-version',
      '1',
      '--routing-config',
      JSON.stringify({ AdditionalVersionWeights: { '2': ROUTED_WEIGHT } }),
    );
    const total = 20;
    let routed = 0;
    for (let index = 0; index < total; index++) {
      const result = await invoke('{"marker":"routing"}', '--qualifier', 'live');
      if (result.ExecutedVersion === '2') routed++;
    }
    // Each CLI call is a 1.5 s process start, so fewer draws than the SDK and boto3 runs (300) and a wider band;
    // the seeded source keeps the count reproducible.
    assert.ok(
      Math.abs(routed / total - ROUTED_WEIGHT) <= ROUTING_TOLERANCE + 0.1,
      `version 2 served ${routed} of ${total}`,
    );
  });

  it('filters logs by pattern', async () => {
    const found = JSON.parse(
      await aws(
        'logs',
        'filter-log-events',
        '--log-group-name',
        '/aws/lambda/fidelity',
        '--filter-pattern',
        '"marker=cli-first"',
      ),
    ) as {
      events: { message: string }[];
    };
    assert.equal(found.events.length, 1);
    assert.match(found.events[0]!.message, /marker=cli-first/);
  });

  it('shows new events in `aws logs tail --follow`', async () => {
    const tail = spawn(
      AWS,
      [
        '--endpoint-url',
        cloud.endpoint,
        'logs',
        'tail',
        '/aws/lambda/fidelity',
        '--follow',
        '--since',
        '1h',
        '--format',
        'short',
      ],
      {
        // Python block-buffers a piped stdout; the test reads it as it comes.
        env: clientEnvironment({ PYTHONUNBUFFERED: '1' }),
      },
    );
    let output = '';
    tail.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const waitFor = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(text)) resolve();
          else if (tail.exitCode !== null) reject(new Error(`aws logs tail exited: ${output}`));
          else setTimeout(check, 100);
        };
        check();
      });
    try {
      await waitFor('marker=cli-first');
      await invoke('{"marker":"followed-later"}');
      await waitFor('marker=followed-later');
    } finally {
      tail.kill();
    }
  });

  it('round-trips an S3 object', async () => {
    await aws('s3api', 'create-bucket', '--bucket', 'fidelity-cli');
    writeFileSync(join(workDirectory, 'object.txt'), 'from the cli');
    await aws('s3', 'cp', 'object.txt', 's3://fidelity-cli/dir/object.txt');
    await aws('s3', 'cp', 's3://fidelity-cli/dir/object.txt', 'copy.txt');
    assert.equal(readFileSync(join(workDirectory, 'copy.txt'), 'utf8'), 'from the cli');
    // Over the CLI's 8 MB threshold: a multipart upload and ranged downloads.
    writeFileSync(join(workDirectory, 'large.bin'), Buffer.alloc(20 * 1024 * 1024, 'abc'));
    await aws('s3', 'cp', 'large.bin', 's3://fidelity-cli/dir/large.bin');
    await aws('s3', 'cp', 's3://fidelity-cli/dir/large.bin', 'large-copy.bin');
    assert.ok(
      readFileSync(join(workDirectory, 'large-copy.bin')).equals(readFileSync(join(workDirectory, 'large.bin'))),
    );
    const listing = JSON.parse(await aws('s3api', 'list-objects-v2', '--bucket', 'fidelity-cli')) as {
      Contents: { Key: string }[];
    };
    assert.deepEqual(
      listing.Contents.map((item) => item.Key),
      ['dir/large.bin', 'dir/object.txt'],
    );
    await aws('s3', 'rm', 's3://fidelity-cli/dir/', '--recursive');
    const emptied = JSON.parse(await aws('s3api', 'list-objects-v2', '--bucket', 'fidelity-cli', '--no-paginate')) as {
      KeyCount: number;
    };
    assert.equal(emptied.KeyCount, 0);
  });

  it('prints the named errors', async () => {
    assert.match(
      await awsError('lambda', 'get-function', '--function-name', 'missing-function'),
      /An error occurred \(ResourceNotFoundException\)/,
    );
    assert.match(
      await awsError('logs', 'filter-log-events', '--log-group-name', '/missing/group'),
      /An error occurred \(ResourceNotFoundException\)/,
    );
    assert.match(
      await awsError('s3api', 'get-object', '--bucket', 'fidelity-cli', '--key', 'missing-key', 'x.out'),
      /An error occurred \(NoSuchKey\)/,
    );
    assert.match(
      await awsError(
        'lambda',
        'update-alias',
        '--function-name',
        'fidelity',
        '--name',
        'live',
        '--routing-config',
        '{"AdditionalVersionWeights":{"2":1.0}}',
      ),
      /An error occurred \(InvalidParameterValueException\)/,
    );
  });
});
