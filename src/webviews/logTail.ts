/// <reference lib="dom" />
// The log tail panel's script: keeps the lines in the data model (core/logs/logLineStore), shows them through a
// virtualized list, and talks to the host with the typed messages of core/logs/logTailProtocol. Everything from
// logs is inserted as text. Bundled for the browser into dist/webviews/logTail.js.
import { exportLines, type ExportFormat } from '../core/logs/exportLines';
import { unpackLines } from '../core/logs/lineBatch';
import type { LogLevel } from '../core/logs/logLineFields';
import { loggedInvocationEvent } from '../core/logs/logLineLinks';
import { LogLineStore, type IncomingLine, type StoredLine } from '../core/logs/logLineStore';
import type {
  HostToWebviewMessage,
  PanelSnapshot,
  SessionInfo,
  StatusInfo,
  WebviewToHostMessage,
} from '../core/logs/logTailProtocol';
import { LogView, type ViewFilter } from '../core/logs/logView';
import { summaryFigures } from '../core/logs/summaryFigures';
import { element } from './shared/dom';
import { LogList } from './logTail/logList';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const LEVEL_CHOICES: Record<string, LogLevel[] | undefined> = {
  all: undefined,
  warn: ['WARN', 'ERROR', 'FATAL'],
  error: ['ERROR', 'FATAL'],
};

let store = new LogLineStore();
let view = new LogView(store);
let session: SessionInfo | undefined;
let status: StatusInfo = { state: 'idle', text: 'Not tailing. Choose a function to tail its logs.' };
const loggedEvents = new Map<number, string | undefined>();
let summaryTimer: number | undefined;

const controls = {
  follow: byId<HTMLButtonElement>('follow'),
  target: byId<HTMLButtonElement>('target'),
  title: byId<HTMLElement>('title'),
  start: byId<HTMLInputElement>('start'),
  end: byId<HTMLInputElement>('end'),
  pattern: byId<HTMLInputElement>('pattern'),
  highlight: byId<HTMLInputElement>('highlight'),
  only: byId<HTMLInputElement>('only'),
  levels: byId<HTMLSelectElement>('levels'),
  exportText: byId<HTMLButtonElement>('export-text'),
  exportJson: byId<HTMLButtonElement>('export-json'),
  clear: byId<HTMLButtonElement>('clear'),
  summary: byId<HTMLElement>('summary'),
  status: byId<HTMLElement>('status'),
  dropped: byId<HTMLElement>('dropped'),
  newLines: byId<HTMLButtonElement>('new-lines'),
  empty: byId<HTMLElement>('empty'),
};

const list = new LogList(byId('list'), {
  get view() {
    return view;
  },
  rowContext: () => ({
    highlight: view.highlight,
    shownRequest: view.currentFilter.requestId,
    statusOf: (line) => store.statusOf(line),
    loggedEvent,
    canReplay: (line) => session?.canReplayCloud === true && line.origin === 'cloud' && line.requestId !== undefined,
  }),
  actions: {
    showRequest: (requestId) =>
      applyFilter({ requestId: view.currentFilter.requestId === requestId ? undefined : requestId }),
    openFrame: (file, line, column) =>
      post({ type: 'openFrame', file, line, ...(column !== undefined ? { column } : {}) }),
    replay: (line, debug) => {
      const event = loggedEvent(line);
      post({
        type: 'replay',
        source: line.source,
        origin: line.origin,
        debug,
        ...(event !== undefined ? { event } : { requestId: line.requestId! }),
      });
    },
  },
  onFollowChange: (following, newLines) => {
    controls.newLines.hidden = following || newLines === 0;
    controls.newLines.textContent = `${newLines.toLocaleString()} new ↓`;
  },
});

function post(message: WebviewToHostMessage): void {
  vscode.postMessage(message);
}

function loggedEvent(line: StoredLine): string | undefined {
  if (!line.json) return undefined;
  if (!loggedEvents.has(line.seq))
    loggedEvents.set(line.seq, loggedInvocationEvent(line.message.slice(line.bodyStart)));
  return loggedEvents.get(line.seq);
}

function applyFilter(change: Partial<ViewFilter>): void {
  view.setFilter({ ...view.currentFilter, ...change });
  list.viewReset();
  refreshSummary();
}

/** Lines received and not yet in the model: a large batch is taken in slices, so the first rows paint early. */
const pending: IncomingLine[][] = [];
const SLICE_LINES = 5000;
let draining = false;

function append(lines: IncomingLine[]): void {
  pending.push(lines);
  if (!draining) drainSlice();
}

function drainSlice(): void {
  draining = true;
  let budget = SLICE_LINES;
  while (budget > 0 && pending.length > 0) {
    const batch = pending[0]!;
    const slice = batch.length <= budget ? batch : batch.slice(0, budget);
    if (slice === batch) pending.shift();
    else pending[0] = batch.slice(budget);
    budget -= slice.length;
    list.linesAdded(view.onAppend(store.append(slice).added));
  }
  scheduleSummary();
  if (pending.length > 0) setTimeout(drainSlice, 0);
  else draining = false;
}

/** Takes every pending line now (before answering snapshots and exports). */
function drainAll(): void {
  while (pending.length > 0) list.linesAdded(view.onAppend(store.append(pending.shift()!).added));
}

function scheduleSummary(): void {
  if (summaryTimer !== undefined) return;
  summaryTimer = window.setTimeout(() => {
    summaryTimer = undefined;
    refreshSummary();
  }, 200);
}

function refreshSummary(): void {
  const figures = summaryFigures(view.summary());
  controls.summary.replaceChildren(
    ...figures.map((figure) => {
      const node = element('span', `figure figure-${figure.key}`);
      node.title = figure.title;
      node.append(element('span', 'label', figure.label), element('span', 'value', figure.value));
      if (figure.note) node.append(element('span', 'note', figure.note));
      return node;
    }),
  );
  controls.dropped.hidden = store.droppedCount === 0;
  controls.dropped.textContent = `${store.droppedCount.toLocaleString()} older lines dropped (memory cap)`;
  controls.empty.hidden = store.size > 0;
}

/** Whether the tail is at work: the button then says Stop, and a click stops it. */
function isActive(current: StatusInfo): boolean {
  return (
    current.state === 'following' ||
    current.state === 'reading' ||
    current.state === 'connecting' ||
    current.state === 'retrying'
  );
}

function showStatus(next: StatusInfo): void {
  status = next;
  controls.status.textContent = next.text;
  controls.status.className = `status status-${next.state}`;
  controls.follow.textContent = isActive(next) ? 'Stop' : 'Start';
  controls.follow.disabled = session === undefined;
}

function startSession(next: SessionInfo): void {
  session = next;
  pending.length = 0;
  const limits = { maxLines: settings.maxLines, maxChars: settings.maxChars };
  store = new LogLineStore(limits);
  view = new LogView(store);
  loggedEvents.clear();
  applyFilter({});
  list.reset();
  controls.title.textContent = next.title;
  controls.title.title = `${next.title} · ${next.backend}`;
  controls.start.value = next.startText;
  controls.end.value = next.endText ?? '';
  controls.pattern.value = next.filterPattern;
  refreshSummary();
}

const settings = { maxLines: 200_000, maxChars: 64_000_000 };

function snapshot(): PanelSnapshot {
  let reportLines = 0;
  let coldStartLines = 0;
  let localLines = 0;
  for (const line of view.lines()) {
    if (line.report) reportLines++;
    if (line.report?.initDurationMs !== undefined) coldStartLines++;
    if (line.origin === 'local') localLines++;
  }
  return {
    sessionId: session?.id ?? 0,
    lines: store.size,
    shown: view.length,
    dropped: store.droppedCount,
    reportLines,
    coldStartLines,
    localLines,
    summary: view.summary(),
    following: list.isFollowing,
    newLines: list.pendingNewLines,
    status,
    renderedRows: list.renderedRows,
  };
}

function exportShown(format: ExportFormat, id?: number): void {
  const text = exportLines(view.lines(), format);
  post({ type: 'exported', format, text, lines: view.length, ...(id !== undefined ? { id } : {}) });
}

window.addEventListener('message', (event: MessageEvent<HostToWebviewMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'session':
      startSession(message.session);
      break;
    case 'lines':
      // Session 0: local runs' lines, which belong to no tail.
      if (message.sessionId === 0 || message.sessionId === session?.id) append(unpackLines(message.batch));
      break;
    case 'status':
      if (message.sessionId === (session?.id ?? 0)) showStatus(message.status);
      break;
    case 'sources':
      for (const source of message.sources) view.setSourceInfo(source.source, source);
      refreshSummary();
      break;
    case 'settings':
      settings.maxLines = message.maxLines;
      settings.maxChars = message.maxChars;
      break;
    case 'showRequest':
      applyFilter({ requestId: message.requestId });
      break;
    case 'requestSnapshot':
      drainAll();
      refreshSummary();
      list.render();
      post({ type: 'snapshot', id: message.id, snapshot: snapshot() });
      break;
    case 'requestExport':
      drainAll();
      exportShown(message.format, message.id);
      break;
  }
});

const onEnter = (input: HTMLInputElement, send: () => void) =>
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') send();
  });
onEnter(controls.start, () => post({ type: 'setRange', start: controls.start.value, end: controls.end.value }));
onEnter(controls.end, () => post({ type: 'setRange', start: controls.start.value, end: controls.end.value }));
onEnter(controls.pattern, () => post({ type: 'setPattern', pattern: controls.pattern.value }));
controls.highlight.addEventListener('input', () => applyFilter({ text: controls.highlight.value }));
controls.only.addEventListener('change', () => applyFilter({ onlyMatching: controls.only.checked }));
controls.levels.addEventListener('change', () => applyFilter({ levels: LEVEL_CHOICES[controls.levels.value] }));
controls.follow.addEventListener('click', () => post({ type: 'setFollow', follow: !isActive(status) }));
controls.target.addEventListener('click', () => post({ type: 'pickTarget' }));
controls.exportText.addEventListener('click', () => exportShown('text'));
controls.exportJson.addEventListener('click', () => exportShown('json'));
controls.clear.addEventListener('click', () => {
  store.clear();
  view.setFilter(view.currentFilter);
  list.reset();
  refreshSummary();
  post({ type: 'clear' });
});
controls.newLines.addEventListener('click', () => list.follow());

showStatus(status);
refreshSummary();
post({ type: 'ready' });
