/// <reference lib="dom" />
// The invoke result panel's script: renders what the host sends (src/core/invoke/invokeResultProtocol.ts), always
// as text nodes, and sends back button clicks. Bundled for the browser into dist/webviews/invokeResult.js.
import type { HostToWebviewMessage, InvokeResultView, WebviewToHostMessage } from '../core/invoke/invokeResultProtocol';
import { element } from './shared/dom';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
let logList: HTMLElement | undefined;

function button(label: string, message: WebviewToHostMessage, primary = false): HTMLButtonElement {
  const node = element('button', primary ? 'primary' : 'secondary', label);
  node.type = 'button';
  node.addEventListener('click', () => vscode.postMessage(message));
  return node;
}

function header(title: string, subtitle: string, status: string, statusClass: string): HTMLElement {
  const node = element('header');
  const heading = element('div', 'heading');
  heading.append(element('h1', undefined, title), element('span', `status ${statusClass}`, status));
  node.append(heading, element('p', 'muted', subtitle));
  return node;
}

function toolbar(canDebug: boolean): HTMLElement {
  const node = element('div', 'toolbar');
  node.append(button('Run again', { type: 'runAgain' }, true));
  if (canDebug) node.append(button('Debug', { type: 'debug' }));
  node.append(button('Pick event...', { type: 'pickEvent' }));
  return node;
}

function section(title: string, ...content: HTMLElement[]): HTMLElement {
  const node = element('section');
  node.append(element('h2', undefined, title), ...content);
  return node;
}

function logsBlock(lines: readonly string[]): HTMLElement {
  const list = element('pre', 'logs');
  for (const line of lines) appendLog(list, line);
  if (lines.length === 0) list.append(element('span', 'muted', '(no log lines)'));
  return list;
}

function appendLog(list: HTMLElement, line: string): void {
  const kind = /^(START|END|REPORT|INIT_START) /.test(line) ? 'log-line platform' : 'log-line';
  list.append(element('div', kind, line));
}

function renderRunning(message: Extract<HostToWebviewMessage, { type: 'running' }>): void {
  root.replaceChildren(
    header(message.title, message.subtitle, message.mode === 'debug' ? 'Debugging...' : 'Running...', 'running'),
    element('p', 'muted', `Event: ${message.eventLabel}`),
  );
  logList = logsBlock([]);
  logList.replaceChildren();
  root.append(section('Logs', logList));
}

function renderResult(view: InvokeResultView): void {
  logList = undefined;
  const status = view.succeeded ? 'Succeeded' : `Failed: ${view.error?.type ?? 'Error'}`;
  root.replaceChildren(
    header(view.title, view.subtitle, status, view.succeeded ? 'succeeded' : 'failed'),
    toolbar(view.canDebug),
  );
  const metrics = element('dl', 'metrics');
  for (const metric of view.metrics) {
    const entry = element('div', 'metric');
    entry.append(element('dt', undefined, metric.label), element('dd', undefined, metric.value));
    metrics.append(entry);
  }
  if (view.metrics.length > 0) root.append(metrics);
  if (view.error) {
    const stack = element('div', 'stack');
    for (const line of view.error.stack) {
      if (line.link === undefined) {
        stack.append(element('div', 'stack-line', line.text));
        continue;
      }
      const link = element('a', 'stack-line linked', line.text);
      link.href = '#';
      link.title = 'Open in the editor';
      const index = line.link;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        vscode.postMessage({ type: 'openLocation', link: index });
      });
      stack.append(link);
    }
    root.append(section('Error', element('p', 'error-message', `${view.error.type}: ${view.error.message}`), stack));
  }
  if (view.error) {
    // The payload of a failure repeats the error and its stack: keep it at hand, folded.
    const payload = element('details', 'payload');
    payload.append(element('summary', undefined, 'Response payload'), element('pre', 'response', view.response));
    root.append(payload);
  } else {
    root.append(section('Response', element('pre', 'response', view.response)));
  }
  if (view.responseBody !== undefined) root.append(section('Body', element('pre', 'response-body', view.responseBody)));
  root.append(section('Logs', logsBlock(view.logs)));
  const event = element('details', 'event');
  event.append(element('summary', undefined, `Event: ${view.eventLabel}`), element('pre', undefined, view.eventText));
  root.append(event);
  root.append(
    element('p', 'muted footer', `Request ${view.requestId} · ${new Date(view.finishedAt).toLocaleString()}`),
  );
}

function renderFailure(message: Extract<HostToWebviewMessage, { type: 'failed' }>): void {
  logList = undefined;
  root.replaceChildren(
    header(message.title, 'The run could not complete', 'Not run', 'failed'),
    element('p', 'error-message', message.message),
    toolbar(false),
  );
}

window.addEventListener('message', (event: MessageEvent<HostToWebviewMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'running':
      renderRunning(message);
      break;
    case 'log':
      if (logList) appendLog(logList, message.line);
      break;
    case 'result':
      renderResult(message.view);
      break;
    case 'failed':
      renderFailure(message);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
