// The argument of the `serverlessWorkbench.logs.tail` command, for the explorer's Deployed tree and any other
// caller: what to tail (a function by name or ARN with an optional alias/version, or a stack's functions) and how.

/** What `serverlessWorkbench.logs.tail` accepts (besides a template function `{ templateUri, logicalId }`). */
export interface TailLogsArguments {
  /** A function name, `name:qualifier`, or a full or partial ARN (qualified or not). */
  functionName?: string;
  /** An alias or version: only its instances' lines (an alias's: the versions it routes to). */
  qualifier?: string;
  /** A stack: with `logicalId` that function, else all its functions (nested stacks too). */
  stackName?: string;
  logicalId?: string;
  /** As `sam logs -s` takes it ("5mins ago", ISO...); default "10mins ago". */
  startTime?: string;
  /** As `sam logs -e` takes it; with an end time the panel shows the range without following. */
  endTime?: string;
  /** A CloudWatch filter pattern, applied by the service. */
  filterPattern?: string;
  /** Keep following new lines (default true unless an end time is given). */
  follow?: boolean;
}

/** The start time `sam logs` uses when none is given. */
export const DEFAULT_START_TIME = '10mins ago';

const STRING_KEYS = ['functionName', 'qualifier', 'stackName', 'logicalId', 'startTime', 'endTime', 'filterPattern'];

/** Checks a command argument: known keys of the right types, and a function or a stack. */
export function isTailLogsArguments(value: unknown): value is TailLogsArguments {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  for (const key of STRING_KEYS) {
    if (record[key] !== undefined && typeof record[key] !== 'string') return false;
  }
  if (record['follow'] !== undefined && typeof record['follow'] !== 'boolean') return false;
  return typeof record['functionName'] === 'string' || typeof record['stackName'] === 'string';
}

/** A title for the tail: `orders:live`, `hello-sam / UsersFunction`, `stack hello-sam`. */
export function describeTailTarget(target: TailLogsArguments): string {
  if (target.stackName) {
    const base = target.logicalId ? `${target.stackName} / ${target.logicalId}` : `stack ${target.stackName}`;
    return target.qualifier ? `${base}:${target.qualifier}` : base;
  }
  const name = target.functionName ?? '';
  const shortName = /:function:([^:]+)(?::([^:]+))?$/.exec(name);
  const base = shortName ? `${shortName[1]}${shortName[2] ? `:${shortName[2]}` : ''}` : name;
  return target.qualifier && !base.includes(':') ? `${base}:${target.qualifier}` : base;
}
