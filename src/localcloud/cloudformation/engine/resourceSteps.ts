// One resource's create, update (in place or by replacement) and delete: evaluate its properties, call its
// provider, record every status change with CloudFormation's event reasons. The flows (create, update, delete,
// rollback) only decide which step runs for which resource and in what order.
import { isDeepStrictEqual } from 'node:util';
import { jsonText, type JsonObject } from '../../../core/template/templateJson';
import { resourceTypeInfo } from '../resourceTypes/resourceTypeCatalog';
import type { ProvisionedResource, ResourceProvider } from '../providers/resourceProvider';
import type { ResourceRecord } from '../state/stackRecords';
import { providerContext, type EngineDependencies } from './engineDependencies';
import type { StackEvaluator } from './stackEvaluator';
import type { StackRecorder } from './stackRecorder';
import type { StackTemplate } from '../template/stackTemplate';

/** A failed step: the message becomes the resource's status reason. */
export class ResourceFailure extends Error {
  override readonly name = 'ResourceFailure';
}

export class ResourceSteps {
  constructor(
    private readonly dependencies: EngineDependencies,
    private readonly recorder: StackRecorder,
  ) {}

  private get stack() {
    return this.recorder.stack;
  }

  /** Creates a resource the template declares. */
  async create(logicalId: string, template: StackTemplate, evaluator: StackEvaluator): Promise<void> {
    const definition = template.resources[logicalId]!;
    const resource = this.newRecord(logicalId, definition);
    this.recorder.resourceStatus(resource, 'CREATE_IN_PROGRESS');
    try {
      resource.properties = evaluator.evaluateObject(definition.Properties);
      const provider = this.providerFor(resource.type);
      const result = await provider.create(
        resource.properties,
        providerContext(this.dependencies, this.recorder, resource),
      );
      this.apply(resource, result);
      this.recorder.resourceEvent(resource, 'CREATE_IN_PROGRESS', 'Resource creation Initiated');
      this.recorder.resourceStatus(resource, 'CREATE_COMPLETE', this.simulatedNote(resource));
    } catch (error) {
      this.recorder.resourceStatus(resource, 'CREATE_FAILED', reasonOf(error));
      throw new ResourceFailure(reasonOf(error));
    }
  }

  /**
   * Brings a deployed resource to the template's new definition: nothing when its properties are unchanged, an
   * in-place update, or a replacement (the old physical resource is kept for the cleanup phase).
   */
  async update(logicalId: string, template: StackTemplate, evaluator: StackEvaluator): Promise<void> {
    const definition = template.resources[logicalId]!;
    const current = this.stack.resources[logicalId]!;
    let properties: JsonObject;
    try {
      properties = evaluator.evaluateObject(definition.Properties);
    } catch (error) {
      this.recorder.resourceStatus({ ...current }, 'UPDATE_FAILED', reasonOf(error));
      throw new ResourceFailure(reasonOf(error));
    }
    const changed = changedProperties(current.properties, properties);
    const policiesChanged =
      current.deletionPolicy !== policyOf(definition.DeletionPolicy) ||
      current.updateReplacePolicy !== policyOf(definition.UpdateReplacePolicy);
    if (changed.length === 0) {
      if (policiesChanged || !isDeepStrictEqual(current.metadata, definition.Metadata)) {
        Object.assign(current, this.attributesOf(definition));
        this.recorder.save();
      }
      return;
    }
    const provider = this.providerFor(current.type);
    const replace = provider.requiresReplacement
      ? provider.requiresReplacement(changed, current.properties, properties)
      : changed.some((name) => resourceTypeInfo(current.type)?.replacingProperties.has(name) ?? false);
    if (replace) await this.replace(current, definition, properties, provider);
    else await this.updateInPlace(current, definition, properties, provider, evaluator);
  }

  private async updateInPlace(
    current: ResourceRecord,
    definition: JsonObject,
    properties: JsonObject,
    provider: ResourceProvider,
    evaluator: StackEvaluator,
  ): Promise<void> {
    const resource: ResourceRecord = { ...current, ...this.attributesOf(definition) };
    this.recorder.resourceStatus(resource, 'UPDATE_IN_PROGRESS');
    try {
      const updatePolicy = evaluator.evaluateObject(definition.UpdatePolicy);
      const result = await this.runUpdate(resource, current.properties, properties, provider, updatePolicy, 'update');
      resource.properties = properties;
      this.apply(resource, result);
      this.recorder.resourceStatus(resource, 'UPDATE_COMPLETE', this.simulatedNote(resource));
    } catch (error) {
      this.recorder.resourceStatus({ ...current }, 'UPDATE_FAILED', reasonOf(error));
      throw new ResourceFailure(reasonOf(error));
    }
  }

  private async replace(
    current: ResourceRecord,
    definition: JsonObject,
    properties: JsonObject,
    provider: ResourceProvider,
  ): Promise<void> {
    const nameProperty = resourceTypeInfo(current.type)?.nameProperty;
    if (
      nameProperty &&
      properties[nameProperty] !== undefined &&
      isDeepStrictEqual(properties[nameProperty], current.properties[nameProperty])
    ) {
      const reason = `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${jsonText(properties[nameProperty])} and update the stack again.`;
      this.recorder.resourceStatus({ ...current }, 'UPDATE_FAILED', reason);
      throw new ResourceFailure(reason);
    }
    // The old physical resource is deleted in the cleanup phase, or kept if the update rolls back.
    this.stack.operation!.cleanup.push({ resource: { ...current }, cause: 'replaced' });
    this.recorder.save();
    const resource = this.newRecord(current.logicalId, definition);
    resource.properties = properties;
    this.recorder.resourceStatus(
      resource,
      'UPDATE_IN_PROGRESS',
      'Requested update requires the creation of a new physical resource; hence creating one.',
    );
    try {
      const result = await provider.create(properties, providerContext(this.dependencies, this.recorder, resource));
      this.apply(resource, result);
      this.recorder.resourceEvent(resource, 'UPDATE_IN_PROGRESS', 'Resource creation Initiated');
      this.recorder.resourceStatus(resource, 'UPDATE_COMPLETE', this.simulatedNote(resource));
    } catch (error) {
      this.recorder.resourceStatus(resource, 'UPDATE_FAILED', reasonOf(error));
      throw new ResourceFailure(reasonOf(error));
    }
  }

  /** Rollback of an in-place update: the previous properties go back through the provider (and policy hooks). */
  async revert(current: ResourceRecord, previous: ResourceRecord, updatePolicy: JsonObject): Promise<void> {
    const resource: ResourceRecord = { ...previous, physicalId: current.physicalId };
    this.recorder.resourceStatus(resource, 'UPDATE_IN_PROGRESS');
    try {
      const provider = this.providerFor(current.type);
      const result = await this.runUpdate(
        resource,
        current.properties,
        previous.properties,
        provider,
        updatePolicy,
        'rollback',
      );
      this.apply(resource, result);
      this.recorder.resourceStatus(resource, 'UPDATE_COMPLETE');
    } catch (error) {
      this.recorder.resourceStatus(resource, 'UPDATE_FAILED', reasonOf(error));
      throw new ResourceFailure(reasonOf(error));
    }
  }

  /** Deletes a physical resource (or skips it when retained); the record stays with its final status. */
  async delete(resource: ResourceRecord, retain: boolean, keepInStack = true): Promise<void> {
    const record = keepInStack ? resource : { ...resource };
    const save = (status: ResourceRecord['status'], reason?: string) => {
      if (keepInStack) this.recorder.resourceStatus(record, status, reason);
      else {
        record.status = status;
        this.recorder.resourceEvent(record, status, reason);
      }
    };
    if (retain) {
      save('DELETE_SKIPPED');
      return;
    }
    if (record.physicalId === undefined) {
      // Never created (failed or interrupted before its provider chose an ID): nothing exists to delete.
      save('DELETE_COMPLETE');
      return;
    }
    save('DELETE_IN_PROGRESS');
    try {
      const provider = this.providerFor(record.type);
      await provider.delete(
        { properties: record.properties, physicalId: record.physicalId, attributes: record.attributes },
        providerContext(this.dependencies, this.recorder, record),
      );
      save('DELETE_COMPLETE');
    } catch (error) {
      save('DELETE_FAILED', reasonOf(error));
      throw new ResourceFailure(reasonOf(error));
    }
  }

  private runUpdate(
    resource: ResourceRecord,
    previousProperties: JsonObject,
    properties: JsonObject,
    provider: ResourceProvider,
    updatePolicy: JsonObject,
    phase: 'update' | 'rollback',
  ): Promise<ProvisionedResource> {
    const context = providerContext(this.dependencies, this.recorder, resource);
    const current: ProvisionedResource = {
      physicalId: resource.physicalId ?? '',
      attributes: resource.attributes,
      ...(resource.ref === undefined ? {} : { ref: resource.ref }),
    };
    const plainUpdate = (next: JsonObject = properties) =>
      provider.update({ properties: next, previousProperties, current }, context);
    const policyName = Object.keys(updatePolicy).find((name) => this.dependencies.updatePolicies[name]);
    if (policyName === undefined) return plainUpdate();
    return this.dependencies.updatePolicies[policyName]!({
      phase,
      logicalId: resource.logicalId,
      resourceType: resource.type,
      policy: updatePolicy[policyName]!,
      properties,
      previousProperties,
      current,
      stackResource: (logicalId) => this.stack.resources[logicalId],
      stackResources: () => Object.values(this.stack.resources),
      context,
      update: plainUpdate,
    });
  }

  private newRecord(logicalId: string, definition: JsonObject): ResourceRecord {
    return {
      logicalId,
      type: jsonText(definition.Type),
      status: 'CREATE_IN_PROGRESS',
      lastUpdated: this.recorder.now(),
      properties: {},
      attributes: {},
      ...this.attributesOf(definition),
    };
  }

  private attributesOf(definition: JsonObject): Partial<ResourceRecord> {
    const deletionPolicy = policyOf(definition.DeletionPolicy);
    const updateReplacePolicy = policyOf(definition.UpdateReplacePolicy);
    return {
      deletionPolicy,
      updateReplacePolicy,
      ...(definition.Metadata === undefined ? { metadata: undefined } : { metadata: definition.Metadata }),
    };
  }

  private apply(resource: ResourceRecord, result: ProvisionedResource): void {
    resource.physicalId = result.physicalId;
    resource.attributes = result.attributes ?? {};
    if (result.ref === undefined) delete resource.ref;
    else resource.ref = result.ref;
    if (result.simulated) resource.simulated = true;
    else delete resource.simulated;
  }

  private providerFor(type: string): ResourceProvider {
    return this.dependencies.providers.providerFor(type);
  }

  private simulatedNote(resource: ResourceRecord): string | undefined {
    return resource.simulated
      ? `Simulated by the local cloud: ${resource.type} is recorded with the identifiers AWS would give it, but does not run locally`
      : undefined;
  }
}

/** Top-level properties whose values differ. */
export function changedProperties(before: JsonObject, after: JsonObject): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !isDeepStrictEqual(before[name], after[name]));
}

function policyOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The message a failure leaves as the resource's status reason. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
