// The figures of a set of invocations, from their REPORT lines: counts, cold starts, duration percentiles, memory,
// GB-seconds and what they cost. Percentiles use the nearest-rank method (p95 of 20 durations is the 19th smallest).
import { gbSeconds, invocationCost, LAMBDA_PRICE_TABLE_DATE, type PricedArchitecture } from './lambdaPricing';
import type { InvocationStatus } from './reportLine';

/** One invocation as its REPORT line (and the lines before it) tell it. */
export interface InvocationRecord {
  requestId: string | undefined;
  durationMs: number | undefined;
  billedDurationMs: number | undefined;
  memorySizeMb: number | undefined;
  maxMemoryUsedMb: number | undefined;
  initDurationMs: number | undefined;
  status: InvocationStatus;
  /** Where it ran, for prices; the summary's defaults otherwise. */
  architecture?: PricedArchitecture;
  region?: string;
}

/** The summary strip's figures. */
export interface InvocationSummary {
  invocations: number;
  /** Invocations that failed, timeouts included. */
  errors: number;
  timeouts: number;
  coldStarts: number;
  /** 0..1; 0 when there were no invocations. */
  coldStartRate: number;
  durationP50Ms: number | undefined;
  durationP95Ms: number | undefined;
  durationMaxMs: number | undefined;
  maxMemoryUsedMb: number | undefined;
  gbSeconds: number;
  cost: {
    /** USD, duration plus requests. */
    total: number;
    duration: number;
    requests: number;
    /** The architecture(s) priced: one, or `mixed`. */
    architecture: PricedArchitecture | 'mixed' | undefined;
    regions: string[];
    /** Some region was not in the table (priced as us-east-1). */
    estimated: boolean;
    tableDate: string;
    /** The same invocations on the other architecture, when they all ran on one. */
    otherArchitecture?: { architecture: PricedArchitecture; total: number };
  };
}

/** Defaults for invocations whose function's architecture or region is unknown. */
export interface SummaryDefaults {
  architecture: PricedArchitecture;
  region: string;
}

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** Summarises invocations. */
export function summarizeInvocations(
  records: readonly InvocationRecord[],
  defaults: SummaryDefaults,
): InvocationSummary {
  const durations: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let coldStarts = 0;
  let maxMemory: number | undefined;
  let totalGbSeconds = 0;
  let duration = 0;
  let requests = 0;
  let estimated = false;
  const architectures = new Set<PricedArchitecture>();
  const regions = new Set<string>();
  const usage = new Map<string, { gbSeconds: number; requests: number; region: string }>();
  for (const record of records) {
    if (record.status !== 'success') errors++;
    if (record.status === 'timeout') timeouts++;
    if (record.initDurationMs !== undefined) coldStarts++;
    if (record.durationMs !== undefined) durations.push(record.durationMs);
    if (record.maxMemoryUsedMb !== undefined) maxMemory = Math.max(maxMemory ?? 0, record.maxMemoryUsedMb);
    const architecture = record.architecture ?? defaults.architecture;
    const region = record.region ?? defaults.region;
    architectures.add(architecture);
    regions.add(region);
    const seconds =
      record.billedDurationMs !== undefined && record.memorySizeMb !== undefined
        ? gbSeconds(record.billedDurationMs, record.memorySizeMb)
        : 0;
    totalGbSeconds += seconds;
    const cost = invocationCost({ gbSeconds: seconds, requests: 1 }, region, architecture);
    duration += cost.duration;
    requests += cost.requests;
    estimated ||= cost.estimated;
    const key = region;
    const entry = usage.get(key) ?? { gbSeconds: 0, requests: 0, region };
    entry.gbSeconds += seconds;
    entry.requests += 1;
    usage.set(key, entry);
  }
  durations.sort((left, right) => left - right);
  const single = architectures.size === 1 ? [...architectures][0] : undefined;
  const other: PricedArchitecture | undefined =
    single === 'arm64' ? 'x86_64' : single === 'x86_64' ? 'arm64' : undefined;
  const invocations = records.length;
  return {
    invocations,
    errors,
    timeouts,
    coldStarts,
    coldStartRate: invocations === 0 ? 0 : coldStarts / invocations,
    durationP50Ms: percentile(durations, 50),
    durationP95Ms: percentile(durations, 95),
    durationMaxMs: durations[durations.length - 1],
    maxMemoryUsedMb: maxMemory,
    gbSeconds: totalGbSeconds,
    cost: {
      total: duration + requests,
      duration,
      requests,
      architecture: invocations === 0 ? undefined : (single ?? 'mixed'),
      regions: [...regions].sort(),
      estimated,
      tableDate: LAMBDA_PRICE_TABLE_DATE,
      ...(other && invocations > 0
        ? {
            otherArchitecture: {
              architecture: other,
              total: [...usage.values()].reduce(
                (sum, entry) => sum + invocationCost(entry, entry.region, other).total,
                0,
              ),
            },
          }
        : {}),
    },
  };
}
