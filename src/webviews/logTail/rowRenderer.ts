/// <reference lib="dom" />
// One row of the log list: time, instance (one colour each), level, message with the quick text highlighted, REPORT
// badges, and when expanded the whole line (JSON pretty-printed) with its stack frames linked and its actions.
import { expandedText, rowText } from '../../core/logs/displayText';
import { findStackFrames } from '../../core/logs/logLineLinks';
import { instanceColour, prettyJson, streamInstance } from '../../core/logs/logLineFields';
import type { StoredLine } from '../../core/logs/logLineStore';
import type { ReportFigures } from '../../core/logs/reportLine';
import { actionButton, appendHighlighted, element } from '../shared/dom';

/** What a row can ask the panel to do. */
export interface RowActions {
  toggleExpanded(line: StoredLine): void;
  showRequest(requestId: string): void;
  openFrame(file: string, line: number, column: number | undefined): void;
  /** Present when the line can be replayed: run (or debug) its invocation's event locally. */
  replay?: (line: StoredLine, debug: boolean) => void;
}

/** How a row shows. */
export interface RowContext {
  highlight: RegExp | undefined;
  expanded: boolean;
  selected: boolean;
  /** The request the view is narrowed to, if any. */
  shownRequest: string | undefined;
  /** The failure a line's invocation ended with, for its REPORT badge. */
  statusOf(line: StoredLine): 'success' | 'error' | 'timeout';
  /** The event a line holds (Powertools log_event), if any. */
  loggedEvent(line: StoredLine): string | undefined;
  canReplay(line: StoredLine): boolean;
}

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});

/** Renders one line's row. */
export function renderRow(line: StoredLine, index: number, context: RowContext, actions: RowActions): HTMLElement {
  const instance = streamInstance(line.logStreamName);
  const row = element('div', rowClasses(line, context, instance.shortId));
  row.setAttribute('role', 'listitem');
  row.dataset['index'] = String(index);
  row.dataset['seq'] = String(line.seq);
  const head = element('div', 'row-head');
  const time = element('span', 'time', TIME_FORMAT.format(line.timestamp));
  time.title = new Date(line.timestamp).toISOString();
  const chip = element('span', `inst inst-${instanceColour(line.logStreamName)}`, instance.shortId);
  chip.title = `${line.source} · ${line.logStreamName}${instance.version ? ` (version ${instance.version})` : ''}`;
  head.append(time, chip);
  if (line.origin === 'local') head.append(element('span', 'origin', 'local'));
  head.append(element('span', 'level', line.level ?? ''));
  if (line.requestId !== undefined) {
    const request = actionButton(
      line.requestId.slice(0, 8),
      context.shownRequest === line.requestId
        ? 'Showing only this request: click to show all lines'
        : `Show only request ${line.requestId}`,
      () => actions.showRequest(line.requestId!),
      'request',
    );
    head.append(request);
  } else {
    // Keeps the messages of lines without a request in the same column.
    head.append(element('span', 'request'));
  }
  const message = element('span', 'msg');
  if (line.report) {
    appendBadges(message, line.report, context.statusOf(line));
  } else {
    const body = line.message.slice(line.bodyStart);
    const shown = rowText(body);
    appendHighlighted(message, shown.text, context.highlight);
    if (shown.more) message.append(element('span', 'more', ` (${shown.more})`));
  }
  head.append(message);
  row.append(head);
  row.addEventListener('click', () => actions.toggleExpanded(line));
  if (context.expanded) row.append(renderDetails(line, context, actions));
  return row;
}

function rowClasses(line: StoredLine, context: RowContext, _shortId: string): string {
  const classes = ['row', `kind-${line.kind}`];
  if (line.level) classes.push(`level-${line.level.toLowerCase()}`);
  if (line.origin === 'local') classes.push('local');
  if (context.expanded) classes.push('expanded');
  if (context.selected) classes.push('selected');
  return classes.join(' ');
}

function appendBadges(parent: HTMLElement, report: ReportFigures, status: 'success' | 'error' | 'timeout'): void {
  const badge = (text: string, kind: string, title: string) => {
    const node = element('span', `badge ${kind}`, text);
    node.title = title;
    parent.append(node);
  };
  badge(status === 'success' ? 'ok' : status, `status-${status}`, 'How the invocation ended');
  if (report.durationMs !== undefined) badge(`${report.durationMs.toFixed(2)} ms`, 'duration', 'Duration');
  if (report.billedDurationMs !== undefined) badge(`billed ${report.billedDurationMs} ms`, 'billed', 'Billed duration');
  if (report.maxMemoryUsedMb !== undefined) {
    badge(`${report.maxMemoryUsedMb}/${report.memorySizeMb ?? '?'} MB`, 'memory', 'Max memory used / memory size');
  }
  if (report.initDurationMs !== undefined) {
    badge(`cold start ${report.initDurationMs.toFixed(0)} ms`, 'cold', 'Init Duration: a new instance started');
  }
  if (report.restoreDurationMs !== undefined) {
    badge(`restore ${report.restoreDurationMs.toFixed(0)} ms`, 'cold', 'SnapStart restore');
  }
  if (report.errorType) badge(report.errorType, 'status-error', 'Error type');
}

function renderDetails(line: StoredLine, context: RowContext, actions: RowActions): HTMLElement {
  const details = element('div', 'details');
  details.addEventListener('click', (event) => event.stopPropagation());
  const body = line.message.slice(line.bodyStart);
  const text = (line.json ? prettyJson(body) : undefined) ?? expandedText(line.message);
  const pre = element('pre', line.json ? 'full json' : 'full');
  appendWithFrames(pre, text, context.highlight, actions);
  const bar = element('div', 'detail-actions');
  if (line.requestId !== undefined) {
    const only = context.shownRequest === line.requestId;
    bar.append(
      actionButton(only ? 'Show all lines' : 'Show only this request', `Request ${line.requestId}`, () =>
        actions.showRequest(line.requestId!),
      ),
    );
  }
  if (actions.replay && (context.canReplay(line) || context.loggedEvent(line) !== undefined)) {
    const replay = actions.replay;
    bar.append(
      actionButton('Replay locally', 'Run this invocation\u2019s event through the local runtime', () =>
        replay(line, false),
      ),
      actionButton('Debug locally', 'Run this invocation\u2019s event under the debugger', () => replay(line, true)),
    );
  }
  const meta = element(
    'span',
    'detail-meta',
    `${new Date(line.timestamp).toISOString()} · ${line.source} · ${line.logStreamName}`,
  );
  bar.append(meta);
  details.append(bar, pre);
  return details;
}

/** Text with each stack frame a link that opens the file. */
function appendWithFrames(parent: HTMLElement, text: string, highlight: RegExp | undefined, actions: RowActions): void {
  let last = 0;
  for (const frame of findStackFrames(text)) {
    appendHighlighted(parent, text.slice(last, frame.start), highlight);
    const link = element('a', 'frame', text.slice(frame.start, frame.end));
    link.href = '#';
    link.title = `Open ${frame.file}:${frame.line} in the editor`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      actions.openFrame(frame.file, frame.line, frame.column);
    });
    parent.append(link);
    last = frame.end;
  }
  appendHighlighted(parent, text.slice(last), highlight);
}
