// The log tail panel in headless Chromium (the same page as in VS Code, bench/logTailPage.ts), with 100,000 lines:
// - first paint: from posting the lines to the webview until the rows are on screen (budget 500 ms);
// - filter: "only matching" a quick text over the 100,000 loaded lines: the data model's filter (budget 50 ms) and
//   until the new rows are painted.
// Peer in the same run: a plain page that puts one element per line into the DOM and filters by toggling them,
// as a log panel without virtualization does (the invoke result panel's log block works that way).
// Run: npm run build && npx tsx bench/logTailRender.ts   (BENCH_LINES, BENCH_RUNS)
import { chromium } from 'playwright-core';
import { packLines, type LineBatch } from '../src/core/logs/lineBatch';
import { LogLineStore } from '../src/core/logs/logLineStore';
import { LogView } from '../src/core/logs/logView';
import { openLogTailPage } from '../test/support/logTailPage';
import { generateLogLines } from './logTailWorkload';

const LINES = Number(process.env['BENCH_LINES'] ?? 100_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const SESSION = {
  id: 1,
  title: 'orders',
  backend: 'local cloud',
  startText: '10mins ago',
  endText: undefined,
  filterPattern: '',
  follow: true,
  canReplayCloud: false,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const format = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

async function ours(lines: LineBatch, streamedChunks: LineBatch[]) {
  const { browser, page } = await openLogTailPage();
  try {
    await page.evaluate((session) => window.postMessage({ type: 'session', session }, '*'), SESSION);
    const firstPaint = await page.evaluate(async (lines) => {
      const started = performance.now();
      const handled = new Promise<void>((resolve) =>
        window.addEventListener('message', () => resolve(), { once: true }),
      );
      window.postMessage({ type: 'lines', sessionId: 1, batch: lines }, '*');
      await handled;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      if (document.querySelectorAll('.row').length === 0) throw new Error('no rows painted');
      return performance.now() - started;
    }, lines);
    const loaded = await page.evaluate(async () => {
      const sent = (window as unknown as { sent: Array<{ type: string; snapshot?: { lines: number } }> }).sent;
      window.postMessage({ type: 'requestSnapshot', id: 1 }, '*');
      for (;;) {
        const answer = sent.find((message) => message.type === 'snapshot');
        if (answer) return answer.snapshot?.lines ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    if (loaded !== lines.messages.length) throw new Error(`the model holds ${loaded} lines`);
    const streamed = await page.evaluate(
      async ({ chunks, session }) => {
        window.postMessage({ type: 'session', session: { ...session, id: 2 } }, '*');
        const started = performance.now();
        let first = 0;
        for (const batch of chunks) {
          const handled = new Promise<void>((resolve) =>
            window.addEventListener('message', () => resolve(), { once: true }),
          );
          window.postMessage({ type: 'lines', sessionId: 2, batch }, '*');
          await handled;
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          first ||= performance.now() - started;
        }
        return { first, all: performance.now() - started };
      },
      { chunks: streamedChunks, session: SESSION },
    );
    await page.evaluate(async () => {
      // The streamed session replaced the first: load the whole batch again before filtering.
      window.postMessage({ type: 'requestSnapshot', id: 2 }, '*');
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await page.evaluate(
      ({ batch, session }) => {
        window.postMessage({ type: 'session', session: { ...session, id: 3 } }, '*');
        window.postMessage({ type: 'lines', sessionId: 3, batch }, '*');
        window.postMessage({ type: 'requestSnapshot', id: 3 }, '*');
      },
      { batch: lines, session: SESSION },
    );
    await page.waitForFunction(() =>
      (window as unknown as { sent: Array<{ type: string; id?: number }> }).sent.some(
        (m) => m.type === 'snapshot' && m.id === 3,
      ),
    );
    const filter = await page.evaluate(async () => {
      const input = document.getElementById('highlight') as HTMLInputElement;
      const only = document.getElementById('only') as HTMLInputElement;
      only.checked = true;
      only.dispatchEvent(new Event('change'));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const started = performance.now();
      input.value = 'customer c-42';
      input.dispatchEvent(new Event('input'));
      const model = performance.now() - started;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return { model, painted: performance.now() - started, rows: document.querySelectorAll('.row').length };
    });
    return { firstPaint, streamed, filter };
  } finally {
    await browser.close();
  }
}

async function peer(lines: ReturnType<typeof generateLogLines>) {
  const browser = await chromium.launch({
    executablePath: process.env['SW_CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 500 } });
    await page.setContent('<pre id="logs" style="height:400px;overflow:auto;margin:0"></pre>');
    return await page.evaluate(async (lines) => {
      const list = document.getElementById('logs')!;
      const started = performance.now();
      const handled = new Promise<MessageEvent>((resolve) =>
        window.addEventListener('message', resolve, { once: true }),
      );
      window.postMessage(lines, '*');
      const received = (await handled).data as Array<{ message: string }>;
      for (const line of received) {
        const row = document.createElement('div');
        row.textContent = line.message;
        list.append(row);
      }
      list.scrollTop = list.scrollHeight;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const firstPaint = performance.now() - started;
      const filterStarted = performance.now();
      const needle = 'customer c-42';
      for (const row of list.children) {
        (row as HTMLElement).style.display = (row.textContent ?? '').toLowerCase().includes(needle) ? '' : 'none';
      }
      const model = performance.now() - filterStarted;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return { firstPaint, filter: { model, painted: performance.now() - filterStarted, rows: 0 } };
    }, lines);
  } finally {
    await browser.close();
  }
}

/** The data model's filter alone, in Node (no browser). */
function modelInNode(lines: ReturnType<typeof generateLogLines>): { append: number; filter: number } {
  const store = new LogLineStore();
  const view = new LogView(store);
  let started = performance.now();
  view.onAppend(store.append(lines).added);
  const append = performance.now() - started;
  view.setFilter({ text: 'order 4', onlyMatching: true });
  started = performance.now();
  view.setFilter({ text: 'customer c-42', onlyMatching: true });
  return { append, filter: performance.now() - started };
}

async function main(): Promise<void> {
  const lines = generateLogLines(LINES);
  console.log(`[log tail render] ${LINES.toLocaleString()} lines, ${RUNS} runs each, medians`);
  const ourRuns = [];
  const peerRuns = [];
  for (let run = 0; run < RUNS; run++) {
    const chunks = Array.from({ length: Math.ceil(LINES / 10_000) }, (_v, index) =>
      packLines(lines.slice(index * 10_000, (index + 1) * 10_000), 'cloud'),
    );
    ourRuns.push(await ours(packLines(lines, 'cloud'), chunks));
    peerRuns.push(await peer(lines));
  }
  modelInNode(lines); // warm the JIT, as the webview is warm after its first batches
  const node = Array.from({ length: RUNS }, () => modelInNode(lines));
  const rows: Array<[string, number, number]> = [
    ['first paint', median(ourRuns.map((r) => r.firstPaint)), median(peerRuns.map((r) => r.firstPaint))],
    ['filter, data model', median(ourRuns.map((r) => r.filter.model)), median(peerRuns.map((r) => r.filter.model))],
    [
      'filter, until painted',
      median(ourRuns.map((r) => r.filter.painted)),
      median(peerRuns.map((r) => r.filter.painted)),
    ],
  ];
  for (const [name, our, theirs] of rows) {
    console.log(
      `  ${name.padEnd(24)} ours ${format(our).padStart(10)}   peer (one element per line) ${format(theirs).padStart(10)}   ratio ${(our / theirs).toFixed(3)}`,
    );
  }
  console.log(
    `  streamed in pages of 10,000 (as a backfill arrives): first rows ${format(median(ourRuns.map((r) => r.streamed.first)))}, all ${LINES.toLocaleString()} painted ${format(median(ourRuns.map((r) => r.streamed.all)))}`,
  );
  console.log(
    `  rows in the DOM after the filter: ours ${ourRuns[0]!.filter.rows} (virtualized), peer ${LINES.toLocaleString()}`,
  );
  console.log(
    `  data model in Node: append ${format(median(node.map((n) => n.append)))}, filter ${format(median(node.map((n) => n.filter)))}`,
  );
}

void main();
