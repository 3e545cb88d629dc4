// Where rows sit in the virtualized list: every row has one height, expanded rows add the height of their details.
// With few rows expanded, positions are a multiplication plus a short sum, so 100,000 rows cost nothing to lay out.

/** The layout of `count` rows of `rowHeight` pixels with some rows taller by `extra` pixels. */
export class RowLayout {
  /** Extra height by row index, sorted by index. */
  private extras: Array<{ index: number; extra: number }> = [];

  constructor(
    public rowHeight: number,
    public count = 0,
  ) {}

  /** Replaces the expanded rows (index -> extra pixels). */
  setExtras(extras: ReadonlyMap<number, number>): void {
    this.extras = [...extras.entries()]
      .filter(([index, extra]) => index >= 0 && index < this.count && extra > 0)
      .map(([index, extra]) => ({ index, extra }))
      .sort((left, right) => left.index - right.index);
  }

  get totalHeight(): number {
    return this.count * this.rowHeight + this.extras.reduce((sum, entry) => sum + entry.extra, 0);
  }

  /** The top of row `index`. */
  top(index: number): number {
    let extra = 0;
    for (const entry of this.extras) {
      if (entry.index >= index) break;
      extra += entry.extra;
    }
    return index * this.rowHeight + extra;
  }

  /** The height of row `index`. */
  height(index: number): number {
    return this.rowHeight + (this.extras.find((entry) => entry.index === index)?.extra ?? 0);
  }

  /** The row at a vertical offset (clamped to the rows). */
  indexAt(offset: number): number {
    if (this.count === 0) return 0;
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.top(middle) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The rows to render for a viewport, with `overscan` rows either side. */
  visibleRange(scrollTop: number, viewportHeight: number, overscan = 8): { first: number; last: number } {
    if (this.count === 0) return { first: 0, last: -1 };
    const first = Math.max(0, this.indexAt(scrollTop) - overscan);
    const last = Math.min(this.count - 1, this.indexAt(scrollTop + viewportHeight) + overscan);
    return { first, last };
  }
}
