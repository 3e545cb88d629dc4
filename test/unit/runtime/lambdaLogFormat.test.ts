import assert from 'node:assert/strict';
import {
  billedDuration,
  createLogStreamName,
  describeExit,
  initStartLine,
  reportLine,
  timeoutPayload,
} from '../../../src/core/runtime/lambdaLogFormat';
import { OutputLineSplitter } from '../../../src/core/runtime/outputLineSplitter';
import { OUTPUT_END_MARKER } from '../../../src/core/runtime/workerProtocol';

describe('runtime: Lambda log formats', () => {
  it('names log streams YYYY/MM/DD/[version]<32 hex> in UTC', () => {
    const name = createLogStreamName('3', new Date('2026-01-02T23:59:59.999-05:00'), 'a'.repeat(32));
    assert.equal(name, `2026/01/03/[3]${'a'.repeat(32)}`);
    assert.match(createLogStreamName('$LATEST'), /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('writes REPORT lines with tabs, Init Duration on cold starts and a status on failures', () => {
    const figures = { requestId: 'r', durationMs: 3.014, billedDurationMs: 4, memorySizeMb: 128, maxMemoryUsedMb: 36 };
    assert.equal(
      reportLine({ ...figures, initDurationMs: 110.1 }),
      'REPORT RequestId: r\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t',
    );
    assert.match(
      reportLine({ ...figures, status: 'error', errorType: 'Runtime.ExitError' }),
      /\tStatus: error\tError Type: Runtime\.ExitError\t$/,
    );
    assert.match(
      reportLine({ ...figures, status: 'timeout', errorType: 'Sandbox.Timedout' }),
      /MB\tStatus: timeout\t$/,
    );
    assert.match(
      initStartLine('nodejs20.x', 'eu-west-1'),
      /^INIT_START Runtime Version: nodejs:20\.v\d+\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:[0-9a-f]{64}$/,
    );
  });

  it('bills whole milliseconds, rounding up', () => {
    assert.deepEqual([billedDuration(0.2), billedDuration(3.01), billedDuration(4)], [1, 4, 4]);
  });

  it('words timeouts and exits as Lambda does', () => {
    assert.deepEqual(JSON.parse(timeoutPayload('id', 3)), {
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: id Error: Task timed out after 3.00 seconds',
    });
    assert.equal(describeExit({ code: 1, signal: null }), 'exit status 1');
    assert.equal(describeExit({ code: null, signal: 'SIGKILL' }), 'signal: killed');
    assert.equal(describeExit({ code: null, signal: 'SIGABRT' }), 'signal: aborted (core dumped)');
  });

  it('splits output into lines across chunks, ending partial lines at the end-of-invocation marker', () => {
    const lines: string[] = [];
    let markers = 0;
    const splitter = new OutputLineSplitter(
      (line) => lines.push(line),
      () => markers++,
    );
    const text = `one\r\ntw${'o\nthree'}${OUTPUT_END_MARKER}é\n`;
    const bytes = Buffer.from(text, 'utf8');
    for (let index = 0; index < bytes.length; index += 3) splitter.push(bytes.subarray(index, index + 3));
    splitter.push(Buffer.from('tail'));
    splitter.flush();
    assert.deepEqual(lines, ['one', 'two', 'three', 'é', 'tail']);
    assert.equal(markers, 1);
  });
});
