import { strict as assert } from 'node:assert';
import { LAMBDA_ROUTES, matchLambdaRoute } from '../../../src/localcloud/lambda/lambdaRoutes';
import lambdaModelJson from '../../../src/localcloud/models/generated/lambda.json';
import type { ServiceModel } from '../../../src/localcloud/protocol/serviceModel';

describe('local cloud: Lambda route table', () => {
  it('matches the botocore model for every operation', () => {
    const model = lambdaModelJson as unknown as ServiceModel;
    for (const route of LAMBDA_ROUTES) {
      const operation = model.operations[route.operation];
      assert.ok(operation, `${route.operation} is in the model`);
      assert.equal(route.method, operation.http.method, route.operation);
      assert.equal(route.uri, operation.http.requestUri.split('?')[0], route.operation);
      // An output member bound to the status (DeleteFunction's StatusCode) lets the operation choose it.
      const output = operation.output ? model.shapes[operation.output.shape] : undefined;
      const statusBound = Object.values(output?.members ?? {}).some((member) => member.location === 'statusCode');
      if (!statusBound) assert.equal(route.status, operation.http.responseCode ?? 200, route.operation);
    }
  });

  it('decodes path parameters and accepts both ListFunctions spellings', () => {
    const invoke = matchLambdaRoute(
      'POST',
      '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af%3Alive/invocations',
    );
    assert.equal(invoke.kind, 'found');
    if (invoke.kind === 'found')
      assert.equal(invoke.parameters.FunctionName, 'arn:aws:lambda:us-east-1:123456789012:function:f:live');
    assert.equal(matchLambdaRoute('GET', '/2015-03-31/functions').kind, 'found');
    assert.equal(matchLambdaRoute('GET', '/2015-03-31/functions/').kind, 'found');
    assert.deepEqual(matchLambdaRoute('PATCH', '/2015-03-31/functions/f'), {
      kind: 'wrongMethod',
      allowed: ['GET', 'DELETE'],
    });
    assert.deepEqual(matchLambdaRoute('GET', '/2015-03-31/functions/f/unknown'), { kind: 'unknown' });
  });
});
