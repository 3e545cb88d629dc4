// The CloudWatch Logs workload the local cloud benches share: 100,000 events in ten streams of one group (a tenth
// WARN, a hundredth ERROR; half text lines, half JSON), and FilterLogEvents read to its last page.
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';

export const BENCH_LOG_GROUP = '/bench/filter';

/** Creates the group and puts the events; returns the first event's timestamp (an hour ago). */
export async function fillBenchLogGroup(logs) {
  await logs.send(new CreateLogGroupCommand({ logGroupName: BENCH_LOG_GROUP }));
  const base = Date.now() - 3_600_000;
  for (let stream = 0; stream < 10; stream++) {
    const logStreamName = `stream-${stream}`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: BENCH_LOG_GROUP, logStreamName }));
    const logEvents = Array.from({ length: 10_000 }, (_, index) => {
      const n = stream * 10_000 + index;
      const level = n % 100 === 0 ? 'ERROR' : n % 10 === 0 ? 'WARN' : 'INFO';
      const message =
        n % 2 === 0
          ? `2026-01-01T00:00:00.000Z\treq-${n}\t${level}\tprocessed order ${n} in ${n % 500} ms`
          : JSON.stringify({ level, orderId: n, latency: n % 1000 });
      return { timestamp: base + index * 300 + stream, message };
    });
    await logs.send(new PutLogEventsCommand({ logGroupName: BENCH_LOG_GROUP, logStreamName, logEvents }));
  }
  return base;
}

/** FilterLogEvents over the group with a pattern, every page; returns how many events matched. */
export async function filterAllPages(logs, filterPattern) {
  let nextToken;
  let count = 0;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({ logGroupName: BENCH_LOG_GROUP, filterPattern, nextToken }),
    );
    count += page.events.length;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
}
