import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { LAMBDA_ROUTES, matchLambdaRoute } from '../../../src/localcloud/lambda/lambdaRoutes';

// Debian's python3-botocore ships the service models the routes were taken from.
const LAMBDA_MODEL = '/usr/lib/python3/dist-packages/botocore/data/lambda/2015-03-31/service-2.json';

interface ModelOperation {
  http: { method: string; requestUri: string; responseCode?: number };
}

describe('local cloud: Lambda route table', () => {
  it('matches the botocore model for every operation', () => {
    assert.ok(existsSync(LAMBDA_MODEL), `${LAMBDA_MODEL} is missing: apt-get install python3-botocore`);
    const model = JSON.parse(readFileSync(LAMBDA_MODEL, 'utf8')) as { operations: Record<string, ModelOperation> };
    for (const route of LAMBDA_ROUTES) {
      const operation = model.operations[route.operation];
      assert.ok(operation, `${route.operation} is in the model`);
      assert.equal(route.method, operation.http.method, route.operation);
      assert.equal(route.uri, operation.http.requestUri.split('?')[0], route.operation);
      assert.equal(route.status, operation.http.responseCode ?? 200, route.operation);
    }
  });

  it('decodes path parameters and accepts both ListFunctions spellings', () => {
    const invoke = matchLambdaRoute(
      'POST',
      '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af%3Alive/invocations',
    );
    assert.equal(invoke.kind, 'found');
    if (invoke.kind === 'found')
      assert.equal(invoke.parameters.FunctionName, 'arn:aws:lambda:us-east-1:000000000000:function:f:live');
    assert.equal(matchLambdaRoute('GET', '/2015-03-31/functions').kind, 'found');
    assert.equal(matchLambdaRoute('GET', '/2015-03-31/functions/').kind, 'found');
    assert.deepEqual(matchLambdaRoute('PATCH', '/2015-03-31/functions/f'), {
      kind: 'wrongMethod',
      allowed: ['GET', 'DELETE'],
    });
    assert.deepEqual(matchLambdaRoute('GET', '/2015-03-31/functions/f/unknown'), { kind: 'unknown' });
  });
});
