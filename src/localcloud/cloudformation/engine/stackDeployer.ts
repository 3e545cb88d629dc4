// The deployment engine's create and delete flows: walk the template's dependency graph (independent resources
// in parallel, deletion in reverse), run one ResourceSteps step per resource, and record the stack's statuses as
// CloudFormation does (CREATE_IN_PROGRESS -> CREATE_COMPLETE, or ROLLBACK_IN_PROGRESS -> ROLLBACK_COMPLETE).
// Every flow reads what it needs from the persisted stack, so a restart can finish an interrupted one.
import { randomUUID } from 'node:crypto';
import type { ResourceRecord, StackRecord } from '../state/stackRecords';
import { StackTemplate } from '../template/stackTemplate';
import type { EngineDependencies } from './engineDependencies';
import { reverseGraph, walkGraph } from './graphWalker';
import { reasonOf, ResourceSteps } from './resourceSteps';
import { checkImportedExports, evaluateOutputs, stackEvaluator } from './stackEvaluation';
import { StackRecorder } from './stackRecorder';

export class StackDeployer {
  constructor(readonly dependencies: EngineDependencies) {}

  recorderFor(stack: StackRecord): StackRecorder {
    return new StackRecorder(stack, this.dependencies.store, this.dependencies.clock);
  }

  templateOf(templateId: string): StackTemplate {
    return new StackTemplate(this.dependencies.store.template(templateId).processed);
  }

  /** Creates every active resource; the stack is already CREATE_IN_PROGRESS with its operation recorded. */
  async create(stack: StackRecord): Promise<void> {
    const recorder = this.recorderFor(stack);
    const template = this.templateOf(stack.templateId!);
    const imports = new Set<string>();
    const evaluator = stackEvaluator(this.dependencies, stack, template, stack.parameters, imports);
    let failure: string;
    try {
      const active = Object.keys(template.resources).filter((id) => evaluator.isActive(template.resources[id]!));
      const steps = new ResourceSteps(this.dependencies, recorder);
      const result = await walkGraph(active, template.dependencies(new Set(active)), (id) =>
        steps.create(id, template, evaluator),
      );
      if (result.failed.size === 0) {
        stack.outputs = evaluateOutputs(this.dependencies, stack, template, evaluator);
        stack.imports = [...imports];
        delete stack.operation;
        recorder.stackStatus('CREATE_COMPLETE');
        return;
      }
      failure = `The following resource(s) failed to create: [${[...result.failed.keys()].sort().join(', ')}]. `;
    } catch (error) {
      failure = reasonOf(error);
    }
    await this.failCreate(stack, failure);
  }

  /** A failed (or interrupted) create: stop, roll back, or delete the stack, as OnFailure says. */
  async failCreate(stack: StackRecord, reason: string): Promise<void> {
    const recorder = this.recorderFor(stack);
    const onFailure = stack.operation?.onFailure ?? 'ROLLBACK';
    if (onFailure === 'DO_NOTHING') {
      delete stack.operation;
      recorder.stackStatus('CREATE_FAILED', reason);
      return;
    }
    if (onFailure === 'DELETE') {
      await this.delete(stack, reason);
      return;
    }
    recorder.stackStatus('ROLLBACK_IN_PROGRESS', `${reason}Rollback requested by user.`);
    await this.rollbackCreate(stack);
  }

  /** Deletes what a failed create made; ROLLBACK_COMPLETE (or ROLLBACK_FAILED). */
  async rollbackCreate(stack: StackRecord): Promise<void> {
    const recorder = this.recorderFor(stack);
    const failed = await this.deleteResources(stack, new Set());
    if (failed.length > 0) {
      delete stack.operation;
      recorder.stackStatus('ROLLBACK_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
      return;
    }
    delete stack.operation;
    recorder.stackStatus('ROLLBACK_COMPLETE');
  }

  /** Deletes the stack's resources (in reverse dependency order) and the stack: DELETE_COMPLETE or DELETE_FAILED. */
  async delete(stack: StackRecord, reason = 'User Initiated'): Promise<void> {
    const recorder = this.recorderFor(stack);
    stack.operation ??= { kind: 'DELETE', operationId: randomUUID(), onFailure: 'DO_NOTHING', cleanup: [] };
    if (stack.status !== 'DELETE_IN_PROGRESS') recorder.stackStatus('DELETE_IN_PROGRESS', reason);
    try {
      checkImportedExports(this.dependencies, stack, undefined);
    } catch (error) {
      delete stack.operation;
      recorder.stackStatus('DELETE_FAILED', reasonOf(error));
      return;
    }
    const retain = new Set(stack.operation.retain ?? []);
    const failed = await this.deleteResources(stack, retain);
    delete stack.operation;
    if (failed.length > 0) {
      recorder.stackStatus('DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
      return;
    }
    recorder.stackStatus('DELETE_COMPLETE');
  }

  /** Deletes every resource that may still exist, dependents first; answers the logical IDs that failed. */
  private async deleteResources(stack: StackRecord, retain: ReadonlySet<string>): Promise<string[]> {
    const recorder = this.recorderFor(stack);
    const steps = new ResourceSteps(this.dependencies, recorder);
    const remaining = Object.values(stack.resources).filter(
      (resource) => resource.status !== 'DELETE_COMPLETE' && resource.status !== 'DELETE_SKIPPED',
    );
    const ids = new Set(remaining.map((resource) => resource.logicalId));
    const graph = stack.templateId ? this.templateOf(stack.templateId).dependencies(ids) : new Map();
    const failed: string[] = [];
    const result = await walkGraph(ids, reverseGraph(graph), async (logicalId) => {
      const resource = stack.resources[logicalId]!;
      await steps.delete(resource, isRetained(resource, retain, stack.status === 'DELETE_IN_PROGRESS'));
    });
    failed.push(...result.failed.keys());
    // A failed delete stops the walk; what it did not reach stays for the next attempt.
    return failed.sort();
  }
}

/** Retain keeps a resource on delete and on a create's rollback; RetainExceptOnCreate only on delete. */
function isRetained(resource: ResourceRecord, retain: ReadonlySet<string>, deletingStack: boolean): boolean {
  if (retain.has(resource.logicalId) || resource.deletionPolicy === 'Retain') return true;
  return deletingStack && resource.deletionPolicy === 'RetainExceptOnCreate';
}
