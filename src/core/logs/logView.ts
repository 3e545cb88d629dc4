// What the panel shows of the store: the lines passing the local filters (quick text, one request, levels,
// origin), kept up to date as lines arrive and drop, and the summary of the invocations whose REPORT lines it shows.
import type { LogLevel } from './logLineFields';
import type { LogLineStore, StoredLine } from './logLineStore';
import { summarizeInvocations, type InvocationSummary, type SummaryDefaults } from './invocationSummary';
import { pricedArchitecture } from './lambdaPricing';

/** The panel's local filters (the CloudWatch filter pattern is applied by the service, before lines arrive). */
export interface ViewFilter {
  /** Quick text: highlighted, case-insensitive; with `onlyMatching`, lines without it are hidden. */
  text?: string;
  onlyMatching?: boolean;
  /** "Show only this request". */
  requestId?: string;
  /** Shown levels; lines without a level always show. */
  levels?: readonly LogLevel[];
  origin?: 'cloud' | 'local';
}

/** Architecture and region of a function, for prices. */
export interface SourceInfo {
  architecture?: string;
  region?: string;
}

/** A case-insensitive matcher for quick text, or undefined when there is none. */
export function textMatcher(text: string | undefined): RegExp | undefined {
  if (!text) return undefined;
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

/** The lines shown, as seqs of the store's lines in arrival order. */
export class LogView {
  private seqs: number[] = [];
  private start = 0;
  private filter: ViewFilter = {};
  private matcher: RegExp | undefined;
  private levels: Set<LogLevel> | undefined;
  private reports: StoredLine[] = [];
  private summaryCache: InvocationSummary | undefined;
  private readonly sources = new Map<string, SourceInfo>();

  constructor(
    private readonly store: LogLineStore,
    private readonly defaults: SummaryDefaults = { architecture: 'x86_64', region: 'us-east-1' },
  ) {}

  get currentFilter(): ViewFilter {
    return this.filter;
  }

  /** The quick-text matcher, for highlighting. */
  get highlight(): RegExp | undefined {
    return this.matcher;
  }

  /** Applies new filters over every line held. */
  setFilter(filter: ViewFilter): void {
    this.filter = { ...filter };
    this.matcher = textMatcher(filter.text);
    this.levels = filter.levels ? new Set(filter.levels) : undefined;
    this.seqs = [];
    this.start = 0;
    this.reports = [];
    for (const line of this.store) this.consider(line);
    this.summaryCache = undefined;
  }

  /** Takes lines the store just added (and forgets the dropped ones); returns how many of them show. */
  onAppend(added: readonly StoredLine[]): number {
    const before = this.length;
    this.forgetDropped();
    for (const line of added) this.consider(line);
    if (added.length > 0) this.summaryCache = undefined;
    return this.length - before;
  }

  /** Prices of a function's invocations. */
  setSourceInfo(source: string, info: SourceInfo): void {
    this.sources.set(source, info);
    this.summaryCache = undefined;
  }

  get length(): number {
    return this.seqs.length - this.start;
  }

  /** The line shown at `index` (0 = oldest shown). */
  lineAt(index: number): StoredLine | undefined {
    const seq = this.seqs[this.start + index];
    return seq === undefined ? undefined : this.store.get(seq);
  }

  /** The index where a line shows, or -1. */
  indexOf(seq: number): number {
    let low = this.start;
    let high = this.seqs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.seqs[middle]! < seq) low = middle + 1;
      else high = middle;
    }
    return this.seqs[low] === seq ? low - this.start : -1;
  }

  /** The lines shown, oldest first (for export). */
  *lines(): IterableIterator<StoredLine> {
    for (let index = 0; index < this.length; index++) {
      const line = this.lineAt(index);
      if (line) yield line;
    }
  }

  /** The summary of the invocations whose REPORT lines show. */
  summary(): InvocationSummary {
    this.forgetDropped();
    this.summaryCache ??= summarizeInvocations(
      this.reports.map((line) => {
        const info = this.sources.get(line.source);
        return {
          requestId: line.report?.requestId,
          durationMs: line.report?.durationMs,
          billedDurationMs: line.report?.billedDurationMs,
          memorySizeMb: line.report?.memorySizeMb,
          maxMemoryUsedMb: line.report?.maxMemoryUsedMb,
          initDurationMs: line.report?.initDurationMs,
          status: this.store.statusOf(line),
          ...(info?.architecture ? { architecture: pricedArchitecture(info.architecture) } : {}),
          ...(info?.region ? { region: info.region } : {}),
        };
      }),
      this.defaults,
    );
    return this.summaryCache;
  }

  /** Whether a line passes the filters. */
  passes(line: StoredLine): boolean {
    const filter = this.filter;
    if (filter.requestId !== undefined && line.requestId !== filter.requestId) return false;
    if (filter.origin !== undefined && line.origin !== filter.origin) return false;
    if (this.levels && line.level !== undefined && !this.levels.has(line.level)) return false;
    if (filter.onlyMatching && this.matcher && !this.matcher.test(line.message)) return false;
    return true;
  }

  private consider(line: StoredLine): void {
    if (!this.passes(line)) return;
    this.seqs.push(line.seq);
    if (line.report) this.reports.push(line);
  }

  private forgetDropped(): void {
    const first = this.store.firstSeq;
    const before = this.start;
    while (this.start < this.seqs.length && this.seqs[this.start]! < first) this.start++;
    if (this.start === before) return;
    const reportsBefore = this.reports.length;
    this.reports = this.reports.filter((line) => line.seq >= first);
    if (this.reports.length !== reportsBefore) this.summaryCache = undefined;
    if (this.start > 4096 && this.start > this.seqs.length / 2) {
      this.seqs = this.seqs.slice(this.start);
      this.start = 0;
    }
  }
}
