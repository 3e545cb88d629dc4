/// <reference lib="dom" />
// The virtualized list: only the rows in (and just around) the viewport exist in the DOM, so 100,000 lines scroll
// like 100. It follows new lines while scrolled to the bottom; scrolling up pauses that and counts what arrives
// ("N new"). Expanded rows are measured after rendering and the layout makes room for them.
import type { StoredLine } from '../../core/logs/logLineStore';
import type { LogView } from '../../core/logs/logView';
import { element } from '../shared/dom';
import { RowLayout } from './rowLayout';
import { renderRow, type RowActions, type RowContext } from './rowRenderer';

/** What the list needs from the panel. */
export interface LogListHost {
  view: LogView;
  rowContext(): Omit<RowContext, 'expanded' | 'selected'>;
  actions: Omit<RowActions, 'toggleExpanded'>;
  /** Told when following starts or stops, and how many lines arrived while it was paused. */
  onFollowChange(following: boolean, newLines: number): void;
}

/** The list of shown lines. */
export class LogList {
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly layout: RowLayout;
  private readonly expanded = new Map<number, number>();
  private selectedSeq: number | undefined;
  private following = true;
  private newLines = 0;
  private scheduled = false;
  private programmaticScroll = false;
  /** Text of the rows rendered last, for snapshots. */
  renderedRows: string[] = [];

  constructor(
    private readonly viewport: HTMLElement,
    private readonly host: LogListHost,
  ) {
    this.spacer = element('div', 'spacer');
    this.rows = element('div', 'rows');
    viewport.replaceChildren(this.spacer, this.rows);
    this.layout = new RowLayout(measureRowHeight(viewport));
    viewport.addEventListener('scroll', () => this.onScroll(), { passive: true });
    viewport.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.schedule()).observe(viewport);
  }

  get isFollowing(): boolean {
    return this.following;
  }

  get pendingNewLines(): number {
    return this.newLines;
  }

  /** New lines were added to the view (`shown` of them pass its filters). */
  linesAdded(shown: number): void {
    if (!this.following && shown > 0) {
      this.newLines += shown;
      this.host.onFollowChange(false, this.newLines);
    }
    this.schedule();
  }

  /** The view was rebuilt (filters changed, lines cleared). */
  viewReset(): void {
    this.schedule();
  }

  /** Scrolls to the newest line and follows again. */
  follow(): void {
    this.following = true;
    this.newLines = 0;
    this.host.onFollowChange(true, 0);
    this.schedule();
  }

  /** Collapses every row (a new tail). */
  reset(): void {
    this.expanded.clear();
    this.selectedSeq = undefined;
    this.follow();
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.render();
    });
  }

  /** Renders the rows in view now (the first paint of a large load waits for this). */
  render(): void {
    const view = this.host.view;
    this.layout.count = view.length;
    const extras = new Map<number, number>();
    for (const [seq, extra] of this.expanded) {
      const index = view.indexOf(seq);
      if (index >= 0) extras.set(index, extra);
    }
    this.layout.setExtras(extras);
    this.spacer.style.height = `${this.layout.totalHeight}px`;
    if (this.following) this.scrollTo(this.layout.totalHeight);
    const { first, last } = this.layout.visibleRange(this.viewport.scrollTop, this.viewport.clientHeight);
    const context = this.host.rowContext();
    const fragment = document.createDocumentFragment();
    const texts: string[] = [];
    for (let index = first; index <= last; index++) {
      const line = view.lineAt(index);
      if (!line) continue;
      const row = renderRow(
        line,
        index,
        { ...context, expanded: this.expanded.has(line.seq), selected: line.seq === this.selectedSeq },
        { ...this.host.actions, toggleExpanded: (toggled) => this.toggle(toggled) },
      );
      row.setAttribute('aria-posinset', String(index + 1));
      row.setAttribute('aria-setsize', String(view.length));
      fragment.append(row);
      if (texts.length < 200) texts.push(row.textContent ?? '');
    }
    this.rows.replaceChildren(fragment);
    this.rows.style.transform = `translateY(${this.layout.top(first)}px)`;
    this.renderedRows = texts;
    this.measureExpanded();
  }

  private measureExpanded(): void {
    let changed = false;
    for (const row of this.rows.children) {
      const seq = Number((row as HTMLElement).dataset['seq']);
      if (!this.expanded.has(seq)) continue;
      const extra = Math.max(0, (row as HTMLElement).offsetHeight - this.layout.rowHeight);
      if (extra !== this.expanded.get(seq)) {
        this.expanded.set(seq, extra);
        changed = true;
      }
    }
    if (changed) this.schedule();
  }

  private toggle(line: StoredLine): void {
    this.selectedSeq = line.seq;
    if (this.expanded.has(line.seq)) this.expanded.delete(line.seq);
    else this.expanded.set(line.seq, 0);
    // Reading a line is no moment to be scrolled away from it.
    if (this.following && this.host.view.indexOf(line.seq) < this.host.view.length - 1) this.pause();
    this.schedule();
  }

  private pause(): void {
    if (!this.following) return;
    this.following = false;
    this.host.onFollowChange(false, this.newLines);
  }

  private scrollTo(top: number): void {
    const target = Math.max(0, top - this.viewport.clientHeight);
    if (Math.abs(this.viewport.scrollTop - target) < 1) return;
    this.programmaticScroll = true;
    this.viewport.scrollTop = target;
  }

  private onScroll(): void {
    if (this.programmaticScroll) {
      this.programmaticScroll = false;
      this.schedule();
      return;
    }
    const atBottom =
      this.viewport.scrollTop + this.viewport.clientHeight >= this.viewport.scrollHeight - this.layout.rowHeight;
    if (atBottom && !this.following) this.follow();
    else if (!atBottom) this.pause();
    this.schedule();
  }

  private onKey(event: KeyboardEvent): void {
    const view = this.host.view;
    if (view.length === 0) return;
    const current = this.selectedSeq === undefined ? -1 : view.indexOf(this.selectedSeq);
    let next = current;
    if (event.key === 'ArrowDown') next = Math.min(view.length - 1, current + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, current < 0 ? view.length - 1 : current - 1);
    else if (event.key === 'End') {
      this.follow();
      return;
    } else if (event.key === 'Enter' && current >= 0) {
      const line = view.lineAt(current);
      if (line) this.toggle(line);
      return;
    } else return;
    event.preventDefault();
    const line = view.lineAt(next);
    if (!line) return;
    this.selectedSeq = line.seq;
    this.pause();
    const top = this.layout.top(next);
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + this.layout.rowHeight > this.viewport.scrollTop + this.viewport.clientHeight) {
      this.viewport.scrollTop = top + this.layout.rowHeight - this.viewport.clientHeight;
    }
    this.schedule();
  }
}

/** One row's height as the stylesheet makes it. */
function measureRowHeight(viewport: HTMLElement): number {
  const probe = element('div', 'row');
  probe.append(element('div', 'row-head', 'Mg'));
  probe.style.visibility = 'hidden';
  viewport.append(probe);
  const height = probe.offsetHeight || 20;
  probe.remove();
  return height;
}
