// The messages between the invoke result panel (extension host) and its webview script (src/webviews/invokeResult.ts).
// Both sides import these types; the host only trusts indexes from the webview, never paths.

/** How a run was made. */
export type InvokeMode = 'local' | 'debug' | 'deployed';

/** One figure of the run, formatted for display. */
export interface ResultMetric {
  label: string;
  value: string;
}

/** A stack line; `link` indexes the locations the host keeps for this result. */
export interface ResultStackLine {
  text: string;
  link?: number;
}

/** Everything the panel shows about one invocation, as display-ready text. */
export interface InvokeResultView {
  /** The function's logical ID. */
  title: string;
  /** Where it ran: `template.yaml · local`, or the deployed function's name. */
  subtitle: string;
  mode: InvokeMode;
  eventLabel: string;
  /** The event as pretty JSON. */
  eventText: string;
  requestId: string;
  succeeded: boolean;
  /** The response: pretty JSON when it parses, else the raw text. */
  response: string;
  /** An API Gateway style response's `body`, decoded and pretty-printed when it is JSON text. */
  responseBody?: string;
  error?: { type: string; message: string; stack: ResultStackLine[] };
  logs: string[];
  metrics: ResultMetric[];
  /** ISO time the run finished. */
  finishedAt: string;
  /** Whether "Debug" can run this function again under the debugger (local runs only). */
  canDebug: boolean;
}

/** Messages from the host to the webview. */
export type HostToWebviewMessage =
  /** A run started: clear the view and wait for log lines and the result. */
  | { type: 'running'; title: string; subtitle: string; mode: InvokeMode; eventLabel: string }
  /** A log line of the run in progress. */
  | { type: 'log'; line: string }
  /** The run finished. */
  | { type: 'result'; view: InvokeResultView }
  /** The run could not start or finish (bad event, missing code...): what happened and what to do. */
  | { type: 'failed'; title: string; message: string };

/** Messages from the webview to the host. */
export type WebviewToHostMessage =
  /** The script is loaded and listening: the host sends the current state. */
  | { type: 'ready' }
  | { type: 'runAgain' }
  | { type: 'debug' }
  | { type: 'pickEvent' }
  /** Open the stack location with this index in the editor. */
  | { type: 'openLocation'; link: number };

/** Checks a message from the webview before the host acts on it. */
export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
    case 'runAgain':
    case 'debug':
    case 'pickEvent':
      return true;
    case 'openLocation':
      return typeof message['link'] === 'number' && Number.isInteger(message['link']) && message['link'] >= 0;
    default:
      return false;
  }
}
