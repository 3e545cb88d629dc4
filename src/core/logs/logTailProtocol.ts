// The messages between the log tail panel (extension host) and its webview script (src/webviews/logTail.ts). Both
// sides import these types; the host checks every message from the webview before acting on it.
import type { ExportFormat } from './exportLines';
import type { InvocationSummary } from './invocationSummary';
import type { LineBatch } from './lineBatch';

/** What the panel is showing: set when a tail starts. */
export interface SessionInfo {
  /** Increases with each tail, so late lines of an old one are recognised. */
  id: number;
  /** `orders`, `orders:live`, `stack hello-sam (3 functions)`. */
  title: string;
  /** Where the calls go: `local cloud (http://127.0.0.1:4566)`. */
  backend: string;
  /** The time range as typed (SAM CLI forms). */
  startText: string;
  endText: string | undefined;
  filterPattern: string;
  follow: boolean;
  /** Whether the backend keeps invocation payloads ("Replay locally" for cloud lines). */
  canReplayCloud: boolean;
}

/** What the tail is doing, ready to show. */
export interface StatusInfo {
  state: 'idle' | 'connecting' | 'reading' | 'following' | 'retrying' | 'done' | 'stopped' | 'error';
  text: string;
  transport?: 'liveTail' | 'polling';
}

/** A function's pricing facts (REPORT lines carry the memory size, not these). */
export interface SourceFacts {
  source: string;
  architecture: string;
  region: string;
}

/** The webview's view of itself, for tests and the command that reports it. */
export interface PanelSnapshot {
  sessionId: number;
  lines: number;
  shown: number;
  dropped: number;
  reportLines: number;
  coldStartLines: number;
  localLines: number;
  summary: InvocationSummary;
  following: boolean;
  newLines: number;
  status: StatusInfo;
  /** The shown lines' texts as rendered in the visible rows (first 200). */
  renderedRows: string[];
}

/** Messages from the host to the webview. */
export type HostToWebviewMessage =
  /** A new tail: clear the lines and show what it is. */
  | { type: 'session'; session: SessionInfo }
  /** Lines of the tail (or of local invokes, `sessionId` 0, kept across tails), packed by column. */
  | { type: 'lines'; sessionId: number; batch: LineBatch }
  | { type: 'status'; sessionId: number; status: StatusInfo }
  | { type: 'sources'; sources: SourceFacts[] }
  /** Caps of the data model and how times show. */
  | { type: 'settings'; maxLines: number; maxChars: number }
  /** Narrow the view to one request (from a command). */
  | { type: 'showRequest'; requestId: string | undefined }
  | { type: 'requestSnapshot'; id: number }
  | { type: 'requestExport'; id: number; format: ExportFormat };

/** Messages from the webview to the host. */
export type WebviewToHostMessage =
  | { type: 'ready' }
  /** Start following again, or stop. */
  | { type: 'setFollow'; follow: boolean }
  | { type: 'setRange'; start: string; end: string }
  | { type: 'setPattern'; pattern: string }
  | { type: 'pickTarget' }
  | { type: 'clear' }
  /** Open a stack frame's file in the editor (the host maps it into the workspace). */
  | { type: 'openFrame'; file: string; line: number; column?: number }
  /** Run an invocation's event again locally: the local cloud's recorded payload, or the event a line holds. */
  | { type: 'replay'; requestId?: string; source: string; origin: 'cloud' | 'local'; event?: string; debug: boolean }
  | { type: 'exported'; id?: number; format: ExportFormat; text: string; lines: number }
  | { type: 'snapshot'; id: number; snapshot: PanelSnapshot };

const FORMATS: readonly string[] = ['text', 'json'];

/** Checks a message from the webview before the host acts on it. */
export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const text = (key: string) => typeof message[key] === 'string';
  switch (message['type']) {
    case 'ready':
    case 'pickTarget':
    case 'clear':
      return true;
    case 'setFollow':
      return typeof message['follow'] === 'boolean';
    case 'setRange':
      return text('start') && text('end');
    case 'setPattern':
      return text('pattern');
    case 'openFrame':
      return (
        text('file') &&
        Number.isInteger(message['line']) &&
        (message['column'] === undefined || Number.isInteger(message['column']))
      );
    case 'replay':
      return (
        text('source') &&
        (message['origin'] === 'cloud' || message['origin'] === 'local') &&
        typeof message['debug'] === 'boolean' &&
        (message['requestId'] === undefined || text('requestId')) &&
        (message['event'] === undefined || text('event')) &&
        (message['requestId'] !== undefined || message['event'] !== undefined)
      );
    case 'exported':
      return FORMATS.includes(message['format'] as string) && text('text') && typeof message['lines'] === 'number';
    case 'snapshot':
      return (
        typeof message['id'] === 'number' && typeof message['snapshot'] === 'object' && message['snapshot'] !== null
      );
    default:
      return false;
  }
}
