import { strict as assert } from 'node:assert';
import { findStackFrames, loggedInvocationEvent } from '../../../src/core/logs/logLineLinks';

describe('What a log line links to', () => {
  describe('stack frames', () => {
    it('finds Node frames with and without a function name, file URLs and Windows paths, in order', () => {
      const text = [
        'TypeError: Cannot read properties of undefined',
        '    at handler (/var/task/src/app.js:12:20)',
        '    at /var/task/lib/db.js:3:9',
        '    at file:///var/task/app%20v2.mjs:7:1',
        '    at Object.run (C:\\work\\orders\\handler.js:40:5)',
      ].join('\n');
      const frames = findStackFrames(text);
      assert.deepEqual(
        frames.map(({ file, line, column }) => ({ file, line, column })),
        [
          { file: '/var/task/src/app.js', line: 12, column: 20 },
          { file: '/var/task/lib/db.js', line: 3, column: 9 },
          { file: '/var/task/app v2.mjs', line: 7, column: 1 },
          { file: 'C:\\work\\orders\\handler.js', line: 40, column: 5 },
        ],
      );
      // The link covers the path and its location, nothing around it.
      const first = frames[0]!;
      assert.equal(text.slice(first.start, first.end), '/var/task/src/app.js:12:20');
    });

    it('finds Python frames (no column) and does not read them twice as Node frames', () => {
      const text = [
        'Traceback (most recent call last):',
        '  File "/var/task/app.py", line 14, in handler',
        '    return process(event)',
        '  File "/var/task/orders/process.py", line 3, in process',
      ].join('\n');
      assert.deepEqual(
        findStackFrames(text).map(({ file, line, column }) => ({ file, line, column })),
        [
          { file: '/var/task/app.py', line: 14, column: undefined },
          { file: '/var/task/orders/process.py', line: 3, column: undefined },
        ],
      );
    });

    it("leaves out the runtimes' own frames and text that only looks like a location", () => {
      const text = [
        '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
        '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
        '    at run (/home/me/.vscode/extensions/sw/dist/runtime-bootstrap/nodeBootstrap.cjs:80:3)',
        '  File "/opt/sw/pythonBootstrap.py", line 40, in main',
        'listening on 127.0.0.1:8080, version 1.2:3',
        '    at handler (/var/task/app.js:0:1)',
      ].join('\n');
      assert.deepEqual(findStackFrames(text), []);
    });
  });

  describe('invocation events logged by Powertools (log_event)', () => {
    it('reads TypeScript\'s record: the event under `event`, message "Lambda invocation event"', () => {
      const line = JSON.stringify({
        level: 'INFO',
        message: 'Lambda invocation event',
        service: 'orders',
        timestamp: '2026-01-15T12:00:00.000Z',
        event: { pathParameters: { id: '7' } },
      });
      assert.equal(loggedInvocationEvent(line), '{"pathParameters":{"id":"7"}}');
    });

    it("reads Python's record: the event as the message, beside the Lambda context keys", () => {
      const line = JSON.stringify({
        level: 'INFO',
        location: 'decorate:448',
        message: { detail: { orderId: 'o-1' }, source: 'shop' },
        timestamp: '2026-01-15 12:00:00,000+0000',
        service: 'orders',
        cold_start: true,
        function_name: 'orders',
        function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      });
      assert.equal(loggedInvocationEvent(line), '{"detail":{"orderId":"o-1"},"source":"shop"}');
    });

    it('finds no event in other lines', () => {
      for (const line of [
        'Looking up user 7',
        '{"level":"INFO","message":"processing","event":{"id":1}}',
        '{"level":"INFO","message":{"a":1}}',
        '{"message":"Lambda invocation event","event":"not an object"}',
        '[{"message":"Lambda invocation event","event":{}}]',
        '{"message": "Lambda invocation event", "event": {',
        '{}',
      ]) {
        assert.equal(loggedInvocationEvent(line), undefined, line);
      }
    });
  });
});
