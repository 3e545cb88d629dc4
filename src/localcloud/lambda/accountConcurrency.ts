// The account's concurrency in a region, as Lambda shares it: 1000 concurrent executions by default, of which
// functions may reserve all but 100; functions without a reservation share what is left (the unreserved pool).
import type { FunctionRepository } from './functionRepository';

/** Lambda's default concurrent executions per account and region. */
export const ACCOUNT_CONCURRENCY = 1000;
/** What reservations must leave unreserved. */
export const MINIMUM_UNRESERVED = 100;

/** The reserved concurrency of the region's functions (all of them, or all but one). */
export function reservedConcurrency(functions: FunctionRepository, except?: string): number {
  let total = 0;
  for (const name of functions.names()) {
    if (name !== except) total += functions.get(name)?.reservedConcurrency ?? 0;
  }
  return total;
}
