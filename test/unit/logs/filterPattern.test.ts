import { strict as assert } from 'node:assert';
import {
  compileFilterPattern,
  filterPatternCache,
  FilterPatternError,
  matchesFilterPattern,
  parseFilterPattern,
} from '../../../src/core/logs/filterPattern';

const lines = [
  'START RequestId: 1 Version: $LATEST',
  '2026-01-01T00:00:00.000Z\t1\tERROR\tdatabase connection failed',
  '2026-01-01T00:00:00.000Z\t1\tWARN\tretrying in 5 seconds',
  '2026-01-01T00:00:00.000Z\t1\tINFO\tuser created',
  '{"level":"ERROR","latency":730,"path":"/users/42","user":{"id":null,"admin":true},"tags":["a","b"]}',
  '{"level":"INFO","latency":12,"path":"/orders","user":{"id":7,"admin":false}}',
  '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326',
  '127.0.0.1 - bob [10/Oct/2000:13:55:37 -0700] "GET /index.html HTTP/1.0" 200 1043',
];

function matching(pattern: string): number[] {
  const matches = compileFilterPattern(pattern);
  return lines.flatMap((line, index) => (matches(line) ? [index] : []));
}

describe('filter patterns', () => {
  it('matches everything with an empty pattern', () => {
    assert.deepEqual(matching(''), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(matching('   '), [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('parses each pattern text once through a cache, an absent pattern as an empty one', () => {
    const patternOf = filterPatternCache();
    const error = patternOf('ERROR');
    assert.equal(patternOf('ERROR'), error);
    assert.notEqual(patternOf('WARN'), error);
    assert.equal(patternOf(undefined), patternOf(''));
    assert.equal(matchesFilterPattern(error, lines[1]!), true);
    assert.equal(matchesFilterPattern(error, lines[2]!), false);
  });

  it('requires every plain term, case-sensitively', () => {
    assert.deepEqual(matching('ERROR'), [1, 4]);
    assert.deepEqual(matching('ERROR failed'), [1]);
    assert.deepEqual(matching('error'), []);
  });

  it('keeps quoted phrases whole', () => {
    assert.deepEqual(matching('"connection failed"'), [1]);
    assert.deepEqual(matching('"failed connection"'), []);
    assert.deepEqual(matching('"\\"level\\":\\"INFO\\""'), [5]);
  });

  it('matches any of the ? alternatives', () => {
    assert.deepEqual(matching('?ERROR ?WARN'), [1, 2, 4]);
    assert.deepEqual(matching('?"user created" ?retrying'), [2, 3]);
  });

  it('drops events with an excluded term', () => {
    assert.deepEqual(matching('ERROR -database'), [4]);
    assert.deepEqual(matching('1 -START -ERROR -WARN'), [3, 5, 6, 7]);
  });

  it('compares JSON fields with strings, wildcards and numbers', () => {
    assert.deepEqual(matching('{ $.level = "ERROR" }'), [4]);
    assert.deepEqual(matching('{$.level="ERR*"}'), [4]);
    assert.deepEqual(matching('{ $.level != "ERROR" }'), [5]);
    assert.deepEqual(matching('{ $.latency > 500 }'), [4]);
    assert.deepEqual(matching('{ $.latency <= 12 }'), [5]);
    assert.deepEqual(matching('{ $.path = "/users/*" }'), [4]);
  });

  it('combines JSON conditions with && || and parentheses', () => {
    assert.deepEqual(matching('{ ($.level = "INFO") && ($.latency < 100) }'), [5]);
    assert.deepEqual(matching('{ $.level = "INFO" || $.latency > 700 }'), [4, 5]);
    assert.deepEqual(matching('{ ($.level = "INFO" || $.level = "ERROR") && $.user.admin IS TRUE }'), [4]);
  });

  it('tests JSON nulls, booleans, existence and array elements', () => {
    assert.deepEqual(matching('{ $.user.id IS NULL }'), [4]);
    assert.deepEqual(matching('{ $.user.admin IS FALSE }'), [5]);
    assert.deepEqual(matching('{ $.tags NOT EXISTS }'), [5]);
    assert.deepEqual(matching('{ $.tags[1] = "b" }'), [4]);
    assert.deepEqual(matching('{ $.tags = "a" }'), [4]);
    assert.deepEqual(matching('{ $.user.id = 7 }'), [5]);
  });

  it('reads space-delimited patterns with conditions and ellipses', () => {
    assert.deepEqual(matching('[ip, identity, user, timestamp, request, status = 404, size]'), [6]);
    assert.deepEqual(matching('[ip, identity, user = b*, ...]'), [7]);
    assert.deepEqual(matching('[..., status = 4* || status = 2*, size > 2000]'), [6]);
    assert.deepEqual(matching('[..., status, size < 2000]'), [7]);
  });

  it('supports %regular expression% patterns', () => {
    assert.deepEqual(matching('%ERROR|WARN%'), [1, 2, 4]);
  });

  it('rejects malformed patterns with a FilterPatternError', () => {
    for (const bad of ['"unterminated', '{ $.level = }', '{ level = "x" }', '{ $.a = 1', '{ ($.a = 1 }', '%(%']) {
      assert.throws(() => parseFilterPattern(bad), FilterPatternError, bad);
    }
  });

  it('ignores JSON patterns on non-JSON messages and invalid JSON', () => {
    const pattern = parseFilterPattern('{ $.level = "ERROR" }');
    assert.equal(matchesFilterPattern(pattern, 'level ERROR'), false);
    assert.equal(matchesFilterPattern(pattern, '{"level": "ERROR"'), false);
    assert.equal(matchesFilterPattern(pattern, '  {"level": "ERROR"}'), true);
  });
});
