import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArguments } from '../../../src/cli/startApiCommand';
import { repoRoot } from '../../support/paths';
import { runCli, startCli, useSuiteLocalCloud } from './cliProcess';
import { temporaryCode } from './runtimeFixtures';

const sampleTemplate = join(repoRoot, 'samples', 'hello-sam', 'template.yaml');
const READY_LINE = /^Local API running at (http:\/\/127\.0\.0\.1:(\d+)) \(Ctrl\+C to stop\)$/m;

interface UserBody {
  id: string;
  message: string;
  stage: string;
  requestId: string;
}

describe('runtime: the start-api command', function () {
  this.timeout(60_000);
  useSuiteLocalCloud();

  it('serves the sample API on a free port, logs on stderr, and exits 0 on SIGTERM', async () => {
    const cli = startCli(['start-api', '-t', sampleTemplate, '--port', '0']);
    const [, url = '', port = ''] = await cli.waitForStdout(READY_LINE);
    assert.notEqual(Number(port), 0);
    await cli.waitForStdout(/\n {2}GET {5}\S+\/users\/\{id\} -> UsersFunction \(Api event GetUser\)\n/);
    assert.ok(cli.stdout().startsWith('Local API running at '), 'the URL is the first line');

    const response = await fetch(`${url}/users/42`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const body = (await response.json()) as UserBody;
    assert.deepEqual(
      { ...body, requestId: undefined },
      {
        id: '42',
        message: 'Hello, user 42!',
        stage: 'dev',
        requestId: undefined,
      },
    );
    const unknown = await fetch(`${url}/nowhere`);
    assert.equal(unknown.status, 403);

    cli.child.kill('SIGTERM');
    const outcome = await cli.exited;
    assert.deepEqual([outcome.code, outcome.signal], [0, null], outcome.stderr);
    assert.match(outcome.stderr, /^GET \/users\/42 -> UsersFunction 200 \(\d+\.\d ms, cold\)$/m);
    assert.match(outcome.stderr, /^GET \/nowhere 403$/m);
    assert.match(outcome.stderr, new RegExp(`^START RequestId: ${body.requestId} Version: \\$LATEST$`, 'm'));
    assert.match(outcome.stderr, new RegExp(`\\t${body.requestId}\\tINFO\\tLooking up user 42$`, 'm'));
    assert.match(outcome.stderr, new RegExp(`^REPORT RequestId: ${body.requestId}\\t`, 'm'));
    await assert.rejects(fetch(`${url}/users/42`), 'the port is closed after the stop');
  });

  it('applies --parameter-overrides and --env-vars, and exits 0 on SIGINT', async () => {
    const envVars = join(temporaryCode({ 'env.json': '{"UsersFunction":{"GREETING_PREFIX":"Howdy"}}' }), 'env.json');
    const cli = startCli([
      'start-api',
      '-t',
      sampleTemplate,
      '-p',
      '0',
      '--parameter-overrides',
      'Stage=prod',
      '--env-vars',
      envVars,
    ]);
    const [, url = ''] = await cli.waitForStdout(READY_LINE);
    const body = (await (await fetch(`${url}/users/7`)).json()) as UserBody;
    assert.deepEqual([body.message, body.stage], ['Howdy, user 7!', 'prod']);
    cli.child.kill('SIGINT');
    const outcome = await cli.exited;
    assert.deepEqual([outcome.code, outcome.signal], [0, null], outcome.stderr);
  });

  it('fails with a clear message and exit 2: missing template, no Api events, port in use', async () => {
    const withoutApi = temporaryCode({
      'template.yaml': [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  QueueWorker:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Runtime: nodejs20.x',
        '      Handler: index.handler',
        '      InlineCode: "exports.handler = async () => null;"',
        '',
      ].join('\n'),
    });
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    try {
      const takenPort = String((blocker.address() as AddressInfo).port);
      const [missing, noApi, portInUse] = await Promise.all([
        runCli(['start-api', '-t', join(withoutApi, 'nowhere.yaml')]),
        runCli(['start-api', '-t', join(withoutApi, 'template.yaml'), '--port', '0']),
        runCli(['start-api', '-t', sampleTemplate, '--port', takenPort]),
      ]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /The template \S+nowhere\.yaml does not exist\.\nHint: Pass the template with -t\./);
      assert.equal(noApi.code, 2);
      assert.match(noApi.stderr, /template\.yaml has no Api or HttpApi events to serve\.\nHint: Add an event /);
      assert.equal(portInUse.code, 2);
      assert.match(portInUse.stderr, new RegExp(`Port ${takenPort} is already in use\\.\\nHint: `));
      assert.equal(portInUse.stdout, '', 'nothing claims to be running');
    } finally {
      blocker.close();
    }
  });

  it('parses arguments strictly, with the options invoke shares', () => {
    assert.deepEqual(
      parseArguments([
        '-t',
        't.yaml',
        '-p',
        '0',
        '--host',
        '0.0.0.0',
        '--parameter-overrides',
        'A=1',
        'B=2',
        '-n',
        'e',
      ]),
      {
        template: 't.yaml',
        port: 0,
        host: '0.0.0.0',
        parameterOverrides: ['A=1', 'B=2'],
        envVars: 'e',
        verbose: false,
        help: false,
      },
    );
    assert.throws(() => parseArguments(['--bogus']), /Unknown option --bogus\./);
    assert.throws(() => parseArguments(['UsersFunction']), /Unexpected argument UsersFunction\./);
    assert.throws(() => parseArguments(['--port', '70000']), /--port needs a port number/);
    assert.throws(() => parseArguments(['-e', 'event.json']), /Unknown option -e\./);
    assert.throws(() => parseArguments(['--host']), /--host needs a value.*/);
  });
});
