/// <reference lib="dom" />
// Small DOM helpers for the webviews: elements with text (never HTML) and buttons.

/** Creates an element with optional class and text content. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A button that runs `action` on click (and not the row's click behind it). */
export function actionButton(
  label: string,
  title: string,
  action: () => void,
  className = 'action',
): HTMLButtonElement {
  const node = element('button', className, label);
  node.type = 'button';
  node.title = title;
  node.addEventListener('click', (event) => {
    event.stopPropagation();
    action();
  });
  return node;
}

/** Appends text with the parts matching `highlight` wrapped in <mark>. */
export function appendHighlighted(parent: HTMLElement, text: string, highlight: RegExp | undefined): void {
  if (!highlight || text === '') {
    parent.append(text);
    return;
  }
  const global = new RegExp(highlight.source, 'gi');
  let last = 0;
  for (const match of text.matchAll(global)) {
    if (match[0] === '') break;
    if (match.index > last) parent.append(text.slice(last, match.index));
    parent.append(element('mark', undefined, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
}
