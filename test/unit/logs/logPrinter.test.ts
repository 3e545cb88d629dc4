import { strict as assert } from 'node:assert';
import { LogPrinter } from '../../../src/cli/logPrinter';
import type { FunctionLogTarget } from '../../../src/core/aws/functionLogTargets';

const STREAM = '2026/01/15/[$LATEST]a1b2c3d4e5f60718293a4b5c6d7e8f90';
const T = Date.UTC(2026, 6, 1, 10, 0, 0, 5);

function target(name: string): FunctionLogTarget {
  return {
    functionName: name,
    logGroupName: `/aws/lambda/${name}`,
    architecture: 'x86_64',
    memorySizeMb: 128,
    region: 'us-east-1',
  };
}

function printed(
  options: { colours: boolean; output?: 'text' | 'json'; zone?: string; targets?: FunctionLogTarget[] },
  message: string,
) {
  let out = '';
  const printer = new LogPrinter({
    output: options.output ?? 'text',
    zone: options.zone ?? 'UTC',
    colours: options.colours,
    targets: options.targets ?? [target('orders')],
    write: (text) => (out += text),
  });
  printer.print([{ logGroupName: '/aws/lambda/orders', logStreamName: STREAM, timestamp: T, message, eventId: 'e1' }]);
  return { out, printer };
}

describe('serverless-workbench logs output', () => {
  it('prints stream, time with its offset in the zone, and message, as sam logs lays it out', () => {
    assert.equal(printed({ colours: false }, 'hello\n').out, `${STREAM} 2026-07-01T10:00:00.005Z hello\n`);
    assert.equal(
      printed({ colours: false, zone: 'Europe/Paris' }, 'hello').out,
      `${STREAM} 2026-07-01T12:00:00.005+02:00 hello\n`,
    );
    assert.equal(
      printed({ colours: false, targets: [target('orders'), target('users')] }, 'hi').out,
      `orders ${STREAM} 2026-07-01T10:00:00.005Z hi\n`,
    );
  });

  it('keeps escape sequences from the logs off a terminal, and colours errors, REPORT lines and instances', () => {
    const hostile = printed({ colours: true }, '\u001b]0;pwned\u0007\u001b[2Jcleared?').out;
    assert.ok(!hostile.includes('\u001b]0;'));
    assert.ok(!hostile.includes('\u001b[2J'));
    assert.ok(hostile.includes('cleared?'));
    const error = printed({ colours: true }, '2026-07-01T10:00:00.005Z\tr1\tERROR\tboom').out;
    assert.ok(error.includes('\u001b[31m2026-07-01T10:00:00.005Z\tr1\tERROR\tboom\u001b[0m'));
    const report = printed(
      { colours: true },
      'REPORT RequestId: r1\tDuration: 1.00 ms\tInit Duration: 120.00 ms\t',
    ).out;
    assert.ok(report.includes('\u001b[36mInit Duration: 120.00 ms\u001b[0m'));
  });

  it('prints JSON lines with the event id, and a JSON summary', () => {
    const { out, printer } = printed(
      { colours: false, output: 'json' },
      'REPORT RequestId: r1\tDuration: 10.00 ms\tBilled Duration: 10 ms\tMemory Size: 1024 MB\tMax Memory Used: 64 MB\tInit Duration: 99.00 ms\t',
    );
    const event = JSON.parse(out) as Record<string, unknown>;
    assert.equal(event['eventId'], 'e1');
    assert.equal(event['function'], 'orders');
    assert.equal(event['time'], '2026-07-01T10:00:00.005Z');
    const summary = JSON.parse(printer.summary()) as Record<string, string>;
    assert.equal(summary['invocations'], '1');
    assert.equal(summary['coldStarts'], '1 (100%)');
  });
});
