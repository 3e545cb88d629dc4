/// <reference lib="dom" />
// The change set preview's script: renders the rows the host sends (src/core/deploy/changeSetPreviewProtocol.ts)
// as text nodes, and answers Deploy or Cancel. Bundled for the browser into dist/webviews/changeSetPreview.js.
import type { ResourceChangeRow } from '../core/deploy/changeSetSummary';
import type {
  ChangeSetPreviewView,
  PreviewHostMessage,
  PreviewWebviewMessage,
} from '../core/deploy/changeSetPreviewProtocol';
import { element } from './shared/dom';

interface VsCodeApi {
  postMessage(message: PreviewWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

function button(label: string, message: PreviewWebviewMessage, primary: boolean): HTMLButtonElement {
  const node = element('button', primary ? 'primary' : 'secondary', label);
  node.type = 'button';
  node.dataset['action'] = message.type;
  node.addEventListener('click', () => {
    for (const other of Array.from(document.querySelectorAll('button'))) other.disabled = true;
    vscode.postMessage(message);
  });
  return node;
}

/**
 * A cell that names its column: the narrow layout (media/changeSetPreview.css) stacks each change and shows the
 * name before the value, where the column headings are out of sight.
 */
function labelled(cell: HTMLTableCellElement, column: string): HTMLTableCellElement {
  cell.dataset['label'] = column;
  return cell;
}

/** The changed properties of a Modify, each with what causes it and whether it replaces the resource. */
function propertyCell(row: ResourceChangeRow): HTMLTableCellElement {
  const cell = labelled(element('td', 'properties'), 'Changed properties');
  if (row.details.length === 0) {
    if (row.changedProperties.length > 0) cell.append(element('span', 'muted', row.changedProperties.join(', ')));
    return cell;
  }
  const list = element('ul');
  for (const detail of row.details) {
    const item = element('li');
    item.append(element('span', 'property', detail.property));
    if (detail.requiresRecreation === 'Always') item.append(element('span', 'badge replaces', 'replaces'));
    else if (detail.requiresRecreation === 'Conditionally')
      item.append(element('span', 'badge may-replace', 'may replace'));
    const dynamic = detail.evaluation === 'Dynamic' ? ', decided during the deployment' : '';
    item.append(element('span', 'muted cause', ` ${detail.cause}${dynamic}`));
    list.append(item);
  }
  cell.append(list);
  return cell;
}

function replacementClass(replacement: ResourceChangeRow['replacement']): string {
  if (replacement === 'True' || replacement === 'Conditional') return 'replacement';
  return replacement === 'N/A' ? 'muted not-applicable' : 'muted';
}

function render(view: ChangeSetPreviewView): void {
  root.replaceChildren();
  const header = element('header');
  header.append(
    element('h1', undefined, `${view.changeSetType === 'CREATE' ? 'Create' : 'Update'} stack ${view.stackName}`),
    element('p', 'muted', `${view.backend} · ${view.counts}`),
  );
  const table = element('table');
  const head = element('tr', 'columns');
  for (const title of ['Action', 'Logical ID', 'Type', 'Replacement', 'Changed properties'])
    head.append(element('th', undefined, title));
  table.append(head);
  for (const row of view.rows) {
    const replaced = row.replacement === 'True' || row.replacement === 'Conditional';
    const line = element('tr', `change ${row.action.toLowerCase()}${replaced ? ' replaced' : ''}`);
    line.dataset['logicalId'] = row.logicalId;
    line.append(
      element('td', 'action', row.action),
      element('td', 'logical-id', row.logicalId),
      labelled(element('td', 'muted resource-type', row.resourceType), 'Type'),
      labelled(element('td', replacementClass(row.replacement), row.replacement), 'Replacement'),
      propertyCell(row),
    );
    table.append(line);
  }
  if (view.rows.length === 0) {
    const none = element('td', 'muted', 'No resource changes');
    none.colSpan = 5;
    const line = element('tr');
    line.append(none);
    table.append(line);
  }
  const parameters = element(
    'p',
    'muted',
    view.parameters.map((p) => `${p.key}=${p.value}`).join('  ') || 'No parameters',
  );
  const toolbar = element('div', 'toolbar');
  toolbar.append(button('Deploy', { type: 'deploy' }, true), button('Cancel', { type: 'cancel' }, false));
  const status = element('p', 'status');
  status.id = 'decision';
  // The decision stays in sight above the table (sticky), however long the change set is.
  const actions = element('div', 'actions');
  actions.append(toolbar, status);
  root.append(header, actions, table, element('h2', undefined, 'Parameters'), parameters);
}

window.addEventListener('message', (event: MessageEvent<PreviewHostMessage>) => {
  const message = event.data;
  if (message.type === 'show') render(message.view);
  else if (message.type === 'decided') {
    for (const node of Array.from(document.querySelectorAll('button'))) node.disabled = true;
    const status = document.getElementById('decision');
    if (status) status.textContent = message.message;
  }
});

vscode.postMessage({ type: 'ready' });
