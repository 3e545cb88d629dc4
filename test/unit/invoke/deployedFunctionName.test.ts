import { strict as assert } from 'node:assert';
import { matchDeployedFunctions } from '../../../src/core/invoke/deployedFunctionName';

describe('finding a template function among deployed functions', () => {
  const names = [
    'hello-sam-UsersFunction-AbCdEf123456',
    'hello-sam-OrderProcessorFunction-Zz9Yy8Xx7Ww6',
    'other-stack-UsersFunction-AbCdEf123456',
    'hello-sam-UsersFunctionV2-AbCdEf123456',
    'UsersFunction',
  ];

  it('matches the name CloudFormation generates from the stack and logical ID', () => {
    assert.deepEqual(matchDeployedFunctions(names, { stackName: 'hello-sam', logicalId: 'UsersFunction' }), [
      'hello-sam-UsersFunction-AbCdEf123456',
    ]);
  });

  it('only matches the exact FunctionName when the template sets one', () => {
    assert.deepEqual(
      matchDeployedFunctions(names, {
        stackName: 'hello-sam',
        logicalId: 'UsersFunction',
        explicitName: 'UsersFunction',
      }),
      ['UsersFunction'],
    );
    assert.deepEqual(
      matchDeployedFunctions(names, { stackName: 'hello-sam', logicalId: 'UsersFunction', explicitName: 'missing' }),
      [],
    );
  });

  it('matches shortened names when stack and logical ID do not fit in 64 characters', () => {
    const stackName = 'a-very-long-stack-name-for-the-production-environment';
    const logicalId = 'ProcessIncomingOrdersFunction';
    const shortened = 'a-very-long-stack-name-for-the-pro-ProcessIncomingOrd-1A2B3C4D5E6F';
    assert.deepEqual(matchDeployedFunctions([shortened, 'unrelated-1A2B3C4D5E6F'], { stackName, logicalId }), [
      shortened,
    ]);
  });

  it('finds nothing in an empty account', () => {
    assert.deepEqual(matchDeployedFunctions([], { stackName: 'hello-sam', logicalId: 'UsersFunction' }), []);
  });
});
