// The Logs Insights language case by case, as AWS documents it: one query and the rows it gives over a small set of
// events (JSON, an access-log line, Lambda START and REPORT lines). Pure engine, no local cloud.
import { strict as assert } from 'node:assert';
import {
  compileInsightsQuery,
  runInsightsQuery,
  type PointedEvent,
} from '../../../src/core/logs/insights/insightsQueryRunner';
import type { InsightsSyntaxError } from '../../../src/core/logs/insights/insightsSyntax';

const BASE = Date.UTC(2024, 0, 2, 3, 0, 0);
const MESSAGES = [
  '{"level":"ERROR","status":500,"user":"ann","latency":120,"ip":"10.0.0.5","items":[{"id":1},{"id":2}]}',
  '{"level":"INFO","status":200,"user":"bob","latency":30,"ip":"192.168.1.9"}',
  '{"level":"WARN","status":404,"user":"cy","latency":75.5,"ip":"10.0.1.7"}',
  '127.0.0.1 - - [02/Jan/2024:03:03:00 +0000] "GET /index.html HTTP/1.1" 200 512',
  'START RequestId: 1f2e Version: $LATEST',
  'REPORT RequestId: 1f2e\tDuration: 12.5 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t',
];
const EVENTS: PointedEvent[] = MESSAGES.map((message, index) => ({
  timestamp: BASE + index * 60_000,
  ingestionTime: BASE + index * 60_000 + 5,
  message,
  logStream: index % 2 === 0 ? 'even' : 'odd',
  log: '123456789012:/app',
  pointer: () => `p${index}`,
}));

/** The rows as objects without @ptr. */
function rows(query: string): Record<string, string>[] {
  return runInsightsQuery(compileInsightsQuery(query), EVENTS).rows.map((row) =>
    Object.fromEntries(row.filter(({ field }) => field !== '@ptr').map(({ field, value }) => [field, value])),
  );
}

const CASES: [query: string, expected: Record<string, string>[]][] = [
  // fields: aliases, string functions (0-based substr), concat of several.
  [
    'filter ispresent(user) | fields strlen(user) as n, toupper(user) as u, concat(user, "-", level) as c | sort n, u',
    [
      { n: '2', u: 'CY', c: 'cy-WARN' },
      { n: '3', u: 'ANN', c: 'ann-ERROR' },
      { n: '3', u: 'BOB', c: 'bob-INFO' },
    ],
  ],
  [
    'filter user = "ann" | fields substr(user, 1) as a, substr("xyZfooxyZ", 3, 2) as b, replace(level, "R", "r") as c',
    [{ a: 'nn', b: 'fo', c: 'ErrOr' }],
  ],
  [
    'filter user = "ann" | fields ltrim("xyZfooxyZ", "xyZ") as l, rtrim("xyZfooxyZ", "xyZ") as r, trim("  a ") as t',
    [{ l: 'fooxyZ', r: 'xyZfoo', t: 'a' }],
  ],
  [
    'filter user = "ann" | fields strcontains(user, "n") as yes, strcontains(user, "z") as no, tolower(level) as l',
    [{ yes: '1', no: '0', l: 'error' }],
  ],
  // numbers
  [
    'filter user = "cy" | fields abs(-3) as a, ceil(latency) as c, floor(latency) as f, latency * 2 as d, latency % 7 as m',
    [{ a: '3', c: '76', f: '75', d: '151', m: '5.5' }],
  ],
  ['filter user = "cy" | fields greatest(1, latency, 80) as g, least(latency, 50) as l', [{ g: '80', l: '50' }]],
  // dates: datefloor/dateceil, fromMillis/toMillis, bin()
  [
    'filter user = "bob" | fields datefloor(@timestamp, 1h) as f, dateceil(@timestamp, 1h) as c, fromMillis(1700000000000) as m, toMillis(@timestamp) as t',
    [
      {
        f: '2024-01-02 03:00:00.000',
        c: '2024-01-02 04:00:00.000',
        m: '2023-11-14 22:13:20.000',
        t: String(BASE + 60_000),
      },
    ],
  ],
  // IP functions
  [
    'filter ispresent(ip) | fields user, isIpInSubnet(ip, "10.0.0.0/16") as inside, isIpv6InSubnet(ip, "10.0.0.0/16") as v6 | sort user',
    [
      { user: 'ann', inside: 'true', v6: 'false' },
      { user: 'bob', inside: 'false', v6: 'false' },
      { user: 'cy', inside: 'true', v6: 'false' },
    ],
  ],
  // filter: comparisons, like / =~ regexes, in, not, and/or, isPresent / isBlank
  ['filter level = "ERROR" or status = 404 | fields user | sort user', [{ user: 'ann' }, { user: 'cy' }]],
  ['filter status >= 400 and not (level = "WARN") | fields user', [{ user: 'ann' }]],
  ['filter user like /^b/ or user =~ /y$/ | fields user | sort user desc', [{ user: 'cy' }, { user: 'bob' }]],
  ['filter level not in ["ERROR", "WARN"] and isPresent(level) | fields user', [{ user: 'bob' }]],
  ['filter @message like "RequestId" | fields @type', [{ '@type': 'REPORT' }, { '@type': 'START' }]],
  ['filter isBlank(user) and @message not like /START/ | stats count(*) as n', [{ n: '2' }]],
  // stats: every aggregate; by fields and by bin()
  [
    'stats count(*) as c, count(user) as cu, count_distinct(level) as d, sum(latency) as s, avg(latency) as a, min(latency) as lo, max(latency) as hi, pct(latency, 50) as p50',
    [{ c: '6', cu: '3', d: '3', s: '225.5', a: '75.16666666666667', lo: '30', hi: '120', p50: '75.5' }],
  ],
  ['filter ispresent(latency) | stats earliest(user) as first, latest(user) as last', [{ first: 'ann', last: 'cy' }]],
  [
    'filter ispresent(level) | stats count(*) as n by level | sort level',
    [
      { level: 'ERROR', n: '1' },
      { level: 'INFO', n: '1' },
      { level: 'WARN', n: '1' },
    ],
  ],
  [
    'stats count(*) as n by bin(2m) | sort bin(2m)',
    [
      { 'bin(2m)': '2024-01-02 03:00:00.000', n: '2' },
      { 'bin(2m)': '2024-01-02 03:02:00.000', n: '2' },
      { 'bin(2m)': '2024-01-02 03:04:00.000', n: '2' },
    ],
  ],
  ['filter status >= 400 | stats avg(latency) * 2 as doubled', [{ doubled: '195.5' }]],
  // sort by several keys, limit
  ['filter ispresent(status) | sort status desc, user asc | fields user | limit 2', [{ user: 'ann' }, { user: 'cy' }]],
  // parse: glob and regex with named captures
  [
    `parse @message '* - - [*] "* * *" * *' as ip, time, method, path, proto, code, size | filter ispresent(method) | display method, path, code`,
    [{ method: 'GET', path: '/index.html', code: '200' }],
  ],
  [
    'parse @message /(?<verb>GET|POST) (?<target>\\S+)/ | filter ispresent(verb) | fields verb, target',
    [{ verb: 'GET', target: '/index.html' }],
  ],
  // dedup keeps the first (newest) event of each value
  ['filter ispresent(level) | dedup @logStream | fields user', [{ user: 'cy' }, { user: 'bob' }]],
  // automatic fields and JSON discovery (arrays by index)
  [
    'filter user = "ann" | fields @logStream, @log, @ingestionTime, items.1.id',
    [
      {
        '@logStream': 'even',
        '@log': '123456789012:/app',
        '@ingestionTime': '2024-01-02 03:00:00.005',
        'items.1.id': '2',
      },
    ],
  ],
  [
    'filter @type = "REPORT" | fields @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed / 1000000 as mb',
    [{ '@requestId': '1f2e', '@duration': '12.5', '@billedDuration': '13', '@memorySize': '128000000', mb: '70' }],
  ],
  ['unmask @message | filter user = "bob" | fields user', [{ '@message': MESSAGES[1]!, user: 'bob' }]],
];

describe('Logs Insights language, case by case', () => {
  for (const [query, expected] of CASES) {
    it(query, () => {
      assert.deepEqual(rows(query), expected);
    });
  }

  it('counts scanned and matched records and bytes (each event: its UTF-8 bytes plus 26, as stored)', () => {
    const result = runInsightsQuery(compileInsightsQuery('filter status >= 400 | stats count(*)'), EVENTS);
    assert.equal(result.recordsScanned, 6);
    assert.equal(result.recordsMatched, 2);
    assert.equal(
      result.bytesScanned,
      MESSAGES.reduce((total, message) => total + Buffer.byteLength(message) + 26, 0),
    );
  });

  it('places compile errors where AWS does (offsets for queryCompileError, 1-based position in the message)', () => {
    for (const [query, start, message] of [
      ['fields a | sort | limit 1', 16, 'unexpected symbol found | at line 1 and position 17'],
      ['fields a\n| bogus', 11, 'unexpected symbol found bogus at line 2 and position 3'],
    ] as const) {
      assert.throws(
        () => compileInsightsQuery(query),
        (error: InsightsSyntaxError) => {
          assert.equal(error.message, message);
          assert.equal(error.start, start);
          return true;
        },
      );
    }
  });
});
