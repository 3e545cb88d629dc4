import { strict as assert } from 'node:assert';
import { percentile, summarizeInvocations, type InvocationRecord } from '../../../src/core/logs/invocationSummary';
import {
  formatUsd,
  gbSeconds,
  invocationCost,
  LAMBDA_PRICE_TABLE_DATE,
  lambdaPricesFor,
} from '../../../src/core/logs/lambdaPricing';

const close = (actual: number, expected: number, digits = 15) =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not ${expected}`);

function record(overrides: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    requestId: 'r',
    durationMs: 99.2,
    billedDurationMs: 100,
    memorySizeMb: 128,
    maxMemoryUsedMb: 60,
    initDurationMs: undefined,
    status: 'success',
    ...overrides,
  };
}

describe('Lambda cost', () => {
  it('computes GB-seconds from billed milliseconds and configured memory', () => {
    assert.equal(gbSeconds(100, 128), 0.0125);
    assert.equal(gbSeconds(1000, 1024), 1);
    assert.equal(gbSeconds(1, 10240), 0.01);
  });

  it('prices requests and duration by hand-checked examples', () => {
    // 128 MB for 100 ms on x86 in us-east-1: 0.0125 GB-s x $0.0000166667 + $0.20 / 1M.
    const x86 = invocationCost({ gbSeconds: 0.0125, requests: 1 }, 'us-east-1', 'x86_64');
    close(x86.duration, 0.0125 * 0.0000166667);
    close(x86.requests, 0.0000002);
    close(x86.total, 0.00000040833375);
    // A million of them: $0.2083 of duration and $0.20 of requests.
    const million = invocationCost({ gbSeconds: 12_500, requests: 1_000_000 }, 'us-east-1', 'x86_64');
    close(million.total, 0.40833375, 10);
    // The same on arm64: $0.0000133334 per GB-s.
    close(invocationCost({ gbSeconds: 12_500, requests: 1_000_000 }, 'eu-west-1', 'arm64').total, 0.3666675, 10);
    // Cape Town prices its own: $0.0000221 per GB-s, $0.27 per million requests.
    close(invocationCost({ gbSeconds: 1, requests: 1_000_000 }, 'af-south-1', 'x86_64').total, 0.2700221, 10);
  });

  it('flags regions missing from the table and prices them as us-east-1', () => {
    assert.deepEqual(lambdaPricesFor('ap-east-1').estimated, false);
    assert.equal(lambdaPricesFor('xx-nowhere-9').estimated, true);
    assert.equal(lambdaPricesFor('xx-nowhere-9').prices.gbSecond.x86_64, 0.0000166667);
    assert.match(LAMBDA_PRICE_TABLE_DATE, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('formats tiny amounts with two significant digits', () => {
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(0.00000040833375), '$0.00000041');
    assert.equal(formatUsd(0.0123), '$0.012');
    assert.equal(formatUsd(12.345), '$12.35');
  });
});

describe('Invocation summary', () => {
  it('uses nearest-rank percentiles', () => {
    const twenty = Array.from({ length: 20 }, (_value, index) => index + 1);
    assert.equal(percentile(twenty, 50), 10);
    assert.equal(percentile(twenty, 95), 19);
    assert.equal(percentile(twenty, 100), 20);
    assert.equal(percentile([7], 95), 7);
    assert.equal(percentile([], 50), undefined);
  });

  it('counts invocations, errors, timeouts and cold starts, and prices them on both architectures', () => {
    const records = [
      record({ initDurationMs: 150, durationMs: 120, billedDurationMs: 120, maxMemoryUsedMb: 70 }),
      ...Array.from({ length: 18 }, (_value, index) => record({ durationMs: index + 1, billedDurationMs: index + 1 })),
      record({ status: 'timeout', durationMs: 3000, billedDurationMs: 3000, maxMemoryUsedMb: 90 }),
    ];
    const summary = summarizeInvocations(records, { architecture: 'arm64', region: 'us-east-1' });
    assert.equal(summary.invocations, 20);
    assert.equal(summary.errors, 1);
    assert.equal(summary.timeouts, 1);
    assert.equal(summary.coldStarts, 1);
    assert.equal(summary.coldStartRate, 0.05);
    assert.equal(summary.durationP50Ms, 10);
    assert.equal(summary.durationP95Ms, 120);
    assert.equal(summary.durationMaxMs, 3000);
    assert.equal(summary.maxMemoryUsedMb, 90);
    // Billed: 120 + (1..18 = 171) + 3000 = 3291 ms at 128 MB = 0.4114 GB-s (0.125 GB each second).
    close(summary.gbSeconds, 3.291 * 0.125, 12);
    close(summary.cost.total, 3.291 * 0.125 * 0.0000133334 + 20 * 0.0000002, 15);
    assert.equal(summary.cost.architecture, 'arm64');
    assert.equal(summary.cost.otherArchitecture?.architecture, 'x86_64');
    close(summary.cost.otherArchitecture?.total ?? 0, 3.291 * 0.125 * 0.0000166667 + 20 * 0.0000002, 15);
  });

  it('prices each invocation in its own region and architecture', () => {
    const summary = summarizeInvocations(
      [
        record({ architecture: 'x86_64', region: 'ap-east-1', billedDurationMs: 1000, memorySizeMb: 1024 }),
        record({ architecture: 'arm64', region: 'us-west-2', billedDurationMs: 1000, memorySizeMb: 1024 }),
      ],
      { architecture: 'x86_64', region: 'us-east-1' },
    );
    close(summary.cost.total, 0.00002292 + 0.00000028 + 0.0000133334 + 0.0000002, 15);
    assert.equal(summary.cost.architecture, 'mixed');
    assert.deepEqual(summary.cost.regions, ['ap-east-1', 'us-west-2']);
    assert.equal(summary.cost.otherArchitecture, undefined);
  });

  it('is empty without invocations', () => {
    const summary = summarizeInvocations([], { architecture: 'x86_64', region: 'us-east-1' });
    assert.equal(summary.invocations, 0);
    assert.equal(summary.coldStartRate, 0);
    assert.equal(summary.durationP95Ms, undefined);
    assert.equal(summary.cost.total, 0);
    assert.equal(summary.cost.architecture, undefined);
  });
});
