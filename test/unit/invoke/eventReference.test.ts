import { strict as assert } from 'node:assert';
import { chooseDefaultEvent, isEventReference } from '../../../src/core/invoke/eventReference';

describe('choosing the event of a plain invoke', () => {
  it('prefers the last used event while it still exists', () => {
    assert.deepEqual(chooseDefaultEvent({ kind: 'saved', name: 'b' }, ['a', 'b'], ['GetUser']), {
      kind: 'saved',
      name: 'b',
    });
    assert.deepEqual(chooseDefaultEvent({ kind: 'generated', name: 'GetUser' }, ['a'], ['GetUser']), {
      kind: 'generated',
      name: 'GetUser',
    });
  });

  it('falls back to the first saved event, then the first generated one', () => {
    assert.deepEqual(chooseDefaultEvent({ kind: 'saved', name: 'deleted' }, ['a'], ['GetUser']), {
      kind: 'saved',
      name: 'a',
    });
    assert.deepEqual(chooseDefaultEvent(undefined, [], ['GetUser', 'Other']), { kind: 'generated', name: 'GetUser' });
    assert.equal(chooseDefaultEvent(undefined, [], []), undefined);
  });

  it('validates remembered values', () => {
    assert.ok(isEventReference({ kind: 'saved', name: 'x' }));
    assert.ok(!isEventReference({ kind: 'other', name: 'x' }));
    assert.ok(!isEventReference('x'));
    assert.ok(!isEventReference(null));
  });
});
