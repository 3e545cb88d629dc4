// The update flow: walk the new template's graph creating new resources and updating changed ones (in place or
// by replacement), then UPDATE_COMPLETE_CLEANUP_IN_PROGRESS deletes what was replaced or removed. A failure (or
// CancelUpdateStack) rolls back: in-place changes are reverted, the previous physical resources come back, and
// what the update created is deleted (UPDATE_ROLLBACK_COMPLETE). Every phase resumes from the persisted stack.
import { isDeepStrictEqual } from 'node:util';
import type { ResourceRecord, StackRecord } from '../state/stackRecords';
import type { StackDeployer } from './stackDeployer';
import { reverseGraph, walkGraph } from './graphWalker';
import { reasonOf, ResourceSteps } from './resourceSteps';
import { evaluateOutputs, stackEvaluator } from './stackEvaluation';

export class StackUpdater {
  constructor(private readonly deployer: StackDeployer) {}

  private get dependencies() {
    return this.deployer.dependencies;
  }

  /** Runs an update; the stack is UPDATE_IN_PROGRESS with the new template and `operation.previous` recorded. */
  async update(stack: StackRecord): Promise<void> {
    const recorder = this.deployer.recorderFor(stack);
    const template = this.deployer.templateOf(stack.templateId!);
    const imports = new Set<string>();
    const evaluator = stackEvaluator(this.dependencies, stack, template, stack.parameters, imports);
    const operation = stack.operation!;
    let failure: string;
    try {
      const active = Object.keys(template.resources).filter((id) => evaluator.isActive(template.resources[id]!));
      const steps = new ResourceSteps(this.dependencies, recorder);
      const result = await walkGraph(
        active,
        template.dependencies(new Set(active)),
        (id) => (stack.resources[id] ? steps.update(id, template, evaluator) : steps.create(id, template, evaluator)),
        () => operation.cancelRequested === true,
      );
      if (result.failed.size === 0 && !operation.cancelRequested) {
        const outputs = evaluateOutputs(this.dependencies, stack, template, evaluator);
        const activeIds = new Set(active);
        for (const resource of Object.values(stack.resources)) {
          if (activeIds.has(resource.logicalId)) continue;
          operation.cleanup.push({ resource: { ...resource }, cause: 'removed' });
          delete stack.resources[resource.logicalId];
        }
        stack.outputs = outputs;
        stack.imports = [...imports];
        recorder.stackStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
        await this.cleanup(stack);
        return;
      }
      failure = operation.cancelRequested
        ? 'Stack update cancelled'
        : `The following resource(s) failed to ${failedVerb(stack, [...result.failed.keys()])}: [${[...result.failed.keys()].sort().join(', ')}]. `;
    } catch (error) {
      failure = reasonOf(error);
    }
    if (operation.onFailure === 'DO_NOTHING') {
      delete stack.operation;
      recorder.stackStatus('UPDATE_FAILED', failure);
      return;
    }
    recorder.stackStatus('UPDATE_ROLLBACK_IN_PROGRESS', failure);
    await this.rollback(stack);
  }

  /** Deletes what the update replaced or removed (retained ones are skipped), then UPDATE_COMPLETE. */
  async cleanup(stack: StackRecord): Promise<void> {
    const recorder = this.deployer.recorderFor(stack);
    const operation = stack.operation!;
    const steps = new ResourceSteps(this.dependencies, recorder);
    // Dependents before what they depended on, by the previous template's graph.
    const order = this.deletionOrder(
      operation.previous?.templateId,
      operation.cleanup.map((entry) => entry.resource),
    );
    for (const entry of order.map((resource) =>
      operation.cleanup.find((candidate) => candidate.resource === resource)!,
    )) {
      const policy = entry.cause === 'replaced' ? entry.resource.updateReplacePolicy : entry.resource.deletionPolicy;
      try {
        await steps.delete(entry.resource, policy === 'Retain' || policy === 'RetainExceptOnCreate', false);
      } catch (error) {
        // AWS finishes the update anyway and leaves the resource behind, saying so.
        this.dependencies.logger.warn(
          `[cloudformation] cleanup of ${entry.resource.logicalId} failed: ${reasonOf(error)}`,
        );
      }
      operation.cleanup = operation.cleanup.filter((candidate) => candidate !== entry);
      recorder.save();
    }
    delete stack.operation;
    stack.lastUpdatedTime = recorder.now();
    recorder.stackStatus('UPDATE_COMPLETE');
  }

  /** Restores the stack as it was before the update (see the file comment). */
  async rollback(stack: StackRecord): Promise<void> {
    const recorder = this.deployer.recorderFor(stack);
    const operation = stack.operation!;
    const previous = operation.previous!;
    const previousTemplate = this.deployer.templateOf(previous.templateId);
    const created = (operation.rollbackCleanup ??= []);
    for (const resource of Object.values(stack.resources)) {
      const before = previous.resources[resource.logicalId];
      const isNew = resource.physicalId !== undefined && resource.physicalId !== before?.physicalId;
      if (isNew && !created.some((entry) => entry.physicalId === resource.physicalId)) created.push({ ...resource });
    }
    operation.cleanup = [];
    recorder.save();
    // Put the previous state back first, so reverted properties evaluate against the previous resources.
    const toRevert = new Map<string, ResourceRecord>();
    for (const [logicalId, before] of Object.entries(previous.resources)) {
      const now = stack.resources[logicalId];
      if (now && now.physicalId === before.physicalId && !isDeepStrictEqual(now.properties, before.properties)) {
        toRevert.set(logicalId, now);
      }
    }
    stack.resources = structuredClone(previous.resources);
    for (const [logicalId, now] of toRevert) stack.resources[logicalId] = now;
    recorder.save();
    const evaluator = stackEvaluator(this.dependencies, stack, previousTemplate, previous.parameters);
    const steps = new ResourceSteps(this.dependencies, recorder);
    const result = await walkGraph(toRevert.keys(), previousTemplate.dependencies(), async (logicalId) => {
      const definition = previousTemplate.resources[logicalId];
      const updatePolicy = definition ? evaluator.evaluateObject(definition.UpdatePolicy) : {};
      await steps.revert(toRevert.get(logicalId)!, previous.resources[logicalId]!, updatePolicy);
    });
    if (result.failed.size > 0) {
      recorder.stackStatus(
        'UPDATE_ROLLBACK_FAILED',
        `The following resource(s) failed to update: [${[...result.failed.keys()].sort().join(', ')}]. `,
      );
      return;
    }
    Object.assign(stack, {
      templateId: previous.templateId,
      parameters: previous.parameters,
      outputs: previous.outputs,
      tags: previous.tags,
      capabilities: previous.capabilities,
      description: previous.description,
    });
    recorder.stackStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    await this.rollbackCleanup(stack);
  }

  /** Deletes what the rolled-back update created, then UPDATE_ROLLBACK_COMPLETE. */
  async rollbackCleanup(stack: StackRecord): Promise<void> {
    const recorder = this.deployer.recorderFor(stack);
    const operation = stack.operation!;
    const steps = new ResourceSteps(this.dependencies, recorder);
    for (const resource of [...(operation.rollbackCleanup ?? [])].reverse()) {
      try {
        await steps.delete(resource, false, false);
      } catch (error) {
        this.dependencies.logger.warn(
          `[cloudformation] rollback cleanup of ${resource.logicalId} failed: ${reasonOf(error)}`,
        );
      }
      operation.rollbackCleanup = operation.rollbackCleanup!.filter((candidate) => candidate !== resource);
      recorder.save();
    }
    delete stack.operation;
    stack.lastUpdatedTime = recorder.now();
    recorder.stackStatus('UPDATE_ROLLBACK_COMPLETE');
  }

  private deletionOrder(templateId: string | undefined, resources: ResourceRecord[]): ResourceRecord[] {
    if (!templateId) return resources;
    const graph = reverseGraph(this.deployer.templateOf(templateId).dependencies());
    const ordered: ResourceRecord[] = [];
    const placed = new Set<string>();
    const place = (resource: ResourceRecord, depth = 0) => {
      if (placed.has(resource.logicalId) || depth > resources.length) return;
      for (const dependent of graph.get(resource.logicalId) ?? []) {
        const waiting = resources.find((candidate) => candidate.logicalId === dependent);
        if (waiting) place(waiting, depth + 1);
      }
      placed.add(resource.logicalId);
      ordered.push(resource);
    };
    for (const resource of resources) place(resource);
    // Replaced and removed resources with the same logical ID cannot both be pending; keep any leftovers too.
    return [...ordered, ...resources.filter((resource) => !ordered.includes(resource))];
  }
}

/** "create" when every failed resource was new to the stack, else "update". */
function failedVerb(stack: StackRecord, failed: string[]): string {
  const previous = stack.operation?.previous?.resources ?? {};
  return failed.every((logicalId) => previous[logicalId] === undefined) ? 'create' : 'update';
}
