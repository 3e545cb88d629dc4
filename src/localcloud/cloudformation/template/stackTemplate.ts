// A processed template as the engine reads it: typed access to its sections and CloudFormation's structural
// checks, each failing with AWS's "Template format error: ..." wording.
import type { JsonObject, JsonValue } from '../../../core/template/templateJson';
import { collectReferences, dependsOnOf, resourceDependencies, resourcesOnCycles } from '../engine/dependencyGraph';
import { AwsError } from '../../protocol/awsError';
import { isCustomResourceType, isKnownResourceType, resourceTypeInfo } from '../resourceTypes/resourceTypeCatalog';

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Hooks',
]);

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** The sections of one processed template. */
export class StackTemplate {
  readonly resources: Record<string, JsonObject>;
  readonly outputs: Record<string, JsonObject>;

  constructor(readonly processed: JsonObject) {
    this.resources = mapSection(processed.Resources);
    this.outputs = mapSection(processed.Outputs);
  }

  get description(): string | undefined {
    return typeof this.processed.Description === 'string' ? this.processed.Description : undefined;
  }

  typeOf(logicalId: string): string {
    const type = this.resources[logicalId]?.Type;
    return typeof type === 'string' ? type : '';
  }

  /** The resource's Condition name, if it has one. */
  conditionOf(logicalId: string): string | undefined {
    const condition = this.resources[logicalId]?.Condition;
    return typeof condition === 'string' ? condition : undefined;
  }

  /** Each resource's dependencies among the given resources. */
  dependencies(resourceIds: ReadonlySet<string> = new Set(Object.keys(this.resources))): Map<string, Set<string>> {
    return resourceDependencies(this.resources, resourceIds);
  }
}

function mapSection(value: JsonValue | undefined): Record<string, JsonObject> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const section: Record<string, JsonObject> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) section[key] = item;
  }
  return section;
}

/** CloudFormation's template checks on a processed template; throws ValidationError for the first problem. */
export function validateStackTemplate(template: StackTemplate, parameterNames: ReadonlySet<string>): void {
  const processed = template.processed;
  const unknownSections = Object.keys(processed).filter((key) => !SECTIONS.has(key));
  if (unknownSections.length > 0) {
    throw formatError(`Invalid template property or properties [${unknownSections.join(', ')}]`);
  }
  const resourcesSection = processed.Resources;
  if (resourcesSection === null || typeof resourcesSection !== 'object' || Array.isArray(resourcesSection)) {
    throw formatError('At least one Resources member must be defined.');
  }
  if (Object.keys(resourcesSection).length === 0) throw formatError('At least one Resources member must be defined.');
  const unrecognized = new Set<string>();
  for (const [logicalId, definition] of Object.entries(resourcesSection)) {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw formatError(`[/Resources/${logicalId}] resource definition is malformed`);
    }
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) {
      throw formatError(`Resource name ${logicalId} is non alphanumeric.`);
    }
    if (typeof definition.Type !== 'string') {
      throw formatError(`[/Resources/${logicalId}] Every Resources object must contain a Type member.`);
    }
    if (!isKnownResourceType(definition.Type)) unrecognized.add(definition.Type);
  }
  if (unrecognized.size > 0) throw formatError(`Unrecognized resource types: [${[...unrecognized].join(', ')}]`);
  const resourceIds = new Set(Object.keys(template.resources));
  checkConditions(processed, template);
  checkReferences(template, 'Resources', parameterNames, resourceIds);
  checkReferences(template, 'Outputs', parameterNames, resourceIds);
  const cyclic = resourcesOnCycles(template.dependencies());
  if (cyclic.length > 0) throw formatError(`Circular dependency between resources: [${cyclic.join(', ')}]`);
}

function checkConditions(processed: JsonObject, template: StackTemplate): void {
  const declared = new Set(Object.keys(mapSection(processed.Conditions)));
  for (const logicalId of Object.keys(template.resources)) {
    const condition = template.conditionOf(logicalId);
    if (condition !== undefined && !declared.has(condition)) {
      throw formatError(
        `Unresolved dependencies [${condition}]. Cannot reference resources in the Conditions block of the template`,
      );
    }
  }
}

function checkReferences(
  template: StackTemplate,
  section: 'Resources' | 'Outputs',
  parameterNames: ReadonlySet<string>,
  resourceIds: ReadonlySet<string>,
): void {
  const entries = section === 'Resources' ? template.resources : template.outputs;
  const unresolved = new Set<string>();
  for (const definition of Object.values(entries)) {
    if (section === 'Outputs' && definition.Value === undefined) {
      throw formatError(`Every Outputs member must contain a Value object`);
    }
    const references = collectReferences(section === 'Resources' ? (definition.Properties ?? null) : definition);
    if (section === 'Resources') collectReferences(definition.UpdatePolicy, references);
    for (const ref of references.refs) {
      if (!resourceIds.has(ref) && !parameterNames.has(ref) && !PSEUDO_PARAMETERS.has(ref)) unresolved.add(ref);
    }
    if (section === 'Resources') {
      for (const dependency of dependsOnOf(definition)) if (!resourceIds.has(dependency)) unresolved.add(dependency);
    }
    for (const resource of references.getAtts) {
      if (!resourceIds.has(resource)) {
        throw new AwsError(
          'ValidationError',
          `Template error: instance of Fn::GetAtt references undefined resource ${resource}`,
        );
      }
    }
    for (const target of references.attributes) checkAttribute(template, target);
  }
  if (unresolved.size > 0) {
    throw formatError(
      `Unresolved resource dependencies [${[...unresolved].join(', ')}] in the ${section} block of the template`,
    );
  }
}

/** GetAtt of an attribute the type does not have (custom resources and nested stacks accept any). */
function checkAttribute(template: StackTemplate, target: string): void {
  const dot = target.indexOf('.');
  const logicalId = target.slice(0, dot);
  const attribute = target.slice(dot + 1);
  const type = template.typeOf(logicalId);
  if (isCustomResourceType(type) || type === 'AWS::CloudFormation::Stack') return;
  const info = resourceTypeInfo(type);
  if (!info || info.attributes.has(attribute)) return;
  throw new AwsError(
    'ValidationError',
    `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`,
  );
}

function formatError(detail: string): AwsError {
  return new AwsError('ValidationError', `Template format error: ${detail}`);
}

/**
 * With the stack's parameters known: a resource or output that exists must not refer (outside Fn::If) to a
 * resource whose Condition is false, which CloudFormation reports as an unresolved dependency.
 */
export function checkConditionalReferences(
  evaluator: { isActive(definition: JsonObject): boolean },
  template: StackTemplate,
): void {
  const inactive = new Set(
    Object.entries(template.resources)
      .filter(([, definition]) => !evaluator.isActive(definition))
      .map(([logicalId]) => logicalId),
  );
  if (inactive.size === 0) return;
  for (const [section, entries] of [
    ['Resources', template.resources],
    ['Outputs', template.outputs],
  ] as const) {
    const unresolved = new Set<string>();
    for (const [name, definition] of Object.entries(entries)) {
      if (section === 'Resources' && inactive.has(name)) continue;
      if (!evaluator.isActive(definition)) continue;
      const body = section === 'Resources' ? (definition.Properties ?? null) : (definition.Value ?? null);
      const references = collectReferences(body, undefined, true);
      const dependsOn = section === 'Resources' ? dependsOnOf(definition) : [];
      for (const target of [...references.refs, ...references.getAtts, ...dependsOn]) {
        if (inactive.has(target)) unresolved.add(target);
      }
    }
    if (unresolved.size > 0) {
      throw formatError(
        `Unresolved resource dependencies [${[...unresolved].join(', ')}] in the ${section} block of the template`,
      );
    }
  }
}
