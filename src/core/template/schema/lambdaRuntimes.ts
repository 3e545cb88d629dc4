import runtimeTable from './lambdaRuntimes.json';

/** A Lambda runtime identifier with the date Lambda deprecates (or deprecated) it. */
export interface LambdaRuntime {
  id: string;
  /** nodejs, python, java, dotnet, ruby, provided or go. */
  family: string;
  /** A readable name, e.g. "Node.js 22". */
  name: string;
  /** Deprecation date, YYYY-MM-DD (a projection for supported runtimes). */
  deprecation: string;
}

/** Every runtime identifier Lambda has offered, newest first within each family. */
export const LAMBDA_RUNTIMES: readonly LambdaRuntime[] = runtimeTable.runtimes;

const runtimesById = new Map(LAMBDA_RUNTIMES.map((runtime) => [runtime.id, runtime]));

export function lambdaRuntime(id: string): LambdaRuntime | undefined {
  return runtimesById.get(id);
}

/** True once the runtime's deprecation date has come (at UTC midnight). */
export function isRuntimeDeprecated(runtime: LambdaRuntime, now: Date): boolean {
  return Date.parse(`${runtime.deprecation}T00:00:00Z`) <= now.getTime();
}

/** The newest runtime of the same family that is not deprecated at `now`: what to upgrade to. */
export function upgradeTarget(runtime: LambdaRuntime, now: Date): LambdaRuntime | undefined {
  return LAMBDA_RUNTIMES.find(
    (candidate) => candidate.family === runtime.family && !isRuntimeDeprecated(candidate, now),
  );
}

// Identifiers shaped like Lambda's, for runtimes newer than this table: those get a softer diagnostic.
const FUTURE_RUNTIME = /^(nodejs\d+\.x|python3\.\d+|java\d+|dotnet\d+|ruby\d+\.\d+|provided\.al\d{4})$/;

/** True for an unknown identifier that looks like a runtime Lambda may have released after this table. */
export function looksLikeNewerRuntime(id: string): boolean {
  return !runtimesById.has(id) && FUTURE_RUNTIME.test(id);
}
