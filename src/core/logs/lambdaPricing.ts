// Lambda's on-demand prices per region and architecture, for the cost of the invocations a log shows.
// Source: https://aws.amazon.com/lambda/pricing/ (duration per GB-second in the first monthly tier, requests per
// million), checked on the date below. Prices change rarely; update the table and its date together.
// Left out on purpose: the free tier (an account-wide monthly allowance a log view cannot know), the cheaper tiers
// past 6 billion (x86) / 7.5 billion (Arm) GB-seconds a month, extra ephemeral storage, provisioned concurrency.

/** Lambda's two instruction set architectures. */
export type PricedArchitecture = 'x86_64' | 'arm64';

/** One region's prices, in USD. */
export interface RegionPrices {
  /** Duration, per GB-second, first monthly tier. */
  gbSecond: Record<PricedArchitecture, number>;
  /** Per request (not per million). */
  request: number;
}

/** The day the table was checked against AWS's pricing page. */
export const LAMBDA_PRICE_TABLE_DATE = '2025-10-01';

const STANDARD: RegionPrices = { gbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 }, request: 0.2 / 1e6 };

/** Regions priced like us-east-1. */
const STANDARD_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'eu-south-2',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'sa-east-1',
];

/** Regions with their own prices. */
const OTHER_REGIONS: Record<string, RegionPrices> = {
  'af-south-1': { gbSecond: { x86_64: 0.0000221, arm64: 0.00001768 }, request: 0.27 / 1e6 },
  'ap-east-1': { gbSecond: { x86_64: 0.00002292, arm64: 0.0000183 }, request: 0.28 / 1e6 },
  'eu-south-1': { gbSecond: { x86_64: 0.0000195172, arm64: 0.0000156138 }, request: 0.23 / 1e6 },
  'me-south-1': { gbSecond: { x86_64: 0.0000206667, arm64: 0.0000165334 }, request: 0.25 / 1e6 },
  'me-central-1': { gbSecond: { x86_64: 0.0000206667, arm64: 0.0000165334 }, request: 0.25 / 1e6 },
};

/** A region's prices; regions outside the table get us-east-1's, flagged `estimated`. */
export function lambdaPricesFor(region: string): { prices: RegionPrices; estimated: boolean } {
  const own = OTHER_REGIONS[region];
  if (own) return { prices: own, estimated: false };
  return { prices: STANDARD, estimated: !STANDARD_REGIONS.includes(region) };
}

/** GB-seconds of one invocation: billed milliseconds times configured memory (Lambda bills per 1 ms, per MB). */
export function gbSeconds(billedDurationMs: number, memorySizeMb: number): number {
  return (billedDurationMs / 1000) * (memorySizeMb / 1024);
}

/** The cost of invocations: duration plus requests, in USD. */
export function invocationCost(
  usage: { gbSeconds: number; requests: number },
  region: string,
  architecture: PricedArchitecture,
): { duration: number; requests: number; total: number; estimated: boolean } {
  const { prices, estimated } = lambdaPricesFor(region);
  const duration = usage.gbSeconds * prices.gbSecond[architecture];
  const requests = usage.requests * prices.request;
  return { duration, requests, total: duration + requests, estimated };
}

/** `$0.00000041`, `$0.012`, `$12.35`: two significant digits for the tiny costs of a few invocations. */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 1) return `$${amount.toFixed(2)}`;
  const decimals = Math.min(12, Math.ceil(-Math.log10(amount)) + 1);
  return `$${amount.toFixed(decimals)}`;
}

/** Normalises the architecture names Lambda and templates use (`x86_64`, `arm64`). */
export function pricedArchitecture(value: string | undefined): PricedArchitecture {
  return value === 'arm64' ? 'arm64' : 'x86_64';
}
