// The summary strip's figures as display text, shared by the panel and the CLI's --summary.
import type { InvocationSummary } from './invocationSummary';
import { formatUsd } from './lambdaPricing';

/** One figure: a short label, its value, and a tooltip that says how it was computed. */
export interface SummaryFigure {
  key: string;
  label: string;
  value: string;
  title: string;
  /** Shown beside the value in a quieter style (the price table's date and architecture). */
  note?: string;
}

function ms(value: number | undefined): string {
  if (value === undefined) return '–';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** The figures of a summary, in strip order. */
export function summaryFigures(summary: InvocationSummary): SummaryFigure[] {
  const cost = summary.cost;
  const priced = cost.architecture ? `${cost.architecture} in ${cost.regions.join(', ')}` : 'no invocations';
  const other = cost.otherArchitecture
    ? ` On ${cost.otherArchitecture.architecture}: ${formatUsd(cost.otherArchitecture.total)}.`
    : '';
  const estimated = cost.estimated ? ' Some regions are not in the price table: priced as us-east-1.' : '';
  return [
    { key: 'invocations', label: 'Invocations', value: String(summary.invocations), title: 'REPORT lines shown' },
    {
      key: 'errors',
      label: 'Errors',
      value: summary.timeouts > 0 ? `${summary.errors} (${summary.timeouts} timeout)` : String(summary.errors),
      title: 'Invocations whose REPORT status or unhandled-error lines say they failed',
    },
    {
      key: 'coldStarts',
      label: 'Cold starts',
      value: `${summary.coldStarts} (${Math.round(summary.coldStartRate * 100)}%)`,
      title: 'Invocations with an Init Duration: a new instance started for them',
    },
    { key: 'p50', label: 'p50', value: ms(summary.durationP50Ms), title: 'Median duration (nearest rank)' },
    { key: 'p95', label: 'p95', value: ms(summary.durationP95Ms), title: '95th percentile duration (nearest rank)' },
    { key: 'max', label: 'max', value: ms(summary.durationMaxMs), title: 'Longest duration' },
    {
      key: 'memory',
      label: 'Max memory',
      value: summary.maxMemoryUsedMb === undefined ? '–' : `${summary.maxMemoryUsedMb} MB`,
      title: 'Highest Max Memory Used',
    },
    {
      key: 'gbSeconds',
      label: 'GB-s',
      value: summary.gbSeconds === 0 ? '0' : summary.gbSeconds.toPrecision(3),
      title: 'Billed duration times memory size, summed',
    },
    {
      key: 'cost',
      label: 'Cost',
      value: formatUsd(cost.total),
      note: `${cost.architecture === 'mixed' ? 'x86_64 and arm64' : (cost.architecture ?? 'Lambda')} prices of ${cost.tableDate}`,
      title: `Requests ${formatUsd(cost.requests)} + duration ${formatUsd(cost.duration)}, ${priced}, first-tier on-demand prices of ${cost.tableDate} (no free tier).${other}${estimated}`,
    },
  ];
}
