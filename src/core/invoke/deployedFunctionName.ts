// Finds a template's function among deployed ones. CloudFormation names a function without FunctionName
// `<stack>-<LogicalId>-<suffix>`, shortening the stack and logical ID parts to fit Lambda's 64 characters.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html

/** What identifies a template's function once deployed. */
export interface DeployedFunctionQuery {
  logicalId: string;
  stackName: string;
  /** The template's FunctionName, when it sets one: then only that exact name matches. */
  explicitName?: string;
}

const SUFFIX = /-[A-Za-z0-9]{6,20}$/;

/** The deployed names that may be the function, best first (exact FunctionName, then untruncated names). */
export function matchDeployedFunctions(names: readonly string[], query: DeployedFunctionQuery): string[] {
  if (query.explicitName !== undefined) return names.filter((name) => name === query.explicitName);
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of names) {
    const score = generatedNameScore(name, query.stackName, query.logicalId);
    if (score > 0) scored.push({ name, score });
  }
  return scored.sort((left, right) => right.score - left.score).map((entry) => entry.name);
}

/** 2 for `<stack>-<LogicalId>-<suffix>` in full, 1 for a shortened form, 0 for no match. */
function generatedNameScore(name: string, stackName: string, logicalId: string): number {
  const suffix = SUFFIX.exec(name);
  if (!suffix) return 0;
  const rest = name.slice(0, suffix.index);
  if (rest === `${stackName}-${logicalId}`) return 2;
  // Shortened parts only happen when the full name would not fit.
  if (stackName.length + logicalId.length + suffix[0].length + 1 <= 64) return 0;
  for (let length = stackName.length; length > 0; length--) {
    const stackPart = stackName.slice(0, length);
    if (!rest.startsWith(`${stackPart}-`)) continue;
    const logicalPart = rest.slice(length + 1);
    if (logicalPart.length > 0 && logicalId.startsWith(logicalPart)) return 1;
  }
  return 0;
}
