import { strict as assert } from 'node:assert';
import { parseReadyLine } from '../../../src/localcloud/localCloudProcess';
import { createSeededRandom } from '../../../src/localcloud/seededRandom';

describe('local cloud: ready line and seeded routing source', () => {
  it('reads the ready line main.ts prints and ignores anything else', () => {
    assert.deepEqual(
      parseReadyLine('{"event":"ready","endpoint":"http://127.0.0.1:4566","host":"127.0.0.1","port":4566,"pid":1}'),
      {
        endpoint: 'http://127.0.0.1:4566',
        host: '127.0.0.1',
        port: 4566,
      },
    );
    assert.equal(parseReadyLine('listening...'), undefined);
    assert.equal(parseReadyLine('{"event":"starting","port":1}'), undefined);
    assert.equal(parseReadyLine('{"event":"ready","endpoint":"x"}'), undefined);
  });

  it('repeats the same sequence for the same seed and spreads values over [0, 1)', () => {
    const first = createSeededRandom(7);
    const second = createSeededRandom(7);
    const values = Array.from({ length: 10_000 }, () => first());
    assert.deepEqual(
      values.slice(0, 5),
      Array.from({ length: 5 }, () => second()),
    );
    assert.ok(values.every((value) => value >= 0 && value < 1));
    const belowThird = values.filter((value) => value < 0.3).length / values.length;
    assert.ok(Math.abs(belowThird - 0.3) < 0.02, String(belowThird));
    assert.notDeepEqual(values.slice(0, 5), Array.from({ length: 5 }, createSeededRandom(8)));
  });
});
