import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { APIGatewayProxyEvent, S3Event, SQSEvent } from 'aws-lambda';
import { runGenerateEvent } from '../../../src/cli/generateEventCommand';
import { WorkbenchError } from '../../../src/core/errors';
import { repoRoot } from '../../support/paths';

const helloSamTemplate = join(repoRoot, 'samples/hello-sam/template.yaml');

async function run(args: string[], environment: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runGenerateEvent(
    args,
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    environment,
  );
  return { code, stdout, stderr };
}

describe('serverless-workbench generate-event', () => {
  it('prints a source’s event as JSON, with options and the region from the environment', async () => {
    const { code, stdout } = await run(['sqs', '--queue', 'jobs', '--count=2', '--body', '{"a":1}'], {
      AWS_REGION: 'ap-south-1',
    });
    assert.equal(code, 0);
    const event = JSON.parse(stdout) as SQSEvent;
    assert.equal(event.Records.length, 2);
    assert.equal(event.Records[0]?.eventSourceARN, 'arn:aws:sqs:ap-south-1:123456789012:jobs');
    assert.equal(event.Records[0]?.body, '{"a":1}');
  });

  it('generates a function’s own event from its template, with samconfig’s stack name', async () => {
    const { code, stdout, stderr } = await run(['--for', 'OrderProcessorFunction', '-t', helloSamTemplate]);
    assert.equal(code, 0);
    const event = JSON.parse(stdout) as SQSEvent;
    assert.match(event.Records[0]?.eventSourceARN ?? '', /^arn:aws:sqs:us-east-1:123456789012:hello-sam-OrdersQueue-/);
    assert.match(stderr, /other event sources: NightlySummary/);
    const schedule = await run([
      '--for',
      'OrderProcessorFunction',
      '-t',
      helloSamTemplate,
      '--name',
      'NightlySummary',
      '--quiet',
    ]);
    assert.deepEqual(JSON.parse(schedule.stdout), { summary: true });
    assert.equal(schedule.stderr, '');
    const api = JSON.parse(
      (await run(['--for', 'UsersFunction', '-t', helloSamTemplate])).stdout,
    ) as APIGatewayProxyEvent;
    assert.equal(api.resource, '/users/{id}');
  });

  it('lists sources and prints all of a function’s events', async () => {
    const list = await run(['--for', 'OrderProcessorFunction', '-t', helloSamTemplate, '--list']);
    assert.equal(list.stdout, 'OrdersFromQueue (SQS OrdersQueue)\nNightlySummary (Schedule cron(0 2 * * ? *))\n');
    const all = JSON.parse(
      (await run(['--for', 'OrderProcessorFunction', '-t', helloSamTemplate, '--all'])).stdout,
    ) as object;
    assert.deepEqual(Object.keys(all), ['OrdersFromQueue', 'NightlySummary']);
    const sources = await run(['--list']);
    assert.ok(sources.stdout.split('\n').includes('kafka-msk'));
  });

  it('saves the event next to the template', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sw-cli-'));
    try {
      writeFileSync(join(folder, 'template.yaml'), readFileSync(helloSamTemplate, 'utf8'));
      const { stderr } = await run([
        '--for',
        'UsersFunction',
        '-t',
        join(folder, 'template.yaml'),
        '--save',
        'get-user',
      ]);
      const saved = JSON.parse(
        readFileSync(join(folder, 'events', 'UsersFunction', 'get-user.json'), 'utf8'),
      ) as APIGatewayProxyEvent;
      assert.equal(saved.httpMethod, 'GET');
      assert.match(stderr, /saved to .*get-user\.json/);
      // No samconfig here: the stack is named after the folder, as the local runtime names it.
      const sqs = JSON.parse(
        (await run(['--for', 'OrderProcessorFunction', '-t', join(folder, 'template.yaml')])).stdout,
      ) as SQSEvent;
      assert.ok(sqs.Records[0]?.eventSourceARN.includes(`:${basename(folder)}-OrdersQueue-`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('explains bad input', async () => {
    await assert.rejects(
      run(['--for', 'UsersFunction', '-t', helloSamTemplate, '--name', 'Nope']),
      /no event source named "Nope"/,
    );
    await assert.rejects(run(['--for', 'Ghost', '-t', helloSamTemplate]), (error: unknown) => {
      return error instanceof WorkbenchError && error.code === 'FunctionNotFound';
    });
    await assert.rejects(run(['--for', 'X', '-t', '/nonexistent/template.yaml']), /Cannot read the template/);
    await assert.rejects(run(['dragon']), /Unknown event source "dragon"/);
    await assert.rejects(run(['sqs', '--queue']), /--queue needs a value/);
    await assert.rejects(run(['sqs', '--save', 'x']), /--save needs --for/);
    await assert.rejects(run(['sqs', '--time', 'yesterday']), /is not a time/);
  });

  it('prints help: the sources, or one source’s options', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Sources:\n {2}apigateway-rest/);
    const none = await run([]);
    assert.equal(none.code, 2);
    const sqs = await run(['sqs', '--help']);
    assert.match(sqs.stdout, /Event type: SQSEvent/);
    assert.match(sqs.stdout, /--queue VALUE/);
  });

  it('runs through the serverless-workbench entry point', async function () {
    this.timeout(30_000);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'src/cli.ts'), 'generate-event', 's3', '--bucket', 'photos', '--key', 'a.png'],
      { cwd: repoRoot },
    );
    const event = JSON.parse(stdout) as S3Event;
    assert.equal(event.Records[0]?.s3.bucket.name, 'photos');
    assert.equal(event.Records[0]?.s3.object.key, 'a.png');
  });
});
