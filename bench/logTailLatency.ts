// From a function's console.log in the local cloud to the line in the log panel's data model (LogLineStore), through
// the same engine and SDK adapter the panel uses: via StartLiveTail (budget p95 < 250 ms) and via FilterLogEvents
// polling (budget p95 < 1.5 s). Peer in the same run: `sam logs --tail`'s design (poll FilterLogEvents every second
// from the newest timestamp + 1 ms), run against the same local cloud; its design figure is up to 1 s plus a call.
// The function logs `MARK <Date.now()>`; the latency is the store's clock at append minus that (one machine, one clock).
// Run: npx tsx bench/logTailLatency.ts   (BENCH_INVOKES=N, default 40; invokes are 50-350 ms apart)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { createCloudWatchLogSource } from '../src/core/aws/cloudWatchLogSource';
import { silentLogger } from '../src/core/logger';
import type { TailedLogEvent } from '../src/core/logs/logEventSource';
import { LogLineStore } from '../src/core/logs/logLineStore';
import { LogTailSession } from '../src/core/logs/logTailSession';
import { createRuntimePool } from '../src/core/runtime/runtimePool';
import { startLocalCloud } from '../src/localcloud/localCloudServer';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const INVOKES = Number(process.env['BENCH_INVOKES'] ?? 40);
const HANDLER = `exports.handler = async (event) => { console.log('MARK ' + Date.now() + ' ' + event.n); return event.n; };\n`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

interface Receiver {
  latencies: number[];
  seen: Set<number>;
  duplicates: number;
  take(events: Array<{ message: string }>): void;
}

/** Appends to a data model like the panel's and measures each MARK line when it lands there. */
function receiver(): Receiver {
  const store = new LogLineStore();
  const result: Receiver = {
    latencies: [],
    seen: new Set(),
    duplicates: 0,
    take(events) {
      const added = store.append(
        events.map((event) => ({
          timestamp: 0,
          logStreamName: '',
          message: event.message,
          source: 'bench',
          origin: 'cloud' as const,
        })),
      ).added;
      const now = Date.now();
      for (const line of added) {
        const mark = /MARK (\d+) (\d+)/.exec(line.message);
        if (!mark) continue;
        const n = Number(mark[2]);
        if (result.seen.has(n)) result.duplicates++;
        result.seen.add(n);
        result.latencies.push(now - Number(mark[1]));
      }
    },
  };
  return result;
}

/** `sam logs --tail` as designed: FilterLogEvents every second from the newest timestamp + 1 ms. */
function samStylePoller(client: CloudWatchLogsClient, group: string, start: number, into: Receiver): () => void {
  let stopped = false;
  let startTime = start;
  void (async () => {
    while (!stopped) {
      let nextToken: string | undefined;
      do {
        const page = await client
          .send(new FilterLogEventsCommand({ logGroupName: group, startTime, nextToken }))
          .catch(() => ({ events: [], nextToken: undefined }));
        const events = page.events ?? [];
        into.take(events.map((event) => ({ message: event.message ?? '' })));
        for (const event of events) startTime = Math.max(startTime, (event.timestamp ?? 0) + 1);
        nextToken = page.nextToken;
      } while (nextToken && !stopped);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return () => (stopped = true);
}

async function main(): Promise<void> {
  const stateDirectory = mkdtempSync(join(tmpdir(), 'sw-bench-logtail-'));
  const pool = createRuntimePool({ logger: silentLogger });
  const cloud = await startLocalCloud({ port: 0, stateDirectory, runtimePool: pool });
  const config = {
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const lambda = new LambdaClient(config);
  const client = new CloudWatchLogsClient({ ...config, disableHostPrefix: true });
  try {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'bench-logs',
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::000000000000:role/r',
        Code: { ZipFile: zipSync({ 'index.js': strToU8(HANDLER) }) },
      }),
    );
    const group = '/aws/lambda/bench-logs';
    await lambda.send(new InvokeCommand({ FunctionName: 'bench-logs', Payload: JSON.stringify({ n: -1 }) }));
    const start = Date.now();
    const live = receiver();
    const polling = receiver();
    const sam = receiver();
    const sessions = [
      new LogTailSession({
        source: createCloudWatchLogSource(logs, client, { liveTail: true }),
        groups: [{ logGroupName: group }],
        startTime: start,
        follow: true,
        transport: 'liveTail',
        onEvents: (events: TailedLogEvent[]) => live.take(events),
      }),
      new LogTailSession({
        source: createCloudWatchLogSource(logs, client, { liveTail: false }),
        groups: [{ logGroupName: group }],
        startTime: start,
        follow: true,
        transport: 'polling',
        onEvents: (events: TailedLogEvent[]) => polling.take(events),
      }),
    ];
    const stopSam = samStylePoller(client, group, start, sam);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let n = 0; n < INVOKES; n++) {
      await lambda.send(new InvokeCommand({ FunctionName: 'bench-logs', Payload: JSON.stringify({ n }) }));
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 300));
    }
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && [live, polling, sam].some((r) => r.seen.size < INVOKES)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const session of sessions) session.stop();
    stopSam();
    console.log(`[log tail latency] ${INVOKES} invocations, console.log -> line in the data model`);
    const row = (name: string, r: Receiver, budget: string) =>
      console.log(
        `  ${name.padEnd(34)} p50 ${percentile(r.latencies, 50).toFixed(0).padStart(5)} ms  p95 ${percentile(r.latencies, 95).toFixed(0).padStart(5)} ms  max ${Math.max(
          ...r.latencies,
        )
          .toFixed(0)
          .padStart(5)} ms  received ${r.seen.size}/${INVOKES}, duplicates ${r.duplicates}  ${budget}`,
      );
    row('ours, live tail', live, '(budget p95 < 250 ms)');
    row('ours, polling every 1 s', polling, '(budget p95 < 1,500 ms)');
    row('peer: sam logs design, 1 s polling', sam, '(design figure: up to 1 s plus a call)');
    console.log(
      `  ratios: live tail / sam design p95 ${(percentile(live.latencies, 95) / percentile(sam.latencies, 95)).toFixed(3)}; polling / sam design p95 ${(percentile(polling.latencies, 95) / percentile(sam.latencies, 95)).toFixed(3)}`,
    );
  } finally {
    lambda.destroy();
    client.destroy();
    await cloud.close();
    await pool.dispose();
    rmSync(stateDirectory, { recursive: true, force: true });
  }
}

void main();
