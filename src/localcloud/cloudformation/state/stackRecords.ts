// What the local CloudFormation keeps about stacks, resources, change sets and events: plain JSON documents,
// persisted by StackStore and turned into the API's shapes by the operations.
import type { JsonObject, JsonValue } from '../../../core/template/templateJson';

export type StackStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_FAILED'
  | 'CREATE_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_FAILED'
  | 'ROLLBACK_COMPLETE'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_FAILED'
  | 'DELETE_COMPLETE'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE'
  | 'REVIEW_IN_PROGRESS';

export type ResourceStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_FAILED'
  | 'CREATE_COMPLETE'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_FAILED'
  | 'DELETE_COMPLETE'
  | 'DELETE_SKIPPED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_FAILED'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'UPDATE_ROLLBACK_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_FAILED'
  | 'ROLLBACK_COMPLETE';

/** A stack parameter as given and resolved (SSM parameter types resolve to the stored value). */
export interface ParameterRecord {
  key: string;
  value: string;
  /** For `AWS::SSM::Parameter::Value<...>` types: the value read from the parameter store. */
  resolvedValue?: string;
  noEcho: boolean;
}

export interface OutputRecord {
  key: string;
  value: string;
  description?: string;
  exportName?: string;
}

export interface TagRecord {
  Key: string;
  Value: string;
}

/** One resource of a stack as deployed. */
export interface ResourceRecord {
  logicalId: string;
  type: string;
  /** Known once the provider has chosen it (names are chosen before creation, so a crash can still clean up). */
  physicalId?: string;
  status: ResourceStatus;
  statusReason?: string;
  /** ISO-8601. */
  lastUpdated: string;
  /** The resolved properties the resource was created or last updated with. */
  properties: JsonObject;
  /** GetAtt values. */
  attributes: Record<string, JsonValue>;
  /** What Ref returns, when it differs from the physical ID. */
  ref?: string;
  deletionPolicy?: string;
  updateReplacePolicy?: string;
  description?: string;
  metadata?: JsonValue;
  /** True when the local cloud only records the resource (its type does not run locally). */
  simulated?: boolean;
}

/** A stack operation that has started and not finished: what a restart needs to finish or undo it. */
export interface OperationRecord {
  kind: 'CREATE' | 'UPDATE' | 'DELETE';
  operationId: string;
  /** What a failure does: roll back (default), delete the stack (create only), or stop where it is. */
  onFailure: 'ROLLBACK' | 'DELETE' | 'DO_NOTHING';
  /** The stack as it was before an update: what UPDATE_ROLLBACK restores. */
  previous?: StackSnapshot;
  /** Physical resources an update replaced or removed, deleted in the cleanup phase (or kept on rollback). */
  cleanup: CleanupEntry[];
  /** Physical resources a rolled-back update had created, deleted in the rollback's cleanup phase. */
  rollbackCleanup?: ResourceRecord[];
  /** DeleteStack's RetainResources. */
  retain?: string[];
  /** Set by CancelUpdateStack: the update stops and rolls back. */
  cancelRequested?: boolean;
}

/** A physical resource waiting for the cleanup phase, and why: replaced ones follow UpdateReplacePolicy. */
export interface CleanupEntry {
  resource: ResourceRecord;
  cause: 'replaced' | 'removed';
}

/** The parts of a stack an update replaces, kept to roll back to. */
export interface StackSnapshot {
  templateId: string;
  parameters: ParameterRecord[];
  resources: Record<string, ResourceRecord>;
  outputs: OutputRecord[];
  description?: string;
  tags: TagRecord[];
  capabilities: string[];
}

export interface StackRecord {
  stackId: string;
  stackName: string;
  status: StackStatus;
  statusReason?: string;
  /** ISO-8601 times. */
  creationTime: string;
  lastUpdatedTime?: string;
  deletionTime?: string;
  description?: string;
  /** The template in the TemplateStore (absent while a stack only has a change set under review). */
  templateId?: string;
  parameters: ParameterRecord[];
  capabilities: string[];
  tags: TagRecord[];
  notificationArns: string[];
  disableRollback: boolean;
  terminationProtection: boolean;
  timeoutInMinutes?: number;
  roleArn?: string;
  /** The change set that last created or updated the stack. */
  changeSetId?: string;
  outputs: OutputRecord[];
  resources: Record<string, ResourceRecord>;
  /** Export names the stack's template imports (Fn::ImportValue), which other stacks cannot remove meanwhile. */
  imports?: string[];
  operation?: OperationRecord;
}

/** One stored template: the text as submitted and the processed JSON (transforms applied). */
export interface TemplateDocument {
  original: string;
  processed: JsonObject;
}

export type ChangeSetStatus =
  'CREATE_PENDING' | 'CREATE_IN_PROGRESS' | 'CREATE_COMPLETE' | 'DELETE_COMPLETE' | 'FAILED';
export type ExecutionStatus =
  'UNAVAILABLE' | 'AVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED' | 'OBSOLETE';

/** A change as DescribeChangeSet returns it (the model's `Change` shape). */
export interface ChangeRecord {
  Type: 'Resource';
  ResourceChange: {
    Action: 'Add' | 'Modify' | 'Remove';
    LogicalResourceId: string;
    PhysicalResourceId?: string;
    ResourceType: string;
    Replacement?: 'True' | 'False' | 'Conditional';
    Scope: string[];
    Details: ChangeDetailRecord[];
    PolicyAction?: 'Delete' | 'Retain' | 'Snapshot' | 'ReplaceAndDelete' | 'ReplaceAndRetain' | 'ReplaceAndSnapshot';
  };
}

export interface ChangeDetailRecord {
  Target: {
    Attribute: string;
    Name?: string;
    RequiresRecreation?: 'Never' | 'Conditionally' | 'Always';
  };
  Evaluation: 'Static' | 'Dynamic';
  ChangeSource?: 'ResourceReference' | 'ParameterReference' | 'ResourceAttribute' | 'DirectModification' | 'Automatic';
  CausingEntity?: string;
}

export interface ChangeSetRecord {
  changeSetId: string;
  changeSetName: string;
  stackId: string;
  stackName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  status: ChangeSetStatus;
  statusReason?: string;
  executionStatus: ExecutionStatus;
  creationTime: string;
  description?: string;
  /** The submitted template (and, once processed, its transformed form). */
  templateId?: string;
  parameters: ParameterRecord[];
  capabilities: string[];
  tags: TagRecord[];
  notificationArns: string[];
  onStackFailure?: 'DO_NOTHING' | 'ROLLBACK' | 'DELETE';
  changes: ChangeRecord[];
}

/** A stack event (newest first in DescribeStackEvents). */
export interface StackEventRecord {
  eventId: string;
  stackId: string;
  stackName: string;
  operationId?: string;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  timestamp: string;
  status: string;
  reason?: string;
  properties?: string;
  clientRequestToken?: string;
}

/** True for a stack status that no operation is working on. */
export function isStableStatus(status: StackStatus): boolean {
  return !status.endsWith('_IN_PROGRESS') || status === 'REVIEW_IN_PROGRESS';
}
