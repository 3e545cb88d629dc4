import { strict as assert } from 'node:assert';
import { matchesEventPattern, sampleFromPattern } from '../../../src/core/events/eventPattern';

/** Patterns (from the EventBridge content-filtering guide) and what a sample must look like for each. */
const PATTERNS: Array<[string, Record<string, unknown>]> = [
  ['literal values', { source: ['aws.ec2'], detail: { state: ['running', 'stopped'] } }],
  ['null and empty string', { detail: { a: [null], b: [''] } }],
  ['prefix', { detail: { key: [{ prefix: 'images/' }] } }],
  ['prefix ignoring case', { detail: { key: [{ prefix: { 'equals-ignore-case': 'IMG' } }] } }],
  ['suffix', { detail: { key: [{ suffix: '.png' }] } }],
  ['equals-ignore-case', { detail: { name: [{ 'equals-ignore-case': 'Alice' }] } }],
  ['wildcard', { detail: { path: [{ wildcard: 'dir/*/file-*.txt' }] } }],
  ['anything-but list', { detail: { state: [{ 'anything-but': ['sample-value', 'stopped'] }] } }],
  ['anything-but numbers', { detail: { code: [{ 'anything-but': [200, 201] }] } }],
  ['anything-but prefix', { detail: { name: [{ 'anything-but': { prefix: 'sample' } }] } }],
  ['numeric range', { detail: { price: [{ numeric: ['>', 0, '<=', 5] }] } }],
  ['numeric strict bounds', { detail: { n: [{ numeric: ['>', 1.5, '<', 2] }] } }],
  ['numeric equals', { detail: { n: [{ numeric: ['=', 7] }] } }],
  ['exists', { detail: { id: [{ exists: true }], secret: [{ exists: false }] } }],
  ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/24' }] } }],
  ['$or', { detail: { $or: [{ a: [1] }, { b: [2] }] } }],
  ['nested objects', { detail: { order: { customer: { tier: ['gold'] } } } }],
];

describe('event patterns', () => {
  for (const [name, pattern] of PATTERNS) {
    it(`samples an event that matches: ${name}`, () => {
      const sample = sampleFromPattern(pattern);
      assert.ok(
        matchesEventPattern(pattern, sample),
        `${JSON.stringify(sample)} does not match ${JSON.stringify(pattern)}`,
      );
    });
  }

  it('samples readable values', () => {
    assert.deepEqual(sampleFromPattern({ source: [{ prefix: 'com.shop' }], key: [{ suffix: '.png' }] }), {
      source: 'com.shop-sample',
      key: 'sample.png',
    });
    assert.deepEqual(sampleFromPattern({ n: [{ numeric: ['>=', 10, '<', 20] }], ip: [{ cidr: '192.168.4.0/22' }] }), {
      n: 10,
      ip: '192.168.4.1',
    });
    assert.deepEqual(sampleFromPattern({ gone: [{ exists: false }] }), {});
  });

  it('rejects events that do not match', () => {
    const cases: Array<[Record<string, unknown>, unknown]> = [
      [{ source: ['aws.ec2'] }, { source: 'aws.s3' }],
      [{ source: ['aws.ec2'] }, {}],
      [{ detail: { key: [{ prefix: 'images/' }] } }, { detail: { key: 'docs/a' } }],
      [{ detail: { key: [{ suffix: '.png' }] } }, { detail: { key: 'a.jpg' } }],
      [{ detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, { detail: { n: 6 } }],
      [{ detail: { n: [{ numeric: ['>', 0] }] } }, { detail: { n: '3' } }],
      [{ detail: { s: [{ 'anything-but': ['a'] }] } }, { detail: { s: 'a' } }],
      [{ detail: { id: [{ exists: true }] } }, { detail: {} }],
      [{ detail: { id: [{ exists: false }] } }, { detail: { id: 1 } }],
      [{ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, { detail: { ip: '10.0.1.1' } }],
      [{ detail: { p: [{ wildcard: 'a*c' }] } }, { detail: { p: 'abd' } }],
      [{ detail: { order: { tier: ['gold'] } } }, { detail: { order: 'gold' } }],
      [{ $or: [{ a: [1] }, { b: [2] }] }, { a: 2, b: 1 }],
    ];
    for (const [pattern, event] of cases) {
      assert.equal(matchesEventPattern(pattern, event), false, `${JSON.stringify(event)} ~ ${JSON.stringify(pattern)}`);
    }
  });

  it('matches array fields when any element matches', () => {
    assert.ok(
      matchesEventPattern({ resources: ['arn:aws:s3:::b'] }, { resources: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] }),
    );
    assert.ok(matchesEventPattern({ tags: [{ prefix: 'env:' }] }, { tags: ['team:x', 'env:dev'] }));
  });

  it('omits a field nothing can satisfy instead of inventing a wrong value', () => {
    const pattern = { detail: { n: [{ numeric: ['>', 5, '<', 5] }] } };
    const sample = sampleFromPattern(pattern);
    assert.equal(matchesEventPattern(pattern, sample), false);
  });
});
