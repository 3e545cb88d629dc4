import { strict as assert } from 'node:assert';
import { findReport, parseReportLine } from '../../../src/core/logs/reportLine';

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
        status: 'success',
      },
    );
  });

  it('reads error and timeout statuses, which Lambda writes only when the invocation failed', () => {
    const error = parseReportLine(
      'REPORT RequestId: abc\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 30 MB\tStatus: error\tError Type: Runtime.ExitError\t',
    );
    assert.equal(error?.initDurationMs, undefined);
    assert.equal(error?.maxMemoryUsedMb, 30);
    assert.equal(error?.status, 'error');
    assert.equal(error?.errorType, 'Runtime.ExitError');
    const timeout = parseReportLine(
      'REPORT RequestId: t\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\tStatus: timeout',
    );
    assert.equal(timeout?.status, 'timeout');
    assert.equal(timeout?.billedDurationMs, 3000);
  });

  it('reads lines copied with spaces instead of tabs, SnapStart restores and X-Ray fields', () => {
    const figures = parseReportLine(
      'REPORT RequestId: 3f5c  Duration: 12.50 ms  Billed Duration: 13 ms  Memory Size: 512 MB  Max Memory Used: 80 MB  Restore Duration: 250.32 ms  Billed Restore Duration: 120 ms XRAY TraceId: 1-65a-abc SegmentId: 0b1 Sampled: true',
    );
    assert.equal(figures?.requestId, '3f5c');
    assert.equal(figures?.durationMs, 12.5);
    assert.equal(figures?.billedDurationMs, 13);
    assert.equal(figures?.memorySizeMb, 512);
    assert.equal(figures?.restoreDurationMs, 250.32);
    assert.equal(figures?.billedRestoreDurationMs, 120);
    assert.equal(figures?.xrayTraceId, '1-65a-abc');
    assert.equal(figures?.initDurationMs, undefined);
  });

  it('reads the JSON log format (platform.report records)', () => {
    const figures = parseReportLine(
      JSON.stringify({
        time: '2026-01-15T12:00:00.000Z',
        type: 'platform.report',
        record: {
          requestId: 'json-1',
          metrics: {
            durationMs: 2.53,
            billedDurationMs: 3,
            memorySizeMB: 128,
            maxMemoryUsedMB: 68,
            initDurationMs: 161.04,
          },
          status: 'error',
          errorType: 'Runtime.Unknown',
        },
      }),
    );
    assert.deepEqual(figures, {
      requestId: 'json-1',
      durationMs: 2.53,
      billedDurationMs: 3,
      memorySizeMb: 128,
      maxMemoryUsedMb: 68,
      initDurationMs: 161.04,
      status: 'error',
      errorType: 'Runtime.Unknown',
    });
    assert.equal(parseReportLine('{"type":"platform.start","record":{"requestId":"x"}}'), undefined);
    assert.equal(parseReportLine('{"message":"platform.report is mentioned", "type": "app"}'), undefined);
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
