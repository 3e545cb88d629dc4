// Realistic log lines for the panel's benches: invocations of a Node function on a few instances, each with START,
// application lines (text and JSON), END and REPORT; cold starts on new instances; now and then an error with a stack.
import type { IncomingLine } from '../src/core/logs/logLineStore';

/** `count` lines (about 6 per invocation) starting at `start`, a millisecond or two apart. */
export function generateLogLines(count: number, start = Date.UTC(2026, 0, 15, 12)): IncomingLine[] {
  const lines: IncomingLine[] = [];
  const streams = Array.from(
    { length: 6 },
    (_v, index) => `2026/01/15/[$LATEST]${(index * 2654435761).toString(16).padStart(8, '0')}${'0a1b2c3d'.repeat(3)}`,
  );
  const started = new Set<string>();
  let time = start;
  let invocation = 0;
  while (lines.length < count) {
    const stream = streams[invocation % streams.length]!;
    const requestId = `${invocation.toString(16).padStart(8, '0')}-1111-4222-8333-${(invocation * 7919).toString(16).padStart(12, '0')}`;
    const push = (message: string) =>
      lines.push({ timestamp: time++, logStreamName: stream, message, source: 'orders', origin: 'cloud' });
    const cold = !started.has(stream);
    started.add(stream);
    if (cold)
      push('INIT_START Runtime Version: nodejs:22.v40\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc');
    push(`START RequestId: ${requestId} Version: $LATEST`);
    const iso = new Date(time).toISOString();
    push(`${iso}\t${requestId}\tINFO\tprocessing order ${invocation} for customer c-${invocation % 97}`);
    push(
      `${iso}\t${requestId}\tINFO\t${JSON.stringify({ level: 'INFO', message: 'db query', table: 'orders', latencyMs: invocation % 50, items: [1, 2, 3] })}`,
    );
    if (invocation % 50 === 7) {
      push(
        `${iso}\t${requestId}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'total')","stack":["TypeError: Cannot read properties of undefined (reading 'total')","    at handler (/var/task/src/app.js:12:20)"]}`,
      );
    } else {
      push(`${iso}\t${requestId}\tWARN\tslow downstream call took ${200 + (invocation % 300)} ms`);
    }
    push(`END RequestId: ${requestId}`);
    const duration = 3 + (invocation % 40) * 0.37;
    push(
      `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.ceil(duration)} ms\tMemory Size: 256 MB\tMax Memory Used: ${60 + (invocation % 20)} MB\t${cold ? 'Init Duration: 180.52 ms\t' : ''}`,
    );
    invocation++;
  }
  return lines.slice(0, count);
}
