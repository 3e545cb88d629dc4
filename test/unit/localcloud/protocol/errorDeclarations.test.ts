// The engine's check of answered errors against the model: undeclared codes, declared codes with another status,
// internal failures, and the common errors every service answers.
import { strict as assert } from 'node:assert';
import { AwsError } from '../../../../src/localcloud/protocol/awsError';
import { describeFindings, ErrorDeclarations } from '../../../../src/localcloud/protocol/errorDeclarations';
import type { ServiceModel } from '../../../../src/localcloud/protocol/serviceModel';

const model = {
  metadata: { protocol: 'rest-json', serviceId: 'Test' },
  operations: {
    GetThing: {
      http: { method: 'GET', requestUri: '/things/{Name}' },
      errors: [{ shape: 'ResourceNotFoundException' }, { shape: 'ChangeSetNotFoundException' }],
    },
  },
  shapes: {
    ResourceNotFoundException: { type: 'structure', error: { httpStatusCode: 404 }, exception: true },
    ResourceConflictException: { type: 'structure', error: { httpStatusCode: 409 }, exception: true },
    ChangeSetNotFoundException: {
      type: 'structure',
      error: { code: 'ChangeSetNotFound', httpStatusCode: 404 },
      exception: true,
    },
  },
} as unknown as ServiceModel;

describe('local cloud: errors checked against the model', () => {
  it('accepts declared errors (by shape or wire code) with the model status, and common errors', () => {
    const declarations = new ErrorDeclarations(model);
    declarations.check('GetThing', new AwsError('ResourceNotFoundException', 'gone'));
    declarations.check('GetThing', new AwsError('ResourceNotFoundException', 'gone', 404));
    declarations.check('GetThing', new AwsError('ChangeSetNotFound', 'gone'));
    declarations.check('GetThing', new AwsError('ValidationException', '1 validation error detected'));
    declarations.check(undefined, new AwsError('UnknownOperationException', 'no route'));
    assert.deepEqual(declarations.report(), []);
  });

  it('notes undeclared codes, wrong statuses and internal failures once each, counted', () => {
    const declarations = new ErrorDeclarations(model);
    declarations.check('GetThing', new AwsError('ResourceConflictException', 'exists'));
    declarations.check('GetThing', new AwsError('ResourceConflictException', 'exists again'));
    declarations.check('GetThing', new AwsError('ResourceNotFoundException', 'gone', 400));
    declarations.checkInternal('GetThing', new TypeError('x is undefined'));
    assert.deepEqual(describeFindings('Test', declarations.report()), [
      'Test GetThing answered an internal failure x1: x is undefined',
      'Test GetThing answered ResourceConflictException (409), which the model does not declare x2: exists',
      'Test GetThing answered ResourceNotFoundException with status 400 (the model says 404) x1: gone',
    ]);
  });
});
