import { strict as assert } from 'node:assert';
import { parseFunctionError, locateStackLine } from '../../../src/core/invoke/stackFrames';

describe('stack frames of function errors', () => {
  it('links Node frames with absolute paths, file URLs and anonymous frames', () => {
    assert.deepEqual(locateStackLine('    at Runtime.handler (/work/app/src/users/app.js:12:11)'), {
      file: '/work/app/src/users/app.js',
      line: 12,
      column: 11,
    });
    assert.deepEqual(locateStackLine('    at handler (file:///work/app/src/users/app.mjs:5:9)'), {
      file: '/work/app/src/users/app.mjs',
      line: 5,
      column: 9,
    });
    assert.deepEqual(locateStackLine('    at /work/app/lib/index.js:3:1'), {
      file: '/work/app/lib/index.js',
      line: 3,
      column: 1,
    });
    assert.equal(
      locateStackLine('    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)'),
      undefined,
    );
    assert.equal(locateStackLine('Error: boom'), undefined);
  });

  it('reads a Node error payload with its trace', () => {
    const payload = JSON.stringify({
      errorType: 'TypeError',
      errorMessage: 'Cannot read properties of undefined',
      trace: [
        'TypeError: Cannot read properties of undefined',
        '    at Runtime.handler (/srv/app.js:4:20)',
        '    at node:internal/modules/cjs/loader:1:1',
      ],
    });
    const details = parseFunctionError(payload);
    assert.equal(details?.errorType, 'TypeError');
    assert.equal(details?.errorMessage, 'Cannot read properties of undefined');
    assert.deepEqual(
      details?.stack.map((line) => line.location?.line),
      [undefined, 4, undefined],
    );
  });

  it('reads a Python error payload, splitting each frame into its location and code lines', () => {
    const payload = JSON.stringify({
      errorMessage: 'python failure',
      errorType: 'ValueError',
      requestId: 'r-1',
      stackTrace: ['  File "/srv/app.py", line 41, in fails\n    raise ValueError("python failure")\n'],
    });
    const details = parseFunctionError(payload);
    assert.deepEqual(details?.stack, [
      { text: '  File "/srv/app.py", line 41, in fails', location: { file: '/srv/app.py', line: 41 } },
      { text: '    raise ValueError("python failure")' },
    ]);
  });

  it('links the location of a Python syntax error', () => {
    assert.deepEqual(locateStackLine('  File "/srv/app.py" Line 3'), { file: '/srv/app.py', line: 3 });
  });

  it('is undefined for payloads that are not errors', () => {
    assert.equal(parseFunctionError('{"statusCode":200}'), undefined);
    assert.equal(parseFunctionError('not json'), undefined);
    assert.equal(parseFunctionError('[1,2]'), undefined);
  });
});
