import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WorkbenchError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import { matchRoute, type ApiRoute } from '../../../src/core/runtime/localApi/apiRoutes';
import { toHttpResponse } from '../../../src/core/runtime/localApi/apiGatewayResponse';
import { startLocalApi, type LocalApi } from '../../../src/core/runtime/localApi/localApiServer';
import { createRuntimePool } from '../../../src/core/runtime/runtimePool';
import type { RuntimePool } from '../../../src/core/runtime/runtimeTypes';
import { fixtureFunction, fixtureTemplate, runtimeFixtures } from './runtimeFixtures';

const apiTemplate = join(runtimeFixtures, 'api', 'template.yaml');

describe('runtime: the local API', () => {
  let pool: RuntimePool;
  let api: LocalApi;
  before(async () => {
    pool = createRuntimePool({ logger: silentLogger });
    api = await startLocalApi({ resolution: { templatePath: apiTemplate }, pool, logger: silentLogger, port: 0 });
  });
  after(async () => {
    await api.close();
    await pool.dispose();
  });

  const call = (path: string, init?: RequestInit) => fetch(`${api.url}${path}`, init);

  it('serves REST routes with v1 events: path parameters, multi-value query strings, headers, stage', async () => {
    const response = await call('/items/42?tag=a&tag=b&single=1', { headers: { 'X-Custom': 'hello' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-single'), 'one');
    assert.equal(response.headers.get('x-multi'), 'a, b');
    assert.deepEqual(await response.json(), {
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      pathParameters: { id: '42' },
      queryStringParameters: { tag: 'b', single: '1' },
      multiValueQueryStringParameters: { tag: ['a', 'b'], single: ['1'] },
      body: null,
      isBase64Encoded: false,
      stage: 'Prod',
      customHeader: 'hello',
    });
  });

  it('passes request bodies, as text or base64 for binary content', async () => {
    const text = await call('/items', {
      method: 'POST',
      body: '{"name":"x"}',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(text.status, 201);
    const textBody = (await text.json()) as { body: string; isBase64Encoded: boolean };
    assert.deepEqual([textBody.body, textBody.isBase64Encoded], ['{"name":"x"}', false]);
    const bytes = Buffer.from([0, 159, 255]);
    const binary = await call('/items', { method: 'POST', body: bytes, headers: { 'Content-Type': 'image/png' } });
    const binaryBody = (await binary.json()) as { body: string; isBase64Encoded: boolean };
    assert.deepEqual([binaryBody.body, binaryBody.isBase64Encoded], [bytes.toString('base64'), true]);
  });

  it('matches {proxy+} for any method and prefers literal routes over parameters', async () => {
    const proxied = (await (await call('/files/a/b/c.txt', { method: 'DELETE' })).json()) as Record<string, unknown>;
    assert.deepEqual([proxied['resource'], proxied['pathParameters']], ['/files/{proxy+}', { proxy: 'a/b/c.txt' }]);
    assert.equal(await (await call('/items/special')).text(), 'the literal route wins');
  });

  it('decodes base64 response bodies', async () => {
    const response = await call('/binary');
    assert.equal(response.headers.get('content-type'), 'application/octet-stream');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.from([0, 1, 2, 250, 255]));
  });

  it('answers as API Gateway for failures, bad shapes and unknown paths', async () => {
    const failed = await call('/fail');
    assert.deepEqual([failed.status, await failed.json()], [502, { message: 'Internal server error' }]);
    const badShape = await call('/bad-shape');
    assert.equal(badShape.status, 502);
    const unknown = await call('/nowhere');
    assert.deepEqual([unknown.status, await unknown.json()], [403, { message: 'Missing Authentication Token' }]);
    const wrongMethod = await call('/binary', { method: 'PUT' });
    assert.equal(wrongMethod.status, 403);
  });

  it('serves HttpApi routes with v2 events, cookies both ways, and the payload 2.0 shorthand', async () => {
    const response = await call('/v2/users/7?x=1', { headers: { Cookie: 'a=1; b=2' } });
    assert.equal(response.status, 200);
    assert.deepEqual(response.headers.getSetCookie(), ['session=abc; HttpOnly', 'theme=dark']);
    assert.deepEqual(await response.json(), {
      version: '2.0',
      routeKey: 'GET /v2/users/{id}',
      rawPath: '/v2/users/7',
      rawQueryString: 'x=1',
      pathParameters: { id: '7' },
      cookies: ['a=1', 'b=2'],
      method: 'GET',
      stage: '$default',
    });
    const object = await call('/v2/shorthand/object');
    assert.equal(object.headers.get('content-type'), 'application/json');
    assert.deepEqual(await object.json(), { shorthand: true, routeKey: 'GET /v2/shorthand/{kind}' });
    assert.equal(await (await call('/v2/shorthand/text')).text(), 'plain text answer');
    const failed = await call('/v2/fail');
    assert.deepEqual([failed.status, await failed.json()], [500, { message: 'Internal Server Error' }]);
  });

  it('refuses templates without API events and ports in use', async () => {
    await assert.rejects(
      startLocalApi({
        resolution: { templatePath: fixtureTemplate, templateText: 'Resources: {}' },
        pool,
        logger: silentLogger,
        port: 0,
      }),
      (error: unknown) => error instanceof WorkbenchError && error.code === 'NoApiEvents',
    );
    await assert.rejects(
      startLocalApi({ resolution: { templatePath: apiTemplate }, pool, logger: silentLogger, port: api.port }),
      (error: unknown) => error instanceof WorkbenchError && error.code === 'PortInUse',
    );
  });
});

describe('runtime: API route matching and responses', () => {
  const route = (method: string, path: string): ApiRoute => ({
    logicalId: `${method} ${path}`,
    eventName: 'E',
    definition: fixtureFunction('node/cjs', 'app.echo'),
    kind: 'rest',
    payloadFormat: '1.0',
    method,
    path,
    stage: 'Prod',
  });
  const routes = [route('GET', '/a/{id}'), route('ANY', '/a/{id}'), route('GET', '/a/b'), route('ANY', '/{proxy+}')];

  it('ranks literal > parameter > greedy and exact method > ANY', () => {
    assert.equal(matchRoute(routes, 'GET', '/a/b')?.route.logicalId, 'GET /a/b');
    assert.equal(matchRoute(routes, 'GET', '/a/7')?.route.logicalId, 'GET /a/{id}');
    assert.equal(matchRoute(routes, 'POST', '/a/7')?.route.logicalId, 'ANY /a/{id}');
    assert.deepEqual(matchRoute(routes, 'PUT', '/x/y%20z')?.pathParameters, { proxy: 'x/y z' });
    assert.equal(matchRoute(routes, 'GET', '/'), undefined, '{proxy+} needs a segment');
    assert.equal(matchRoute([route('GET', '/h')], 'HEAD', '/h')?.route.logicalId, 'GET /h');
  });

  it('validates proxy responses', () => {
    assert.equal(toHttpResponse({ payload: '{"statusCode": 99}' }, '1.0').statusCode, 502);
    assert.equal(toHttpResponse({ payload: 'null' }, '1.0').statusCode, 502);
    assert.equal(toHttpResponse({ payload: 'null' }, '2.0').statusCode, 200);
    const parts = toHttpResponse(
      { payload: JSON.stringify({ statusCode: 204, headers: { A: '1' }, multiValueHeaders: { A: ['2', '3'] } }) },
      '1.0',
    );
    assert.deepEqual(parts.headers, [
      ['A', '2'],
      ['A', '3'],
    ]);
  });
});
