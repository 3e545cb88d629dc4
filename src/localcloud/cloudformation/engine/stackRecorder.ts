// Every change of a stack or resource status is recorded the same way: the stack document is saved (atomically)
// and an event is appended, stamped by the injected clock. DescribeStacks and DescribeStackEvents read what this
// wrote, so a client never sees a status that a crash could take back.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type { StackStore } from '../state/stackStore';
import type { ResourceRecord, ResourceStatus, StackRecord, StackStatus } from '../state/stackRecords';

export const STACK_TYPE = 'AWS::CloudFormation::Stack';

const KEEPS_REASON: ReadonlySet<StackStatus> = new Set([
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
]);

/** Records one stack's progress. */
export class StackRecorder {
  constructor(
    readonly stack: StackRecord,
    private readonly store: StackStore,
    readonly clock: Clock,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * Sets the stack's status (and reason) and records the stack's own event. Through a rollback the stack keeps
   * the reason it rolled back for, so a stack at rest still says what happened.
   */
  stackStatus(status: StackStatus, reason?: string): void {
    const stack = this.stack;
    stack.status = status;
    if (reason !== undefined) stack.statusReason = reason;
    else if (!KEEPS_REASON.has(status)) delete stack.statusReason;
    if (status === 'DELETE_COMPLETE') stack.deletionTime = this.now();
    this.store.saveStack(stack);
    this.store.appendEvent({
      eventId: randomUUID(),
      stackId: stack.stackId,
      stackName: stack.stackName,
      operationId: stack.operation?.operationId,
      logicalId: stack.stackName,
      physicalId: stack.stackId,
      resourceType: STACK_TYPE,
      timestamp: this.now(),
      status,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  /** Stores the resource with a new status and records its event. */
  resourceStatus(resource: ResourceRecord, status: ResourceStatus, reason?: string, properties?: boolean): void {
    resource.status = status;
    resource.lastUpdated = this.now();
    if (reason === undefined) delete resource.statusReason;
    else resource.statusReason = reason;
    this.stack.resources[resource.logicalId] = resource;
    this.store.saveResource(this.stack, resource);
    this.resourceEvent(resource, status, reason, properties);
  }

  /** Records an event for a resource without changing it (progress reports). */
  resourceEvent(resource: ResourceRecord, status: string, reason?: string, properties?: boolean): void {
    this.store.appendEvent({
      eventId: `${resource.logicalId}-${status}-${this.now()}-${randomUUID().slice(0, 8)}`,
      stackId: this.stack.stackId,
      stackName: this.stack.stackName,
      operationId: this.stack.operation?.operationId,
      logicalId: resource.logicalId,
      ...(resource.physicalId === undefined ? {} : { physicalId: resource.physicalId }),
      resourceType: resource.type,
      timestamp: this.now(),
      status,
      ...(reason === undefined ? {} : { reason }),
      ...(properties ? { properties: JSON.stringify(resource.properties) } : {}),
    });
  }

  /** Saves the stack document as it is (operation bookkeeping). */
  save(): void {
    this.store.saveStack(this.stack);
  }

  /** Saves one resource of the stack as it is (a physical ID chosen before the resource exists). */
  saveResource(resource: ResourceRecord): void {
    this.store.saveResource(this.stack, resource);
  }
}
