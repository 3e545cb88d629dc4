// The Changes of a change set: for each resource, Add, Remove or Modify, and for a modification which properties
// change, whether that replaces the resource (True, False or Conditional), and why (a direct edit, a parameter,
// another resource). Values that depend on resources the change set will create or replace are Dynamic.
import { isDeepStrictEqual } from 'node:util';
import { jsonText, type JsonObject, type JsonValue } from '../../../core/template/templateJson';
import { resourceTypeInfo } from '../resourceTypes/resourceTypeCatalog';
import type { ChangeDetailRecord, ChangeRecord, ParameterRecord, StackRecord } from '../state/stackRecords';
import type { StackTemplate } from '../template/stackTemplate';
import { collectReferences } from './dependencyGraph';
import type { EngineDependencies } from './engineDependencies';
import { topologicalOrder } from './graphWalker';
import { changedProperties } from './resourceSteps';
import { stackParameterValues } from './stackEvaluation';
import { PENDING_MARK, StackEvaluator } from './stackEvaluator';

/** Plans the changes that deploying `template` with `parameters` makes to `stack` (new stacks: every Add). */
export function planChanges(
  dependencies: EngineDependencies,
  stack: StackRecord,
  template: StackTemplate,
  parameters: readonly ParameterRecord[],
): ChangeRecord[] {
  const pending = new Set<string>();
  const evaluator = new StackEvaluator({
    template,
    parameters: stackParameterValues(stack, template, parameters, dependencies.region, dependencies.accountId),
    region: dependencies.region,
    resource: (logicalId) => {
      const resource = stack.resources[logicalId];
      if (pending.has(logicalId) || !resource?.physicalId) return undefined;
      return { ref: resource.ref ?? resource.physicalId, attributes: resource.attributes };
    },
    missingResources: 'pending',
    exportValue: (name) => dependencies.exports.value(name),
    parameterStore: dependencies.services.parameterStore,
  });
  const previousTemplate = stack.templateId ? dependencies.store.template(stack.templateId).processed : undefined;
  const previousResources = (previousTemplate?.Resources ?? {}) as Record<string, JsonObject>;
  const parameterNames = new Set(parameters.map((parameter) => parameter.key));
  const active = Object.keys(template.resources).filter((id) => evaluator.isActive(template.resources[id]!));
  const changes: ChangeRecord[] = [];
  for (const logicalId of topologicalOrder(active, template.dependencies(new Set(active)))) {
    const definition = template.resources[logicalId]!;
    const current = stack.resources[logicalId];
    if (!current) {
      pending.add(logicalId);
      changes.push(resourceChange('Add', logicalId, jsonText(definition.Type)));
      continue;
    }
    const properties = evaluator.evaluateObject(definition.Properties);
    const changed = changedProperties(current.properties, properties);
    const metadataChanged = !isDeepStrictEqual(current.metadata, definition.Metadata);
    if (changed.length === 0 && !metadataChanged) continue;
    const previousProperties = (previousResources[logicalId]?.Properties ?? {}) as JsonObject;
    const newProperties = (definition.Properties ?? {}) as JsonObject;
    const details = changed.map((name) =>
      detailOf(name, current.type, properties[name], previousProperties[name], newProperties[name], parameterNames),
    );
    const replacement = details.some((detail) => detail.Target.RequiresRecreation === 'Always')
      ? 'True'
      : details.some((detail) => detail.Target.RequiresRecreation === 'Conditionally')
        ? 'Conditional'
        : 'False';
    if (replacement === 'True') pending.add(logicalId);
    const change = resourceChange('Modify', logicalId, current.type, current.physicalId);
    change.ResourceChange.Replacement = replacement;
    change.ResourceChange.Scope = [
      ...(changed.length > 0 ? ['Properties'] : []),
      ...(metadataChanged ? ['Metadata'] : []),
    ];
    change.ResourceChange.Details = details;
    changes.push(change);
  }
  const activeIds = new Set(active);
  for (const resource of Object.values(stack.resources)) {
    if (activeIds.has(resource.logicalId)) continue;
    const change = resourceChange('Remove', resource.logicalId, resource.type, resource.physicalId);
    change.ResourceChange.PolicyAction = resource.deletionPolicy === 'Retain' ? 'Retain' : 'Delete';
    changes.push(change);
  }
  return changes;
}

function resourceChange(
  action: 'Add' | 'Modify' | 'Remove',
  logicalId: string,
  type: string,
  physicalId?: string,
): ChangeRecord {
  return {
    Type: 'Resource',
    ResourceChange: {
      Action: action,
      LogicalResourceId: logicalId,
      ...(physicalId !== undefined ? { PhysicalResourceId: physicalId } : {}),
      ResourceType: type,
      Scope: [],
      Details: [],
    },
  };
}

function detailOf(
  name: string,
  type: string,
  value: JsonValue | undefined,
  previousRaw: JsonValue | undefined,
  newRaw: JsonValue | undefined,
  parameterNames: ReadonlySet<string>,
): ChangeDetailRecord {
  const dynamic = JSON.stringify(value ?? null).includes(PENDING_MARK);
  const info = resourceTypeInfo(type);
  const replacing = info?.replacingProperties.has(name) ?? false;
  const requiresRecreation = replacing
    ? dynamic
      ? 'Conditionally'
      : 'Always'
    : info?.conditionallyReplacingProperties.has(name)
      ? 'Conditionally'
      : 'Never';
  const detail: ChangeDetailRecord = {
    Target: { Attribute: 'Properties', Name: name, RequiresRecreation: requiresRecreation },
    Evaluation: dynamic ? 'Dynamic' : 'Static',
  };
  if (!isDeepStrictEqual(previousRaw, newRaw)) {
    detail.ChangeSource = 'DirectModification';
    return detail;
  }
  const references = collectReferences(newRaw);
  const parameter = [...references.refs].find((reference) => parameterNames.has(reference));
  if (parameter !== undefined) {
    detail.ChangeSource = 'ParameterReference';
    detail.CausingEntity = parameter;
    return detail;
  }
  const attribute = [...references.attributes][0];
  const resource = [...references.refs][0];
  if (attribute !== undefined) {
    detail.ChangeSource = 'ResourceAttribute';
    detail.CausingEntity = attribute;
  } else if (resource !== undefined) {
    detail.ChangeSource = 'ResourceReference';
    detail.CausingEntity = resource;
  }
  return detail;
}
