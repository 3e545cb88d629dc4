// Where our SAM transform (src/core/sam) is known to fall short of AWS's translator, so that `lint` never shows an
// error AWS would not raise. Each gap names what is missing; remove it when the transform covers it. The valid
// templates of the shared corpus and of the translator's fixtures are the test (test/unit/language/
// samTransformLint.test.ts): any false error there is a transform bug or a gap to list here.
import type { SamTransformProblem } from '../../sam/samTransformError';
import { isObject } from '../../sam/intrinsics';
import type { JsonObject, JsonValue } from '../templateJson';

/**
 * SAM policy templates AWS documents that src/core/sam/iam/policyTemplates.json does not hold yet: the transform
 * refuses them as "Policy at index N ... is not valid", which would be false. A misspelt name is still reported.
 */
const POLICY_TEMPLATES_NOT_YET_TRANSFORMED = new Set([
  'AWSSecretsManagerGetSecretValuePolicy',
  'EFSWriteAccessPolicy',
  'EcsRunTaskPolicy',
  'ElasticMapReduceAddJobFlowStepsPolicy',
  'ElasticMapReduceCancelStepsPolicy',
  'ElasticMapReduceModifyInstanceFleetPolicy',
  'ElasticMapReduceModifyInstanceGroupsPolicy',
  'ElasticMapReduceSetTerminationProtectionPolicy',
  'ElasticMapReduceTerminateJobFlowsPolicy',
  'FirehoseCrudPolicy',
  'FirehoseWritePolicy',
  'SageMakerCreateEndpointConfigPolicy',
  'SageMakerCreateEndpointPolicy',
  'TextractDetectAnalyzePolicy',
  'TextractGetResultPolicy',
  'TextractPolicy',
]);

/** True when the problem comes from a known gap of the transform, not from the template. */
export function isKnownTransformGap(problem: SamTransformProblem, template: JsonObject): boolean {
  const resource = problem.logicalId !== undefined ? resourceOf(template, problem.logicalId) : undefined;
  // AWS::Include snippets (Fn::Transform) are filled in by CloudFormation from S3: their content is unknown here.
  if (resource && containsSnippetTransform(resource)) return true;
  if (/Policy at index \d+ in the 'Policies' property is not valid/.test(problem.message)) {
    const policy = valueAtPath(template, problem.path);
    const names = isObject(policy) ? policyNames(policy) : [];
    return names.some((name) => POLICY_TEMPLATES_NOT_YET_TRANSFORMED.has(name));
  }
  // The translator resolves Ref to parameters and Fn::FindInMap in an application's location; ours does not yet
  // (application_with_intrinsics).
  if (/Property '(?:ApplicationId|SemanticVersion)' cannot be resolved/.test(problem.message)) return true;
  return false;
}

function resourceOf(template: JsonObject, logicalId: string): JsonValue | undefined {
  return isObject(template.Resources) ? template.Resources[logicalId] : undefined;
}

/** The policy template names a Policies item names, looking inside `Fn::If` branches. */
function policyNames(policy: JsonObject): string[] {
  const branches = policy['Fn::If'];
  if (Array.isArray(branches))
    return branches.slice(1).flatMap((branch) => (isObject(branch) ? policyNames(branch) : []));
  return Object.keys(policy);
}

function containsSnippetTransform(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.some(containsSnippetTransform);
  if (!isObject(value)) return false;
  return Object.entries(value).some(([key, child]) => key === 'Fn::Transform' || containsSnippetTransform(child));
}

function valueAtPath(root: JsonValue, path: readonly (string | number)[]): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isObject(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}
