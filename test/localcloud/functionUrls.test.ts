// Function URLs served by the local cloud process: the URL CreateFunctionUrlConfig answers takes HTTP requests
// (fetch, a host-style request, botocore-signed requests for AWS_IAM), the function gets Lambda's payload format
// 2.0 event and its answer becomes the HTTP response as Lambda maps it; CORS preflights are Lambda's own.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { repoRoot } from '../support/paths';
import { clientEnvironment, fidelityLambdaClient, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);

/** Echoes the event as the body of a 201, with a header, a cookie and a CORS header the URL's setting replaces. */
function echoZip(generation: number): Uint8Array {
  const source = `exports.handler = async (event) => {
  if (event.rawPath === '/fail') throw new Error('boom');
  if (event.rawPath === '/bare') return { generation: ${generation} };
  if (event.rawPath === '/binary') return { statusCode: 200, isBase64Encoded: true, body: Buffer.from([0, 1, 2]).toString('base64') };
  return {
    statusCode: 201,
    headers: { 'x-generation': '${generation}', 'access-control-allow-origin': 'https://ignored.example' },
    cookies: ['session=abc; Path=/', 'theme=dark'],
    body: JSON.stringify(event),
  };
};
`;
  return zipSync({ 'index.js': strToU8(source) }, { mtime: '2020-01-01T00:00:00Z' });
}

describe('fidelity: function URLs on 127.0.0.1', () => {
  let cloud: FidelityCloud;
  let lambda: LambdaClient;
  let publicUrl: string;
  before(async () => {
    cloud = await startFidelityCloud();
    lambda = fidelityLambdaClient(cloud);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'web',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: echoZip(1) },
      }),
    );
    const created = await lambda.send(
      new CreateFunctionUrlConfigCommand({
        FunctionName: 'web',
        AuthType: 'NONE',
        Cors: {
          AllowOrigins: ['https://app.example'],
          AllowMethods: ['GET', 'POST'],
          AllowHeaders: ['content-type', 'x-api-key'],
          ExposeHeaders: ['x-generation'],
          MaxAge: 300,
        },
      }),
    );
    publicUrl = created.FunctionUrl!;
  });
  after(async () => {
    lambda.destroy();
    await cloud.stop();
  });

  it('answers the URL CreateFunctionUrlConfig gives with the payload format 2.0 event and the mapped response', async () => {
    assert.match(publicUrl, new RegExp(`^${cloud.endpoint}/_aws/lambda-url/[a-z0-9]{32}/$`));
    const urlId = publicUrl.split('/').at(-2)!;
    const answer = await fetch(`${publicUrl}items/42?tag=a&tag=b&q=x%20y`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: 'one=1; two=2', 'X-Custom': 'v' },
      body: '{"name":"widget"}',
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.headers.get('x-generation'), '1');
    assert.deepEqual(answer.headers.getSetCookie(), ['session=abc; Path=/', 'theme=dark']);
    assert.match(answer.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    const event = (await answer.json()) as LambdaFunctionURLEvent;
    assert.deepEqual(
      [event.version, event.routeKey, event.rawPath, event.rawQueryString, event.body, event.isBase64Encoded],
      ['2.0', '$default', '/items/42', 'tag=a&tag=b&q=x%20y', '{"name":"widget"}', false],
    );
    assert.deepEqual(event.queryStringParameters, { tag: 'a,b', q: 'x y' });
    assert.deepEqual(event.cookies, ['one=1', 'two=2']);
    assert.equal(event.headers['x-custom'], 'v');
    assert.equal(event.headers['cookie'], undefined);
    assert.equal(event.headers['host'], `${urlId}.lambda-url.us-east-1.on.aws`);
    const context = event.requestContext;
    assert.deepEqual(
      [context.accountId, context.apiId, context.domainPrefix, context.http.method, context.http.path, context.stage],
      ['anonymous', urlId, urlId, 'POST', '/items/42', '$default'],
    );
    assert.equal(context.requestId, answer.headers.get('x-amzn-requestid'));
    assert.equal(context.http.sourceIp, '127.0.0.1');
    assert.equal((context as { authorizer?: unknown }).authorizer, undefined);
  });

  it('passes binary bodies base64-encoded; maps bare results, binary answers and failures as Lambda does', async () => {
    const binary = await fetch(`${publicUrl}upload`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array([255, 0, 7]),
    });
    const event = (await binary.json()) as LambdaFunctionURLEvent;
    assert.deepEqual([event.isBase64Encoded, event.body], [true, Buffer.from([255, 0, 7]).toString('base64')]);

    const bare = await fetch(`${publicUrl}bare`);
    assert.deepEqual(
      [bare.status, bare.headers.get('content-type'), await bare.json()],
      [200, 'application/json', { generation: 1 }],
    );
    const bytes = await fetch(`${publicUrl}binary`);
    assert.deepEqual([...new Uint8Array(await bytes.arrayBuffer())], [0, 1, 2]);
    const failed = await fetch(`${publicUrl}fail`);
    assert.deepEqual([failed.status, await failed.text()], [502, 'Internal Server Error']);
    const unknown = await fetch(`${cloud.endpoint}/_aws/lambda-url/${'x'.repeat(32)}/`);
    assert.equal(unknown.status, 404);
  });

  it("answers CORS preflights itself and puts the URL's CORS headers on answers to allowed origins", async () => {
    const preflight = await fetch(`${publicUrl}items`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 200);
    assert.deepEqual(
      [
        preflight.headers.get('access-control-allow-origin'),
        preflight.headers.get('access-control-allow-methods'),
        preflight.headers.get('access-control-allow-headers'),
        preflight.headers.get('access-control-max-age'),
      ],
      ['https://app.example', 'GET,POST', 'content-type,x-api-key', '300'],
    );
    assert.equal(await preflight.text(), '', 'the function never sees the preflight');
    const allowed = await fetch(`${publicUrl}items`, { headers: { Origin: 'https://app.example' } });
    assert.deepEqual(
      [allowed.headers.get('access-control-allow-origin'), allowed.headers.get('access-control-expose-headers')],
      ['https://app.example', 'x-generation'],
    );
    const other = await fetch(`${publicUrl}items`, { headers: { Origin: 'https://other.example' } });
    assert.equal(other.status, 201);
    assert.equal(other.headers.get('access-control-allow-origin'), null, "the function's own CORS header is replaced");
  });

  it('serves host-style requests and routes an alias URL to the alias version', async () => {
    await lambda.send(new PublishVersionCommand({ FunctionName: 'web' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: '1' }));
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'web', ZipFile: echoZip(2) }));
    const alias = await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live', AuthType: 'NONE' }),
    );
    const latest = await fetch(`${publicUrl}bare`);
    assert.deepEqual(await latest.json(), { generation: 2 });
    const aliasId = alias.FunctionUrl!.split('/').at(-2)!;
    const { port } = new URL(cloud.endpoint);
    const hostStyle = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = httpRequest(
        { host: '127.0.0.1', port, path: '/bare', headers: { Host: `${aliasId}.lambda-url.us-east-1.localhost` } },
        (incoming) => {
          let body = '';
          incoming.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    assert.deepEqual([hostStyle.status, JSON.parse(hostStyle.body)], [200, { generation: 1 }]);
  });

  it('streams: a RESPONSE_STREAM URL answers a streamifyResponse handler with its prelude and bytes', async () => {
    const source = `exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  if (event.rawPath === '/plain') {
    responseStream.write('no prelude');
    responseStream.end();
    return;
  }
  const stream = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 202,
    headers: { 'content-type': 'text/plain', 'x-streamed': 'yes' },
    cookies: ['step=1'],
  });
  stream.write('chunk 1, ');
  await new Promise((resolve) => setTimeout(resolve, 10));
  stream.write('chunk 2');
  stream.end();
});
`;
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'streamer',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: zipSync({ 'index.js': strToU8(source) }, { mtime: '2020-01-01T00:00:00Z' }) },
      }),
    );
    const streaming = await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'streamer', AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM' }),
    );
    const answer = await fetch(`${streaming.FunctionUrl!}events`);
    assert.deepEqual(
      [
        answer.status,
        answer.headers.get('x-streamed'),
        answer.headers.get('content-type'),
        answer.headers.getSetCookie(),
      ],
      [202, 'yes', 'text/plain', ['step=1']],
    );
    assert.equal(await answer.text(), 'chunk 1, chunk 2');
    const plain = await fetch(`${streaming.FunctionUrl!}plain`);
    assert.deepEqual([plain.status, await plain.text()], [200, 'no prelude']);
    // Invoke answers what the handler streamed.
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'streamer', Payload: '{"rawPath":"/plain"}' }));
    assert.equal(Buffer.from(invoked.Payload!).toString('utf8'), 'no prelude');
  });

  it('boto3: AWS_IAM URLs take SigV4-signed requests (header or query) and refuse unsigned or misscoped ones', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'iam-web',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: echoZip(1) },
      }),
    );
    const iam = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'iam-web', AuthType: 'AWS_IAM' }));
    const { stdout } = await run(
      'python3',
      [join(repoRoot, 'test', 'localcloud', 'functionUrlScenario.py'), iam.FunctionUrl!, 'us-east-1'],
      { env: clientEnvironment() },
    );
    assert.deepEqual(JSON.parse(stdout), ['signed header', 'presigned query', 'unsigned refused', 'scope refused']);
  });
});
