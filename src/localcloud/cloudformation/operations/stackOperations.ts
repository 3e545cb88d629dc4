// CreateStack, UpdateStack, DeleteStack and CancelUpdateStack: check the request as AWS does (synchronously),
// record the stack's new status with its "User Initiated" event, and run the operation in the background.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../protocol/awsError';
import type { CloudFormationEngine } from '../cloudFormationEngine';
import { StackRecorder } from '../engine/stackRecorder';
import type { StackRecord, StackStatus } from '../state/stackRecords';
import type {
  CancelUpdateStackInput,
  CreateStackInput,
  CreateStackOutput,
  DeleteStackInput,
  UpdateStackInput,
  UpdateStackOutput,
} from '../../models/generated/cloudformation';
import {
  checkTypeChanges,
  isEmptyUpdate,
  prepareParameters,
  prepareTemplate,
  snapshotOf,
  stackArn,
  tagsOf,
  validateName,
  type DeploymentRequest,
} from './stackRequests';

/** Statuses from which a stack can be updated. */
export const UPDATABLE_STATUSES: ReadonlySet<StackStatus> = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
]);

export function createStack(engine: CloudFormationEngine, input: CreateStackInput): CreateStackOutput {
  const name = validateName(input.StackName, 'stackName');
  if (engine.store.liveStackNamed(name)) throw new AwsError('AlreadyExistsException', `Stack [${name}] already exists`);
  if (input.OnFailure !== undefined && input.DisableRollback !== undefined) {
    throw new AwsError('ValidationError', 'You may specify either OnFailure or DisableRollback, but not both.');
  }
  const submitted = engine.submittedTemplate(input);
  const stackId = stackArn(engine, name, randomUUID());
  const notificationArns = input.NotificationARNs ?? [];
  const request: DeploymentRequest = {
    submitted,
    parameters: input.Parameters,
    capabilities: input.Capabilities,
    stack: { stackName: name, stackId, notificationArns },
    direct: true,
  };
  const prepared = prepareTemplate(engine, request, prepareParameters(engine, request));
  const onFailure = onFailureOf(input.OnFailure ?? (input.DisableRollback ? 'DO_NOTHING' : 'ROLLBACK'));
  const operationId = randomUUID();
  const stack: StackRecord = {
    stackId,
    stackName: name,
    status: 'CREATE_IN_PROGRESS',
    creationTime: engine.options.clock.now().toISOString(),
    description: prepared.template.description,
    templateId: prepared.templateId,
    parameters: prepared.parameters,
    capabilities: input.Capabilities ?? [],
    tags: tagsOf(input.Tags),
    notificationArns,
    disableRollback: onFailure === 'DO_NOTHING',
    terminationProtection: input.EnableTerminationProtection ?? false,
    ...(input.TimeoutInMinutes === undefined ? {} : { timeoutInMinutes: input.TimeoutInMinutes }),
    ...(input.RoleARN === undefined ? {} : { roleArn: input.RoleARN }),
    outputs: [],
    resources: {},
    operation: { kind: 'CREATE', operationId, onFailure, cleanup: [] },
  };
  new StackRecorder(stack, engine.store, engine.options.clock).stackStatus('CREATE_IN_PROGRESS', 'User Initiated');
  engine.run(stack, () => engine.deployer.create(stack));
  return { StackId: stackId, OperationId: operationId };
}

export function updateStack(engine: CloudFormationEngine, input: UpdateStackInput): UpdateStackOutput {
  const stack = engine.requireStack(input.StackName);
  requireUpdatable(stack);
  const submitted = engine.submittedTemplate(input, stack);
  const request: DeploymentRequest = {
    submitted,
    parameters: input.Parameters,
    capabilities: input.Capabilities,
    stack,
    previous: stack,
    direct: true,
  };
  const prepared = prepareTemplate(engine, request, prepareParameters(engine, request));
  checkTypeChanges(stack, prepared.template);
  const tags = tagsOf(input.Tags, stack.tags);
  if (isEmptyUpdate(engine, stack, prepared, tags))
    throw new AwsError('ValidationError', 'No updates are to be performed.');
  const operationId = beginUpdate(engine, stack, prepared, tags, input.Capabilities ?? [], input.DisableRollback);
  return { StackId: stack.stackId, OperationId: operationId };
}

/** Switches the stack to its new template and parameters, records UPDATE_IN_PROGRESS and runs the update. */
export function beginUpdate(
  engine: CloudFormationEngine,
  stack: StackRecord,
  prepared: {
    templateId: string;
    parameters: StackRecord['parameters'];
    template: { description: string | undefined };
  },
  tags: StackRecord['tags'],
  capabilities: string[],
  disableRollback: boolean | undefined,
  changeSetId?: string,
): string {
  const operationId = randomUUID();
  stack.operation = {
    kind: 'UPDATE',
    operationId,
    onFailure: disableRollback ? 'DO_NOTHING' : 'ROLLBACK',
    previous: snapshotOf(stack),
    cleanup: [],
  };
  Object.assign(stack, {
    templateId: prepared.templateId,
    parameters: prepared.parameters,
    description: prepared.template.description,
    tags,
    capabilities,
    lastUpdatedTime: engine.options.clock.now().toISOString(),
  });
  if (changeSetId !== undefined) stack.changeSetId = changeSetId;
  else delete stack.changeSetId;
  new StackRecorder(stack, engine.store, engine.options.clock).stackStatus('UPDATE_IN_PROGRESS', 'User Initiated');
  engine.run(stack, () => engine.updater.update(stack));
  return operationId;
}

/** OnFailure / OnStackFailure: ROLLBACK, DELETE or DO_NOTHING. */
export function onFailureOf(value: string): 'ROLLBACK' | 'DELETE' | 'DO_NOTHING' {
  if (value === 'ROLLBACK' || value === 'DELETE' || value === 'DO_NOTHING') return value;
  throw new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value set: [ROLLBACK, DELETE, DO_NOTHING]`,
  );
}

export function requireUpdatable(stack: StackRecord): void {
  if (!UPDATABLE_STATUSES.has(stack.status)) {
    throw new AwsError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }
}

export function deleteStack(engine: CloudFormationEngine, input: DeleteStackInput): void {
  // Deleting a stack that does not exist (or no longer does) succeeds, as on AWS.
  const stack = input.StackName === undefined ? undefined : engine.findStack(input.StackName);
  if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return;
  if (stack.terminationProtection) {
    throw new AwsError(
      'ValidationError',
      `Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`,
    );
  }
  if (input.RetainResources?.length && stack.status !== 'DELETE_FAILED') {
    throw new AwsError(
      'ValidationError',
      `Invalid operation on stack [${stack.stackId}]. RetainResources can only be specified when stack is in DELETE_FAILED state`,
    );
  }
  for (const changeSet of engine.store.changeSetsOf(stack.stackId)) engine.store.deleteChangeSet(changeSet.changeSetId);
  const recorder = new StackRecorder(stack, engine.store, engine.options.clock);
  const start = () => {
    stack.operation = {
      kind: 'DELETE',
      operationId: randomUUID(),
      onFailure: 'DO_NOTHING',
      cleanup: [],
      retain: input.RetainResources ?? [],
    };
    recorder.stackStatus('DELETE_IN_PROGRESS', 'User Initiated');
  };
  // A stack busy with another operation is deleted when that operation ends.
  const busy = !(
    stack.status.endsWith('_COMPLETE') ||
    stack.status.endsWith('_FAILED') ||
    stack.status === 'REVIEW_IN_PROGRESS'
  );
  if (!busy) start();
  engine.run(stack, async () => {
    if (stack.status !== 'DELETE_IN_PROGRESS') start();
    await engine.deployer.delete(stack);
  });
}

export function cancelUpdateStack(engine: CloudFormationEngine, input: CancelUpdateStackInput): void {
  const stack = engine.requireStack(input.StackName);
  if (stack.status !== 'UPDATE_IN_PROGRESS' || !stack.operation) {
    throw new AwsError(
      'ValidationError',
      `CancelUpdateStack cannot be called from current stack status ${stack.status}`,
    );
  }
  stack.operation.cancelRequested = true;
  engine.store.saveStack(stack);
}
