import { strict as assert } from 'node:assert';
import {
  compileInsightsQuery,
  runInsightsQuery,
  type PointedEvent,
} from '../../../src/core/logs/insights/insightsQueryRunner';
import { InsightsSyntaxError } from '../../../src/core/logs/insights/insightsSyntax';

const BASE = Date.UTC(2024, 0, 2, 3, 0, 0);

function events(messages: string[], stream = 's1'): PointedEvent[] {
  return messages.map((message, index) => ({
    timestamp: BASE + index * 60_000,
    ingestionTime: BASE + index * 60_000 + 5,
    message,
    logStream: stream,
    log: '123456789012:/aws/lambda/app',
    pointer: () => `p${index}`,
  }));
}

function run(query: string, input: PointedEvent[], limit?: number) {
  return runInsightsQuery(compileInsightsQuery(query), input, limit);
}

/** Rows as objects, for short assertions. */
function table(query: string, input: PointedEvent[]) {
  return run(query, input).rows.map((row) => Object.fromEntries(row.map(({ field, value }) => [field, value])));
}

const REPORT = (id: string, duration: number, memory: number) =>
  `REPORT RequestId: ${id}\tDuration: ${duration} ms\tBilled Duration: ${Math.ceil(duration)} ms\tMemory Size: 128 MB\tMax Memory Used: ${memory} MB\t`;

describe('Logs Insights query engine', () => {
  it('returns the newest events first with @timestamp, @message and @ptr by default', () => {
    const rows = table('filter @message like "b"', events(['a', 'b1', 'b2']));
    assert.deepEqual(rows, [
      { '@timestamp': '2024-01-02 03:02:00.000', '@message': 'b2', '@ptr': 'p2' },
      { '@timestamp': '2024-01-02 03:01:00.000', '@message': 'b1', '@ptr': 'p1' },
    ]);
  });

  it('fields, sort, limit and the system fields', () => {
    const rows = table('fields @logStream, @log, @message | sort @timestamp asc | limit 2', events(['x', 'y', 'z']));
    assert.deepEqual(rows, [
      { '@logStream': 's1', '@log': '123456789012:/aws/lambda/app', '@message': 'x', '@ptr': 'p0' },
      { '@logStream': 's1', '@log': '123456789012:/aws/lambda/app', '@message': 'y', '@ptr': 'p1' },
    ]);
  });

  it('discovers JSON fields (nested with dots) and compares numbers, regexes, in, and/or/not', () => {
    const input = events([
      '{"level":"ERROR","http":{"status":500},"user":"ann"}',
      '{"level":"INFO","http":{"status":200},"user":"bob"}',
      '{"level":"WARN","http":{"status":404},"user":"cy"}',
      'plain line',
    ]);
    assert.deepEqual(
      table('filter http.status >= 400 and level in ["ERROR", "WARN"] | fields user | sort user', input).map(
        (r) => r['user'],
      ),
      ['ann', 'cy'],
    );
    assert.deepEqual(
      table('filter not (level = "INFO") and @message =~ /(?i)error|warn/ | display user', input).map((r) => r['user']),
      ['cy', 'ann'],
    );
    assert.deepEqual(table('filter level != "INFO" or http.status < 300 | stats count(*) as n', input), [{ n: '3' }]);
    assert.deepEqual(
      table('filter @message not like /^\\{/ | fields @message', input).map((r) => r['@message']),
      ['plain line'],
    );
  });

  it('stats with aggregates, by, bin() and expressions over aggregates', () => {
    const input = events(['{"d":10,"k":"a"}', '{"d":20,"k":"a"}', '{"d":40,"k":"b"}', '{"d":30,"k":"b"}']);
    assert.deepEqual(table('stats count(*), sum(d), avg(d), min(d), max(d) by k | sort k', input), [
      { k: 'a', 'count(*)': '2', 'sum(d)': '30', 'avg(d)': '15', 'min(d)': '10', 'max(d)': '20' },
      { k: 'b', 'count(*)': '2', 'sum(d)': '70', 'avg(d)': '35', 'min(d)': '30', 'max(d)': '40' },
    ]);
    assert.deepEqual(table('stats sum(d) / count(*) as mean, pct(d, 50) as p50, count_distinct(k) as kinds', input), [
      { mean: '25', p50: '20', kinds: '2' },
    ]);
    assert.deepEqual(table('stats count(*) as n by bin(2m) as t | sort t', input), [
      { t: '2024-01-02 03:00:00.000', n: '2' },
      { t: '2024-01-02 03:02:00.000', n: '2' },
    ]);
    assert.deepEqual(table('stats earliest(d) as first, latest(d) as last', input), [{ first: '10', last: '30' }]);
    assert.deepEqual(table('filter d > 100 | stats count(*) as n', input), [{ n: '0' }]);
  });

  it('parse with a glob and with named regex groups, then dedup', () => {
    const input = events(['user=ann action=login', 'user=bob action=logout', 'user=ann action=logout']);
    assert.deepEqual(
      table('parse @message "user=* action=*" as who, what | sort @timestamp asc | display who, what', input),
      [
        { who: 'ann', what: 'login', '@ptr': 'p0' },
        { who: 'bob', what: 'logout', '@ptr': 'p1' },
        { who: 'ann', what: 'logout', '@ptr': 'p2' },
      ],
    );
    assert.deepEqual(
      table('parse @message /user=(?<who>\\w+)/ | dedup who | sort who | display who', input).map((r) => r['who']),
      ['ann', 'bob'],
    );
  });

  it('discovers the Lambda REPORT fields as AWS does (memory in bytes)', () => {
    const input = events([REPORT('r1', 10.5, 40), 'START RequestId: r2 Version: $LATEST', REPORT('r2', 30.5, 60)]);
    assert.deepEqual(
      table(
        'filter @type = "REPORT" | stats max(@maxMemoryUsed / 1000 / 1000) as mb, avg(@duration) as avg, count(*) as n',
        input,
      ),
      [{ mb: '60', avg: '20.5', n: '2' }],
    );
    assert.deepEqual(
      table('filter @type = "START" | fields @requestId', input).map((r) => r['@requestId']),
      ['r2'],
    );
    assert.deepEqual(
      table('filter @type = "REPORT" | fields @billedDuration, @memorySize | sort @billedDuration', input).map((r) => [
        r['@billedDuration'],
        r['@memorySize'],
      ]),
      [
        ['11', '128000000'],
        ['31', '128000000'],
      ],
    );
  });

  it('scalar functions', () => {
    const input = events(['{"name":"  Mixed Case  ","n":2.4}']);
    assert.deepEqual(
      table(
        'fields toupper(trim(name)) as up, strlen(name) as len, round(n) as r, concat("a", "b") as c, ispresent(nope) as p, coalesce(nope, "x") as co',
        input,
      ),
      [{ up: 'MIXED CASE', len: '14', r: '2', c: 'ab', p: 'false', co: 'x', '@ptr': 'p0' }],
    );
  });

  it('reports scanned and matched records; the result limit caps the rows', () => {
    const result = run('filter @message like "a"', events(['a', 'a', 'b']), 1);
    assert.equal(result.rows.length, 1);
    assert.equal(result.recordsScanned, 3);
    assert.equal(result.recordsMatched, 2);
  });

  it('rejects malformed queries with the offending position', () => {
    for (const query of [
      'test',
      'fields @message |',
      'filter (a = 1',
      'stats count(*) by',
      'fields nosuch(x)',
      'filter count(*) > 1',
      'limit x',
      'parse @message "a*b*" as one',
    ]) {
      assert.throws(() => compileInsightsQuery(query), InsightsSyntaxError, query);
    }
    assert.throws(
      () => compileInsightsQuery('fields @message | sort @timestamp desc | bogus x'),
      (error: InsightsSyntaxError) => {
        assert.match(error.message, /unexpected symbol found bogus at line 1/);
        assert.equal(error.start, 41);
        return true;
      },
    );
  });
});
