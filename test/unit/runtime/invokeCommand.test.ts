import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArguments } from '../../../src/cli/invokeCommand';
import { repoRoot } from '../../support/paths';
import { runCli, useSuiteLocalCloud } from './cliProcess';
import { fixtureTemplate, runtimeFixtures } from './runtimeFixtures';

const sampleTemplate = join(repoRoot, 'samples', 'hello-sam', 'template.yaml');

describe('runtime: the invoke command', function () {
  this.timeout(60_000);
  useSuiteLocalCloud();

  it('invokes the sample Node function with an event file: response on stdout, log on stderr', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'swb-cli-'));
    const eventFile = join(directory, 'event.json');
    writeFileSync(eventFile, JSON.stringify({ pathParameters: { id: '42' } }));
    const { code, stdout, stderr } = await runCli(['invoke', 'UsersFunction', '-t', sampleTemplate, '-e', eventFile]);
    assert.equal(code, 0, stderr);
    // The function's SDK calls go to the local cloud (the suite's, found on its port).
    assert.match(stderr, /^AWS SDK calls of the functions go to local cloud \(http:\/\/127\.0\.0\.1:\d+\)$/m);
    const response = JSON.parse(stdout) as { statusCode: number; body: string };
    assert.equal(response.statusCode, 200);
    assert.equal((JSON.parse(response.body) as { message: string }).message, 'Hello, user 42!');
    assert.match(stderr, /^INIT_START Runtime Version: nodejs:22/m);
    assert.match(stderr, /\tINFO\tLooking up user 42$/m);
    assert.match(stderr, /^REPORT RequestId: \S+\tDuration: /m);
    assert.match(stderr, /declares nodejs22\.x, but the local Node\.js is/);
  });

  it('reads the event from stdin with -e - and runs the Python function', async () => {
    const event = { Records: [{ body: '{"orderId":"o-1"}', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:q' }] };
    const { code, stdout, stderr } = await runCli(
      ['invoke', 'OrderProcessorFunction', '-t', sampleTemplate, '-e', '-'],
      JSON.stringify(event),
    );
    assert.equal(code, 0, stderr);
    assert.deepEqual((JSON.parse(stdout) as { processed: string[] }).processed, ['o-1']);
    assert.match(stderr, /^Processing order o-1 from arn:aws:sqs/m);
  });

  it('sends {} without -e, and applies --env-vars and --parameter-overrides', async () => {
    const { code, stdout, stderr } = await runCli([
      'invoke',
      'EchoFunction',
      '-t',
      fixtureTemplate,
      '--env-vars',
      join(runtimeFixtures, 'env.json'),
      '--parameter-overrides',
      'Stage=prod',
      'TableSuffix=cli',
    ]);
    assert.equal(code, 0, stderr);
    const body = JSON.parse(stdout) as { event: unknown; env: Record<string, string> };
    assert.deepEqual(body.event, {});
    assert.equal(body.env['STAGE'], 'prod');
    assert.equal(body.env['FROM_FILE'], 'file-value');
    assert.equal(body.env['SUBSTITUTED'], 'arn:aws:s3:::prod-bucket-cli');
  });

  it('exits 1 when the function fails and 2 with a hint on bad input', async () => {
    const failed = await runCli(['invoke', 'EchoFunction', '-t', fixtureTemplate, '-e', '-'], '{not json');
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /The event is not valid JSON/);
    const unknown = await runCli(['invoke', 'Nope', '-t', fixtureTemplate]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no function named Nope\.\nHint: Functions: EchoFunction, /);
    const unsupported = await runCli(['invoke', 'JavaFunction', '-t', fixtureTemplate]);
    assert.equal(unsupported.code, 2);
    assert.match(unsupported.stderr, /java21.*cannot run locally/);
  });

  it('parses arguments strictly', () => {
    assert.deepEqual(
      parseArguments(['Fn', '-t', 't.yaml', '--parameter-overrides', 'A=1', 'B=2', '-e', '-', '-d', '9229']),
      {
        logicalId: 'Fn',
        template: 't.yaml',
        parameterOverrides: ['A=1', 'B=2'],
        event: '-',
        debugPort: 9229,
        verbose: false,
        help: false,
      },
    );
    assert.throws(() => parseArguments(['--bogus']), /Unknown option --bogus/);
    assert.throws(() => parseArguments(['-e']), /-e needs a value/);
    assert.throws(() => parseArguments(['A', 'B']), /Unexpected argument B/);
    assert.throws(() => parseArguments(['-d', 'x']), /needs a port number/);
  });
});
