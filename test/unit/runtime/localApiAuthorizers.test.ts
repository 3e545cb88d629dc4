import assert from 'node:assert/strict';
import { join } from 'node:path';
import { encodeSampleJwt } from '../../../src/core/events/authorizerSamples';
import { silentLogger } from '../../../src/core/logger';
import { startLocalApi, type LocalApi } from '../../../src/core/runtime/localApi/localApiServer';
import { createRuntimePool } from '../../../src/core/runtime/runtimePool';
import type { RuntimePool } from '../../../src/core/runtime/runtimeTypes';
import { runtimeFixtures } from './runtimeFixtures';

// Real functions behind the local API: the route's handler answers with the requestContext.authorizer it got, the
// Lambda authorizer allows "allow", denies "deny" (explicit Deny policy) and throws Unauthorized otherwise.
describe('runtime: the local API passes on what authorizers produce', () => {
  let pool: RuntimePool;
  let api: LocalApi;
  before(async () => {
    pool = createRuntimePool({ logger: silentLogger });
    const templatePath = join(runtimeFixtures, 'authorizers', 'template.yaml');
    api = await startLocalApi({ resolution: { templatePath }, pool, logger: silentLogger, port: 0 });
  });
  after(async () => {
    await api.close();
    await pool.dispose();
  });

  const call = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${api.url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('JWT authorizer (HTTP API): the token claims and scopes, 401 without a token, 403 without the scope', async () => {
    const token = encodeSampleJwt({ sub: 'user-1', scope: 'orders/read profile', exp: 1 });
    const allowed = await call('/orders', { Authorization: `Bearer ${token}` });
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body['authorizer'], {
      jwt: { claims: { sub: 'user-1', scope: 'orders/read profile', exp: '1' }, scopes: ['orders/read', 'profile'] },
    });
    assert.deepEqual(await call('/orders'), { status: 401, body: { message: 'Unauthorized' } });
    const unscoped = encodeSampleJwt({ sub: 'user-1', scope: 'profile' });
    assert.deepEqual(await call('/orders', { Authorization: `Bearer ${unscoped}` }), {
      status: 403,
      body: { message: 'Forbidden' },
    });
  });

  it('Cognito authorizer (REST API): the claims as strings', async () => {
    const token = encodeSampleJwt({ sub: 'user-2', 'cognito:username': 'jane', email_verified: true });
    const allowed = await call('/pool', { Authorization: token });
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body['authorizer'], {
      claims: { sub: 'user-2', 'cognito:username': 'jane', email_verified: 'true' },
    });
    assert.equal((await call('/pool', { Authorization: 'not-a-jwt' })).status, 401);
  });

  it('Lambda TOKEN authorizer (REST API, the default of Globals.Api): principalId and context, deny, Unauthorized', async () => {
    const allowed = await call('/token', { Authorization: 'allow' });
    assert.equal(allowed.status, 200);
    const authorizer = allowed.body['authorizer'] as Record<string, unknown>;
    assert.deepEqual(
      { ...authorizer, integrationLatency: 0 },
      {
        tenant: 'acme',
        level: '3',
        principalId: 'alice',
        integrationLatency: 0,
      },
    );
    assert.equal(typeof authorizer['integrationLatency'], 'number');
    assert.deepEqual(await call('/token', { Authorization: 'deny' }), {
      status: 403,
      body: { Message: 'User is not authorized to access this resource with an explicit deny' },
    });
    assert.deepEqual(await call('/token', { Authorization: 'other' }), {
      status: 401,
      body: { message: 'Unauthorized' },
    });
    assert.equal((await call('/token')).status, 401, 'no identity source: not even called');
  });

  it('Lambda authorizer with simple responses (HTTP API): its context under lambda, 403 when not authorized', async () => {
    const allowed = await call('/custom', { Authorization: 'allow' });
    assert.equal(allowed.status, 200);
    const lambda = (allowed.body['authorizer'] as { lambda: Record<string, unknown> }).lambda;
    assert.equal(lambda['tenant'], 'acme');
    assert.match(String(lambda['via']), /^arn:aws:execute-api:us-east-1:\d{12}:[a-z0-9]+\/\$default\/GET\/custom$/);
    assert.deepEqual(await call('/custom', { Authorization: 'no' }), { status: 403, body: { message: 'Forbidden' } });
  });

  it('IAM and open routes', async () => {
    const iam = await call('/iam');
    assert.match(String((iam.body['authorizer'] as { iam: { userArn: string } }).iam.userArn), /^arn:aws:sts::/);
    assert.deepEqual(await call('/open'), { status: 200, body: { authorizer: null } });
  });
});
