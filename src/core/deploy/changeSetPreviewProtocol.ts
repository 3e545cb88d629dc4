// The messages between the change set preview (extension host) and its webview script
// (src/webviews/changeSetPreview.ts). Both sides import these types; the webview only ever answers with a decision.
import type { ResourceChangeRow } from './changeSetSummary';

/** Everything the preview shows, as display-ready data. */
export interface ChangeSetPreviewView {
  stackName: string;
  /** Where it deploys: "local cloud (http://127.0.0.1:4566)", "AWS profile dev in eu-west-1". */
  backend: string;
  changeSetType: 'CREATE' | 'UPDATE';
  /** "3 to add, 1 to modify (1 replaced), 0 to remove". */
  counts: string;
  rows: ResourceChangeRow[];
  /** Parameter values the change set was made with. */
  parameters: Array<{ key: string; value: string }>;
}

/** Host -> webview. */
export type PreviewHostMessage =
  | { type: 'show'; view: ChangeSetPreviewView }
  /** The decision was taken (here or elsewhere): buttons disabled, with what happens now. */
  | { type: 'decided'; message: string };

/** Webview -> host. */
export type PreviewWebviewMessage = { type: 'ready' } | { type: 'deploy' } | { type: 'cancel' };

/** Checks a message from the webview before the host acts on it. */
export function isPreviewWebviewMessage(value: unknown): value is PreviewWebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'deploy' || type === 'cancel';
}
