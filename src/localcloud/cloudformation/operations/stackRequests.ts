// What CreateStack, UpdateStack and CreateChangeSet share: name rules, stack ARNs, and the pipeline from a
// submitted template and parameters to a checked, processed template stored for the stack.
import { isDeepStrictEqual } from 'node:util';
import { AwsError } from '../../protocol/awsError';
import type { CloudFormationEngine, SubmittedTemplate } from '../cloudFormationEngine';
import type { ParameterRecord, StackRecord, StackSnapshot, TagRecord } from '../state/stackRecords';
import { checkCapabilities, validateCapabilityNames } from '../template/capabilities';
import { usesMacros } from '../template/processTemplate';
import { stackEvaluator } from '../engine/stackEvaluation';
import { checkConditionalReferences, validateStackTemplate, type StackTemplate } from '../template/stackTemplate';
import { parameterDeclarations, resolveParameterRecords, type ParameterInput } from '../template/templateParameters';

const NAME_PATTERN = /^[a-zA-Z][-a-zA-Z0-9]*$/;

/** Stack and change set names: a letter, then letters, digits and hyphens; at most 128 characters. */
export function validateName(name: string | undefined, member: 'stackName' | 'changeSetName'): string {
  const value = name ?? '';
  const maxLength = 128;
  if (value.length > maxLength) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${maxLength}`,
    );
  }
  if (!NAME_PATTERN.test(value)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    );
  }
  return value;
}

export function stackArn(engine: CloudFormationEngine, name: string, uuid: string): string {
  const { region, accountId, partition } = engine.dependencies;
  return `arn:${partition}:cloudformation:${region}:${accountId}:stack/${name}/${uuid}`;
}

export function changeSetArn(engine: CloudFormationEngine, name: string, uuid: string): string {
  const { region, accountId, partition } = engine.dependencies;
  return `arn:${partition}:cloudformation:${region}:${accountId}:changeSet/${name}/${uuid}`;
}

/** A submitted template made ready to deploy for a stack. */
export interface PreparedDeployment {
  template: StackTemplate;
  templateId: string;
  parameters: ParameterRecord[];
}

/** What the pipeline is told about the request. */
export interface DeploymentRequest {
  submitted: SubmittedTemplate;
  parameters: readonly ParameterInput[] | undefined;
  capabilities: readonly string[] | undefined;
  stack: Pick<StackRecord, 'stackName' | 'stackId' | 'notificationArns'>;
  previous?: StackRecord;
  /** CreateStack/UpdateStack: macros need CAPABILITY_AUTO_EXPAND (change sets expand them without it). */
  direct: boolean;
}

/** Parameters, then the template's parameter declarations (errors AWS reports synchronously). */
export function prepareParameters(engine: CloudFormationEngine, request: DeploymentRequest): ParameterRecord[] {
  validateCapabilityNames(request.capabilities ?? []);
  const declarations = parameterDeclarations(request.submitted.parsed);
  return resolveParameterRecords(
    declarations,
    request.parameters ?? [],
    request.previous?.parameters,
    engine.options.services.parameterStore,
  );
}

/** Transforms, capability and template checks, then stores the template. Throws AwsError for each problem. */
export function prepareTemplate(
  engine: CloudFormationEngine,
  request: DeploymentRequest,
  parameters: ParameterRecord[],
): PreparedDeployment {
  const template = engine.processed(request.submitted, request.stack, parameters);
  checkCapabilities(
    template.processed,
    request.capabilities ?? [],
    request.direct && usesMacros(request.submitted.parsed),
  );
  validateStackTemplate(template, new Set(parameters.map((parameter) => parameter.key)));
  const evaluator = stackEvaluator(
    engine.dependencies,
    request.previous ?? reviewStackOf(request),
    template,
    parameters,
  );
  checkConditionalReferences(evaluator, template);
  const templateId = engine.store.putTemplate({ original: request.submitted.original, processed: template.processed });
  return { template, templateId, parameters };
}

/** A stack record with no resources yet, for evaluating a new stack's conditions. */
function reviewStackOf(request: DeploymentRequest): StackRecord {
  return {
    ...request.stack,
    status: 'REVIEW_IN_PROGRESS',
    creationTime: '',
    parameters: [],
    capabilities: [],
    tags: [],
    disableRollback: false,
    terminationProtection: false,
    outputs: [],
    resources: {},
  };
}

/** The stack as it is, kept to roll an update back to. */
export function snapshotOf(stack: StackRecord): StackSnapshot {
  return structuredClone({
    templateId: stack.templateId!,
    parameters: stack.parameters,
    resources: stack.resources,
    outputs: stack.outputs,
    description: stack.description,
    tags: stack.tags,
    capabilities: stack.capabilities,
  });
}

/** ValidationError when the new template changes a resource's type (AWS refuses such updates). */
export function checkTypeChanges(stack: StackRecord, template: StackTemplate): void {
  const changed = Object.values(stack.resources)
    .filter(
      (resource) => template.resources[resource.logicalId] && template.typeOf(resource.logicalId) !== resource.type,
    )
    .map((resource) => resource.logicalId);
  if (changed.length > 0) {
    throw new AwsError(
      'ValidationError',
      `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${changed.join(', ')}]`,
    );
  }
}

/** True when an update would change nothing: the same processed template, parameter values and tags. */
export function isEmptyUpdate(
  engine: CloudFormationEngine,
  stack: StackRecord,
  prepared: PreparedDeployment,
  tags: readonly TagRecord[],
): boolean {
  if (!stack.templateId) return false;
  const parameterPairs = (parameters: readonly ParameterRecord[]) =>
    parameters.map((parameter) => [parameter.key, parameter.value]);
  return (
    isDeepStrictEqual(engine.store.template(stack.templateId).processed, prepared.template.processed) &&
    isDeepStrictEqual(parameterPairs(stack.parameters), parameterPairs(prepared.parameters)) &&
    isDeepStrictEqual(stack.tags, tags)
  );
}

/** Tags as submitted (undefined keeps the stack's). */
export function tagsOf(
  tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined,
  current: TagRecord[] = [],
): TagRecord[] {
  if (tags === undefined) return current;
  return tags.map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
}
