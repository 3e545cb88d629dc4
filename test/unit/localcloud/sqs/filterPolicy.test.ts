// SNS filter policies matched as SNS matches them.
import { strict as assert } from 'node:assert';
import { matchesFilterPolicy } from '../../../../src/localcloud/sns/filterPolicy';

const attributes = {
  store: { DataType: 'String', StringValue: 'example_corp' },
  price: { DataType: 'Number', StringValue: '210.75' },
  colors: { DataType: 'String.Array', StringValue: '["red","blue"]' },
};

const matches = (policy: Record<string, unknown>) => matchesFilterPolicy(policy, 'MessageAttributes', '{}', attributes);

describe('local cloud SNS: filter policies', () => {
  it('matches attribute values, prefixes, numbers, anything-but, exists and arrays', () => {
    assert.equal(matches({ store: ['example_corp'] }), true);
    assert.equal(matches({ store: ['other'] }), false);
    assert.equal(matches({ store: [{ prefix: 'example' }] }), true);
    assert.equal(matches({ price: [{ numeric: ['>', 100, '<=', 300] }] }), true);
    assert.equal(matches({ price: [{ numeric: ['<', 100] }] }), false);
    assert.equal(matches({ price: [210.75] }), true);
    assert.equal(matches({ store: [{ 'anything-but': ['example_corp'] }] }), false);
    assert.equal(matches({ missing: [{ exists: false }] }), true);
    assert.equal(matches({ missing: ['x'] }), false);
    assert.equal(matches({ colors: ['blue'] }), true);
    assert.equal(matches({ store: ['example_corp'], price: [{ numeric: ['<', 1] }] }), false);
    assert.equal(matches({ $or: [{ store: ['nope'] }, { colors: ['red'] }] }), true);
  });

  it('matches the JSON body with nested keys when the scope is MessageBody', () => {
    const body = JSON.stringify({ order: { kind: 'big', items: 3 } });
    assert.equal(matchesFilterPolicy({ order: { kind: ['big'] } }, 'MessageBody', body, {}), true);
    assert.equal(matchesFilterPolicy({ order: { items: [{ numeric: ['>', 5] }] } }, 'MessageBody', body, {}), false);
    assert.equal(matchesFilterPolicy({ order: { kind: ['big'] } }, 'MessageBody', 'not json', {}), false);
  });
});
