#!/usr/bin/env node
// Local cloud benchmark: warm Invoke through SDK v3 beside a bare Node HTTP echo server (the floor) measured in
// the same run, ListFunctions over 1,000 functions, FilterLogEvents over 100,000 events. Prints each figure, the
// ratios against the floor, and the budgets. Both servers run as child processes, as the extension runs
// the local cloud. Usage: node bench/localcloud.mjs [--invokes 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { measure, spawnServer } from './benchTiming.mjs';
import { BENCH_LOG_GROUP, fillBenchLogGroup, filterAllPages } from './logWorkload.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const repoRoot = join(fileURLToPath(import.meta.url), '..', '..');
const invokeCount = Number(process.argv[process.argv.indexOf('--invokes') + 1]) || 2000;
const BUDGETS = { invokeP50Ms: 10, listPageMs: 50, filterMs: 500 };

const ECHO_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length, 'X-Amz-Executed-Version': '$LATEST' });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

/** Runs `operation` `count` times with `concurrency` in flight; returns throughput per second. */
async function throughput(count, concurrency, operation) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await operation(next++);
    }),
  );
  return (count / (performance.now() - started)) * 1000;
}

function rawPost(agent, port, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/2015-03-31/functions/echo/invocations',
        agent,
        headers: { 'Content-Length': body.length },
      },
      (response) => {
        response.resume();
        response.on('end', resolve);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const format = (value) => value.toFixed(2).padStart(9);
const line = (label, value, unit, extra = '') => console.log(`${label.padEnd(58)}${format(value)} ${unit}${extra}`);

async function main() {
  const stateDirectory = mkdtempSync(join(tmpdir(), 'sw-bench-localcloud-'));
  const echo = await spawnServer(['-e', ECHO_SERVER]);
  const cloud = await spawnServer([
    '--import',
    'tsx',
    join(repoRoot, 'src', 'localcloud', 'main.ts'),
    '--port',
    '0',
    '--state-dir',
    stateDirectory,
  ]);
  const config = (port) => ({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
  const lambda = new LambdaClient(config(cloud.port));
  const lambdaToEcho = new LambdaClient(config(echo.port));
  const logs = new CloudWatchLogsClient(config(cloud.port));
  const payload = Buffer.from(JSON.stringify({ hello: 'world', items: [1, 2, 3] }));
  try {
    console.log(`# local cloud bench (Node ${process.version}, ${invokeCount} sequential invokes after warm-up)`);
    const zip = zipSync(
      { 'index.js': strToU8('exports.handler = async (event) => event;\n') },
      { mtime: '2020-01-01T00:00:00Z' },
    );
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'echo',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: zip },
      }),
    );
    const invoke = (client) => () => client.send(new InvokeCommand({ FunctionName: 'echo', Payload: payload }));
    const agent = new Agent({ keepAlive: true });
    // Warm-up: start the function instance, the JIT and the keep-alive connections.
    for (let index = 0; index < 200; index++) {
      await invoke(lambda)();
      await invoke(lambdaToEcho)();
      await rawPost(agent, echo.port, payload);
    }
    const rawEcho = await measure(invokeCount, () => rawPost(agent, echo.port, payload));
    const sdkEcho = await measure(invokeCount, invoke(lambdaToEcho));
    const sdkCloud = await measure(invokeCount, invoke(lambda));
    console.log('\n## Warm Invoke round trip (sequential)');
    line(
      'floor: raw HTTP POST to a bare Node echo server, p50',
      rawEcho.p50,
      'ms',
      `  (p95 ${rawEcho.p95.toFixed(2)}, ${rawEcho.perSecond.toFixed(0)}/s)`,
    );
    line(
      'floor: SDK v3 Invoke against the echo server, p50',
      sdkEcho.p50,
      'ms',
      `  (p95 ${sdkEcho.p95.toFixed(2)}, ${sdkEcho.perSecond.toFixed(0)}/s)`,
    );
    line(
      'local cloud: SDK v3 Invoke (real runtime), p50',
      sdkCloud.p50,
      'ms',
      `  (p95 ${sdkCloud.p95.toFixed(2)}, p99 ${sdkCloud.p99.toFixed(2)}, ${sdkCloud.perSecond.toFixed(0)}/s)`,
    );
    line('ratio: local cloud p50 / SDK-to-echo p50', sdkCloud.p50 / sdkEcho.p50, 'x');
    line('ratio: local cloud p50 / raw echo p50', sdkCloud.p50 / rawEcho.p50, 'x');
    const echoConcurrent = await throughput(invokeCount, 8, invoke(lambdaToEcho));
    const cloudConcurrent = await throughput(invokeCount, 8, invoke(lambda));
    line('SDK v3 Invoke throughput, 8 in flight, echo server', echoConcurrent, '/s');
    line('SDK v3 Invoke throughput, 8 in flight, local cloud (8 instances)', cloudConcurrent, '/s');
    line('ratio: local cloud / echo throughput', cloudConcurrent / echoConcurrent, 'x');

    console.log('\n## ListFunctions with 1,000 functions');
    const createStarted = performance.now();
    for (let index = 1; index < 1000; index++) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: `fn-${String(index).padStart(4, '0')}`,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::123456789012:role/r',
          Handler: 'index.handler',
          Code: { ZipFile: zip },
        }),
      );
    }
    line('CreateFunction x 999, mean', (performance.now() - createStarted) / 999, 'ms');
    const firstPage = await measure(200, () => lambda.send(new ListFunctionsCommand({})));
    line('ListFunctions first page (50 functions), p50', firstPage.p50, 'ms', `  (p95 ${firstPage.p95.toFixed(2)})`);
    const bigPage = await measure(50, () => lambda.send(new ListFunctionsCommand({ MaxItems: 1000 })));
    line('ListFunctions one page of 1,000 functions, p50', bigPage.p50, 'ms', `  (p95 ${bigPage.p95.toFixed(2)})`);
    const allPages = await measure(20, async () => {
      let marker;
      do marker = (await lambda.send(new ListFunctionsCommand({ Marker: marker }))).NextMarker;
      while (marker);
    });
    line('ListFunctions all 20 pages of 50, p50', allPages.p50, 'ms');
    line('ratio: first page p50 / SDK-to-echo Invoke p50', firstPage.p50 / sdkEcho.p50, 'x');

    console.log('\n## FilterLogEvents over 100,000 events');
    const base = await fillBenchLogGroup(logs);
    const filter = (filterPattern) => measure(7, () => filterAllPages(logs, filterPattern));
    const terms = await filter('ERROR');
    line('FilterLogEvents "ERROR" (all pages, 1,000 matches), p50', terms.p50, 'ms');
    const json = await filter('{ $.level = "ERROR" && $.latency > 500 }');
    line('FilterLogEvents { $.level = "ERROR" && $.latency > 500 }, p50', json.p50, 'ms');
    const alternatives = await filter('?WARN ?ERROR -order');
    line('FilterLogEvents ?WARN ?ERROR -order, p50', alternatives.p50, 'ms');
    const onePage = await measure(7, () => logs.send(new FilterLogEventsCommand({ logGroupName: BENCH_LOG_GROUP })));
    line('FilterLogEvents no pattern, first page (10,000 events), p50', onePage.p50, 'ms');
    // Not a filter cost: moving all 100,000 events (~8 MB of JSON) to the client and parsing them in the SDK.
    const everything = await filter('');
    line('FilterLogEvents no pattern, all 100,000 events returned, p50', everything.p50, 'ms');
    line('ratio: "ERROR" filter p50 / SDK-to-echo Invoke p50', terms.p50 / sdkEcho.p50, 'x');

    console.log('\n## Logs Insights over the same 100,000 events (StartQuery + GetQueryResults)');
    const seconds = Math.floor(base / 1000);
    const insights = (queryString) =>
      measure(7, async () => {
        const { queryId } = await logs.send(
          new StartQueryCommand({
            logGroupName: BENCH_LOG_GROUP,
            startTime: seconds - 60,
            endTime: seconds + 7200,
            queryString,
          }),
        );
        return (await logs.send(new GetQueryResultsCommand({ queryId }))).results.length;
      });
    const insightsFilter = await insights('filter @message like /ERROR/ | fields @timestamp, @message | limit 20');
    line('Insights filter like /ERROR/ | limit 20, p50', insightsFilter.p50, 'ms');
    const insightsStats = await insights('stats count(*) as n, avg(latency) as mean by level, bin(5m)');
    line('Insights stats count, avg(latency) by level, bin(5m), p50', insightsStats.p50, 'ms');
    const insightsParse = await insights('parse @message "processed order * in * ms" as order, ms | stats pct(ms, 95)');
    line('Insights parse glob | stats pct(ms, 95), p50', insightsParse.p50, 'ms');
    line('ratio: Insights stats p50 / FilterLogEvents "ERROR" p50', insightsStats.p50 / terms.p50, 'x');

    console.log('\n## Budgets');
    const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');
    console.log(
      `Invoke p50 ${sdkCloud.p50.toFixed(2)} ms < ${BUDGETS.invokeP50Ms} ms: ${verdict(sdkCloud.p50 < BUDGETS.invokeP50Ms)}`,
    );
    console.log(
      `ListFunctions page p50 ${firstPage.p50.toFixed(2)} ms < ${BUDGETS.listPageMs} ms: ${verdict(firstPage.p50 < BUDGETS.listPageMs)}`,
    );
    const worstFilter = Math.max(terms.p50, json.p50, alternatives.p50, onePage.p50);
    console.log(
      `FilterLogEvents over 100,000 events, worst pattern p50 ${worstFilter.toFixed(2)} ms < ${BUDGETS.filterMs} ms: ${verdict(worstFilter < BUDGETS.filterMs)}`,
    );
    console.log(
      `(returning all 100,000 events to the client takes ${everything.p50.toFixed(0)} ms: transfer and SDK parsing, not filtering)`,
    );
  } finally {
    lambda.destroy();
    lambdaToEcho.destroy();
    logs.destroy();
    echo.child.kill();
    cloud.child.kill('SIGTERM');
    await new Promise((resolve) => cloud.child.once('exit', resolve));
    rmSync(stateDirectory, { recursive: true, force: true });
  }
}

await main();
