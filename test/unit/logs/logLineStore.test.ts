import { strict as assert } from 'node:assert';
import { displayText, expandedText, rowText, stripAnsi } from '../../../src/core/logs/displayText';
import { exportAsJson, exportAsText } from '../../../src/core/logs/exportLines';
import { instanceColour, prettyJson, readLineFields, streamInstance } from '../../../src/core/logs/logLineFields';
import { LogLineStore, type IncomingLine } from '../../../src/core/logs/logLineStore';
import { LogView } from '../../../src/core/logs/logView';

const STREAM_A = '2026/01/15/[$LATEST]a1b2c3d4e5f60718293a4b5c6d7e8f90';
const STREAM_B = '2026/01/15/[7]ffeeddccbbaa99887766554433221100';
const T = Date.UTC(2026, 0, 15, 12);

function line(message: string, stream = STREAM_A, offset = 0): IncomingLine {
  return { timestamp: T + offset, logStreamName: stream, message, source: 'orders', origin: 'cloud' };
}

/** One invocation's lines as Lambda writes them (Node runtime). */
function invocation(id: string, stream: string, options: { cold?: boolean; fail?: boolean; extra?: string[] } = {}) {
  return [
    ...(options.cold ? [line('INIT_START Runtime Version: nodejs:22.v1\tRuntime Version ARN: arn', stream)] : []),
    line(`START RequestId: ${id} Version: $LATEST`, stream),
    line(`2026-01-15T12:00:00.000Z\t${id}\tINFO\tprocessing order 42`, stream),
    ...(options.extra ?? []).map((text) => line(text, stream)),
    ...(options.fail
      ? [
          line(
            `2026-01-15T12:00:00.001Z\t${id}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x"}`,
            stream,
          ),
        ]
      : []),
    line(`END RequestId: ${id}`, stream),
    line(
      `REPORT RequestId: ${id}\tDuration: 10.00 ms\tBilled Duration: 10 ms\tMemory Size: 1024 MB\tMax Memory Used: 64 MB\t${options.cold ? 'Init Duration: 150.00 ms\t' : ''}`,
      stream,
    ),
  ];
}

describe('Log lines', () => {
  it('reads the fields of platform lines and both runtimes\u2019 formats', () => {
    assert.deepEqual(readLineFields('START RequestId: abc Version: 3'), {
      kind: 'start',
      level: undefined,
      requestId: 'abc',
      bodyStart: 0,
      json: false,
    });
    const node = readLineFields('2026-01-15T12:00:00.000Z\tabc\tWARN\tcareful');
    assert.deepEqual([node.kind, node.level, node.requestId, node.bodyStart], ['app', 'WARN', 'abc', 34]);
    const python = readLineFields('[WARNING]\t2026-01-15T12:00:00.000Z\tabc\tcareful');
    assert.deepEqual([python.level, python.requestId], ['WARN', 'abc']);
    assert.equal(readLineFields('[ERROR] ValueError: boom\nTraceback (most recent call last):').kind, 'unhandledError');
    const timeout = readLineFields(
      '2026-01-15T12:00:03.000Z 3f1c2d4e-aaaa-bbbb-cccc-000000000000 Task timed out after 3.00 seconds',
    );
    assert.deepEqual([timeout.kind, timeout.requestId], ['timeout', '3f1c2d4e-aaaa-bbbb-cccc-000000000000']);
    const json = readLineFields(
      '{"level":"error","message":"db down","function_request_id":"req-9","cold_start":true}',
    );
    assert.deepEqual([json.kind, json.level, json.requestId, json.json], ['app', 'ERROR', 'req-9', true]);
    const platformJson = readLineFields(
      '{"time":"2026-01-15T12:00:00.000Z","type":"platform.start","record":{"requestId":"j1"}}',
    );
    assert.deepEqual([platformJson.kind, platformJson.requestId], ['start', 'j1']);
    assert.equal(readLineFields('2026-01-15T12:00:00.000Z\tundefined\tINFO\tat init').requestId, undefined);
    assert.equal(readLineFields('plain print() output').kind, 'app');
  });

  it('names instances by a short id with one stable colour each', () => {
    assert.deepEqual(streamInstance(STREAM_A), { version: '$LATEST', shortId: 'a1b2c3' });
    assert.deepEqual(streamInstance(STREAM_B), { version: '7', shortId: 'ffeedd' });
    assert.equal(instanceColour(STREAM_A), instanceColour(STREAM_A));
    const colours = new Set(Array.from({ length: 64 }, (_v, index) => instanceColour(`stream-${index}`)));
    assert.ok(colours.size >= 6, `only ${colours.size} colours used`);
    assert.equal(prettyJson('{"a":[1,2]}'), '{\n  "a": [\n    1,\n    2\n  ]\n}');
    assert.equal(prettyJson('not json'), undefined);
    assert.equal(prettyJson('42'), undefined);
  });

  it('renders hostile content inert and readable', () => {
    assert.equal(displayText('\u001b[31mred\u001b[0m and \u001b]0;title\u0007plain'), 'red and plain');
    assert.equal(displayText('bell\u0007 nul\u0000 del\u007f'), 'bell\u2407 nul\u2400 del\u2421');
    assert.equal(displayText('abc\u202Eevil'), 'abc<U+202E>evil');
    assert.equal(displayText('broken \ud800 surrogate'), 'broken \ufffd surrogate');
    assert.equal(displayText('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
    assert.equal(stripAnsi('\u001b[1mbold\u001b[22m'), 'bold');
    const huge = 'x'.repeat(1_048_576);
    const row = rowText(huge);
    assert.equal(row.text.length, 2000);
    assert.equal(row.more, '1.0 MB more');
    assert.match(expandedText(huge), /… 949 KB more \(export the lines to read all of it\)$/);
    assert.deepEqual(rowText('first\nsecond\nthird\n'), { text: 'first', more: '2 more lines' });
  });
});

describe('The log panel\u2019s data model', () => {
  it('attributes lines to the invocation their instance serves and marks failed invocations', () => {
    const store = new LogLineStore();
    store.append([
      ...invocation('r1', STREAM_A, { cold: true, extra: ['a print() line'] }),
      ...invocation('r2', STREAM_B, { fail: true }),
      line('[ERROR] ValueError: boom\nTraceback (most recent call last):', STREAM_A),
    ]);
    const byRequest = (id: string) =>
      [...store].filter((stored) => stored.requestId === id).map((stored) => stored.kind);
    assert.deepEqual(byRequest('r1'), ['start', 'app', 'app', 'end', 'report']);
    assert.deepEqual(byRequest('r2'), ['start', 'app', 'unhandledError', 'end', 'report']);
    const reports = [...store].filter((stored) => stored.report);
    assert.deepEqual(
      reports.map((report) => store.statusOf(report)),
      ['success', 'error'],
    );
  });

  it('summarises the invocations whose REPORT lines show, and shows one request on demand', () => {
    const store = new LogLineStore();
    const view = new LogView(store);
    view.setSourceInfo('orders', { architecture: 'arm64', region: 'us-east-1' });
    view.onAppend(
      store.append([...invocation('r1', STREAM_A, { cold: true }), ...invocation('r2', STREAM_A, { fail: true })])
        .added,
    );
    const summary = view.summary();
    assert.equal(summary.invocations, 2);
    assert.equal(summary.errors, 1);
    assert.equal(summary.coldStarts, 1);
    assert.equal(summary.cost.architecture, 'arm64');
    view.setFilter({ requestId: 'r2' });
    assert.deepEqual(
      [...view.lines()].map((shown) => shown.kind),
      ['start', 'app', 'unhandledError', 'end', 'report'],
    );
    assert.equal(view.summary().invocations, 1);
  });

  it('filters by quick text (case-insensitive) and by level, and keeps filtering as lines arrive', () => {
    const store = new LogLineStore();
    const view = new LogView(store);
    view.setFilter({ text: 'ORDER 42', onlyMatching: true });
    view.onAppend(store.append(invocation('r1', STREAM_A)).added);
    assert.deepEqual(
      [...view.lines()].map((shown) => shown.message.slice(-14)),
      ['processing order 42'.slice(-14)],
    );
    view.onAppend(store.append([line('2026-01-15T12:00:01.000Z\tr3\tINFO\tOrder 42 shipped')]).added);
    assert.equal(view.length, 2);
    view.setFilter({ levels: ['ERROR'] });
    view.onAppend(store.append(invocation('r4', STREAM_A, { fail: true })).added);
    assert.ok([...view.lines()].every((shown) => shown.level === undefined || shown.level === 'ERROR'));
    assert.ok([...view.lines()].some((shown) => shown.kind === 'unhandledError'));
  });

  it('drops the oldest lines past its caps, counts them, and keeps views consistent', () => {
    const store = new LogLineStore({ maxLines: 1000, maxChars: 1_000_000 });
    const view = new LogView(store);
    for (let batch = 0; batch < 30; batch++) {
      view.onAppend(
        store.append(Array.from({ length: 100 }, (_v, index) => line(`line ${batch * 100 + index}`))).added,
      );
    }
    assert.ok(store.size <= 1000 && store.size >= 900, `holds ${store.size}`);
    assert.equal(store.droppedCount, 3000 - store.size);
    assert.equal(view.length, store.size);
    assert.equal(view.lineAt(0)?.message, `line ${store.droppedCount}`);
    assert.equal(view.lineAt(view.length - 1)?.message, 'line 2999');
    assert.equal(view.indexOf(2999), view.length - 1);
    assert.equal(view.indexOf(0), -1);
    const bytes = new LogLineStore({ maxLines: 1000, maxChars: 3_000_000 });
    bytes.append(Array.from({ length: 5 }, (_v, index) => line(`${index}`.repeat(1_048_576))));
    assert.equal(bytes.size, 2);
    assert.equal(bytes.get(4)?.message.length, 1_048_576);
  });

  it('exports the shown lines as text and as JSON', () => {
    const store = new LogLineStore();
    const view = new LogView(store);
    view.onAppend(
      store.append([
        line('hello \u001b[32mgreen\u001b[0m'),
        line('2026-01-15T12:00:00.000Z\tr9\tERROR\tbad', STREAM_B, 5),
      ]).added,
    );
    assert.equal(
      exportAsText(view.lines()),
      `2026-01-15T12:00:00.000Z ${STREAM_A} hello green\n2026-01-15T12:00:00.005Z ${STREAM_B} 2026-01-15T12:00:00.000Z\tr9\tERROR\tbad\n`,
    );
    const json = JSON.parse(exportAsJson(view.lines())) as Array<Record<string, unknown>>;
    assert.equal(json.length, 2);
    assert.deepEqual(json[1], {
      time: '2026-01-15T12:00:00.005Z',
      timestamp: T + 5,
      function: 'orders',
      logStream: STREAM_B,
      requestId: 'r9',
      level: 'ERROR',
      origin: 'cloud',
      message: '2026-01-15T12:00:00.000Z\tr9\tERROR\tbad',
    });
  });
});
