import { strict as assert } from 'node:assert';
import { stackChoices, stackNameOfId } from '../../../src/core/deployed/stackChoices';

describe('The stacks a palette command offers', () => {
  const now = Date.parse('2026-12-05T06:00:00Z');

  it('shows each stack with its status and age, top-level stacks first, nested ones naming their parent', () => {
    const choices = stackChoices(
      [
        {
          StackName: 'orders-Database-1ABC',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date('2026-12-05T05:00:00Z'),
          ParentId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/orders/0f1e2d3c-0000-4000-8000-000000000000',
        },
        {
          StackName: 'payments',
          StackStatus: 'UPDATE_ROLLBACK_COMPLETE',
          CreationTime: new Date('2026-11-01T00:00:00Z'),
          LastUpdatedTime: new Date('2026-12-05T05:55:00Z'),
          TemplateDescription: ' Payments API \n',
        },
        { StackName: 'orders', StackStatus: 'UPDATE_IN_PROGRESS', CreationTime: new Date('2026-12-04T06:00:00Z') },
        { StackStatus: 'CREATE_COMPLETE' },
      ],
      now,
    );
    assert.deepEqual(
      choices.map((choice) => [choice.stackName, choice.description, choice.detail]),
      [
        ['orders', 'update in progress · 1 day ago', undefined],
        ['payments', 'update rollback complete · 5 min ago', 'Payments API'],
        ['orders-Database-1ABC', 'create complete · 1 h ago', 'nested in orders'],
      ],
    );
  });

  it('names a stack from its ID, and keeps what is not a stack ARN', () => {
    assert.equal(stackNameOfId('arn:aws-cn:cloudformation:cn-north-1:123456789012:stack/my-app/abc'), 'my-app');
    assert.equal(stackNameOfId('my-app'), 'my-app');
  });
});
