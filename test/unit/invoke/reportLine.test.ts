import { strict as assert } from 'node:assert';
import { findReport, parseReportLine } from '../../../src/core/invoke/reportLine';

describe('REPORT lines', () => {
  it('reads every figure of a cold start', () => {
    assert.deepEqual(
      parseReportLine(
        'REPORT RequestId: abc\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t',
      ),
      {
        requestId: 'abc',
        durationMs: 3.01,
        billedDurationMs: 4,
        memorySizeMb: 128,
        maxMemoryUsedMb: 36,
        initDurationMs: 110.1,
      },
    );
  });

  it('has no init duration on warm starts and ignores status fields', () => {
    const figures = parseReportLine(
      'REPORT RequestId: abc\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 30 MB\tStatus: error\tError Type: Runtime.ExitError\t',
    );
    assert.equal(figures?.initDurationMs, undefined);
    assert.equal(figures?.maxMemoryUsedMb, 30);
  });

  it('finds the last REPORT among log lines', () => {
    const lines = [
      'START RequestId: a Version: $LATEST',
      'hello',
      'END RequestId: a',
      'REPORT RequestId: a\tDuration: 2 ms\t',
    ];
    assert.equal(findReport(lines)?.durationMs, 2);
    assert.equal(findReport(['no report']), undefined);
    assert.equal(parseReportLine('START RequestId: a'), undefined);
  });
});
