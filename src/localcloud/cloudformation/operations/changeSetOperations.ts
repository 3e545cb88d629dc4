// Change sets: CreateChangeSet (CREATE leaves a new stack in REVIEW_IN_PROGRESS), DescribeChangeSet,
// ExecuteChangeSet, DeleteChangeSet and ListChangeSets. A template whose transform fails gives a FAILED change set
// with the transform's reason; a change set without changes ends FAILED with AWS's "didn't contain changes".
import { randomUUID } from 'node:crypto';
import { AwsError, isAwsError } from '../../protocol/awsError';
import type { CloudFormationEngine } from '../cloudFormationEngine';
import { planChanges } from '../engine/changeSetPlanner';
import { StackRecorder } from '../engine/stackRecorder';
import type { ChangeSetRecord, StackRecord } from '../state/stackRecords';
import { usesMacros } from '../template/processTemplate';
import type {
  CreateChangeSetInput,
  CreateChangeSetOutput,
  DeleteChangeSetInput,
  DeleteChangeSetOutput,
  DescribeChangeSetInput,
  DescribeChangeSetOutput,
  ExecuteChangeSetInput,
  ExecuteChangeSetOutput,
  ListChangeSetsInput,
  ListChangeSetsOutput,
} from '../../models/generated/cloudformation';
import { parameterShapes } from './describeOperations';
import { pageOf } from './paging';
import { beginUpdate, onFailureOf, requireUpdatable } from './stackOperations';
import {
  changeSetArn,
  checkTypeChanges,
  isEmptyUpdate,
  prepareParameters,
  prepareTemplate,
  stackArn,
  tagsOf,
  validateName,
  type DeploymentRequest,
} from './stackRequests';

export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

export function createChangeSet(engine: CloudFormationEngine, input: CreateChangeSetInput): CreateChangeSetOutput {
  const changeSetName = validateName(input.ChangeSetName, 'changeSetName');
  const type = input.ChangeSetType ?? 'UPDATE';
  if (type !== 'CREATE' && type !== 'UPDATE') {
    throw new AwsError(
      'ValidationError',
      `ChangeSetType ${type} is not supported by the local cloud (CREATE or UPDATE)`,
    );
  }
  const existing = engine.findStack(input.StackName);
  if (type === 'CREATE' && existing && existing.status !== 'REVIEW_IN_PROGRESS') {
    throw new AwsError(
      'ValidationError',
      `Stack [${existing.stackName}] already exists and cannot be created again with the changeSet [${changeSetName}].`,
    );
  }
  if (type === 'UPDATE') {
    if (!existing || existing.status === 'REVIEW_IN_PROGRESS') {
      throw new AwsError('ValidationError', `Stack [${input.StackName}] does not exist`);
    }
    requireUpdatable(existing);
  }
  if (
    existing &&
    engine.store.changeSetsOf(existing.stackId).some((changeSet) => changeSet.changeSetName === changeSetName)
  ) {
    throw new AwsError('AlreadyExistsException', `ChangeSet ${changeSetName} already exists`);
  }
  const stackName = existing?.stackName ?? validateName(input.StackName, 'stackName');
  const stackId = existing?.stackId ?? stackArn(engine, stackName, randomUUID());
  const notificationArns = input.NotificationARNs ?? existing?.notificationArns ?? [];
  const submitted = engine.submittedTemplate(input, existing);
  const request: DeploymentRequest = {
    submitted,
    parameters: input.Parameters,
    capabilities: input.Capabilities,
    stack: { stackName, stackId, notificationArns },
    previous: existing,
    direct: false,
  };
  const parameters = prepareParameters(engine, request);
  const changeSet: ChangeSetRecord = {
    changeSetId: changeSetArn(engine, changeSetName, randomUUID()),
    changeSetName,
    stackId,
    stackName,
    changeSetType: type,
    status: 'CREATE_COMPLETE',
    executionStatus: 'AVAILABLE',
    creationTime: engine.options.clock.now().toISOString(),
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    parameters,
    capabilities: input.Capabilities ?? [],
    tags: tagsOf(input.Tags, existing?.tags),
    notificationArns,
    ...(input.OnStackFailure !== undefined ? { onStackFailure: onFailureOf(input.OnStackFailure) } : {}),
    changes: [],
  };
  const stack = existing ?? reviewStack(engine, stackId, stackName, notificationArns);
  try {
    const prepared = prepareTemplate(engine, request, parameters);
    changeSet.templateId = prepared.templateId;
    if (type === 'UPDATE') checkTypeChanges(stack, prepared.template);
    if (type === 'UPDATE' && isEmptyUpdate(engine, stack, prepared, changeSet.tags)) {
      fail(changeSet, NO_CHANGES_REASON);
    } else {
      changeSet.changes = planChanges(engine.dependencies, stack, prepared.template, parameters);
    }
  } catch (error) {
    // Capability errors are answered at once; so is any problem of a template without macros. With macros, the
    // template is only known after they ran, so AWS reports the failure on the change set.
    if (!isAwsError(error) || error.code === 'InsufficientCapabilitiesException' || !usesMacros(submitted.parsed)) {
      throw error;
    }
    changeSet.templateId = engine.store.putTemplate({ original: submitted.original, processed: submitted.parsed });
    fail(changeSet, error.message);
  }
  if (!existing) {
    new StackRecorder(stack, engine.store, engine.options.clock).stackStatus('REVIEW_IN_PROGRESS', 'User Initiated');
  }
  engine.store.saveChangeSet(changeSet);
  return { Id: changeSet.changeSetId, StackId: stackId };
}

function fail(changeSet: ChangeSetRecord, reason: string): void {
  changeSet.status = 'FAILED';
  changeSet.statusReason = reason;
  changeSet.executionStatus = 'UNAVAILABLE';
  changeSet.changes = [];
}

/** The stack a CREATE change set makes: no template yet, REVIEW_IN_PROGRESS until the change set runs. */
function reviewStack(
  engine: CloudFormationEngine,
  stackId: string,
  stackName: string,
  notificationArns: string[],
): StackRecord {
  return {
    stackId,
    stackName,
    status: 'REVIEW_IN_PROGRESS',
    creationTime: engine.options.clock.now().toISOString(),
    parameters: [],
    capabilities: [],
    tags: [],
    notificationArns,
    disableRollback: false,
    terminationProtection: false,
    outputs: [],
    resources: {},
  };
}

/** The change set a ChangeSetName (name or ARN) and optional StackName identify. */
export function requireChangeSet(
  engine: CloudFormationEngine,
  changeSetName: string,
  stackName: string | undefined,
): ChangeSetRecord {
  let changeSet: ChangeSetRecord | undefined;
  if (changeSetName.startsWith('arn:')) {
    changeSet = engine.store.changeSet(changeSetName);
  } else {
    if (stackName === undefined) {
      throw new AwsError('ValidationError', 'StackName must be specified if ChangeSetName is not specified as an ARN.');
    }
    const stack = engine.findStack(stackName);
    changeSet = stack
      ? engine.store.changeSetsOf(stack.stackId).find((candidate) => candidate.changeSetName === changeSetName)
      : undefined;
  }
  if (!changeSet) throw new AwsError('ChangeSetNotFound', `ChangeSet [${changeSetName}] does not exist`, 404);
  return changeSet;
}

export function describeChangeSet(
  engine: CloudFormationEngine,
  input: DescribeChangeSetInput,
): DescribeChangeSetOutput {
  const changeSet = requireChangeSet(engine, input.ChangeSetName, input.StackName);
  const page = pageOf(changeSet.changes, input.NextToken, 1000);
  return {
    ChangeSetName: changeSet.changeSetName,
    ChangeSetId: changeSet.changeSetId,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    ...(changeSet.description !== undefined ? { Description: changeSet.description } : {}),
    Parameters: parameterShapes(changeSet.parameters),
    CreationTime: new Date(changeSet.creationTime),
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    ...(changeSet.statusReason !== undefined ? { StatusReason: changeSet.statusReason } : {}),
    NotificationARNs: changeSet.notificationArns,
    RollbackConfiguration: {},
    Capabilities: changeSet.capabilities,
    Tags: changeSet.tags,
    Changes: page.items,
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    IncludeNestedStacks: false,
    ...(changeSet.onStackFailure ? { OnStackFailure: changeSet.onStackFailure } : {}),
  };
}

export function executeChangeSet(engine: CloudFormationEngine, input: ExecuteChangeSetInput): ExecuteChangeSetOutput {
  const changeSet = requireChangeSet(engine, input.ChangeSetName, input.StackName);
  if (changeSet.status !== 'CREATE_COMPLETE' || changeSet.executionStatus !== 'AVAILABLE') {
    throw new AwsError(
      'InvalidChangeSetStatus',
      `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current status of [${changeSet.status}]`,
    );
  }
  const stack = engine.store.stack(changeSet.stackId)!;
  if (changeSet.changeSetType === 'UPDATE') requireUpdatable(stack);
  else if (stack.status !== 'REVIEW_IN_PROGRESS') {
    throw new AwsError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }
  // Executing one change set makes the stack's others obsolete.
  for (const other of engine.store.changeSetsOf(stack.stackId)) {
    if (other.changeSetId !== changeSet.changeSetId) engine.store.deleteChangeSet(other.changeSetId);
  }
  changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
  engine.store.saveChangeSet(changeSet);
  const template = engine.deployer.templateOf(changeSet.templateId!);
  const disableRollback = input.DisableRollback ?? (changeSet.onStackFailure === 'DO_NOTHING' ? true : undefined);
  if (changeSet.changeSetType === 'CREATE') {
    Object.assign(stack, {
      templateId: changeSet.templateId,
      parameters: changeSet.parameters,
      description: template.description,
      capabilities: changeSet.capabilities,
      tags: changeSet.tags,
      changeSetId: changeSet.changeSetId,
      disableRollback: disableRollback === true,
    });
    const onFailure = disableRollback ? 'DO_NOTHING' : (changeSet.onStackFailure ?? 'ROLLBACK');
    stack.operation = { kind: 'CREATE', operationId: randomUUID(), onFailure, cleanup: [] };
    new StackRecorder(stack, engine.store, engine.options.clock).stackStatus('CREATE_IN_PROGRESS', 'User Initiated');
    engine.run(stack, () => engine.deployer.create(stack));
  } else {
    const prepared = { templateId: changeSet.templateId!, parameters: changeSet.parameters, template };
    beginUpdate(
      engine,
      stack,
      prepared,
      changeSet.tags,
      changeSet.capabilities,
      disableRollback,
      changeSet.changeSetId,
    );
  }
  engine.run(stack, () => {
    changeSet.executionStatus =
      stack.status === 'CREATE_COMPLETE' || stack.status === 'UPDATE_COMPLETE' ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
    if (engine.store.changeSet(changeSet.changeSetId)) engine.store.saveChangeSet(changeSet);
    return Promise.resolve();
  });
  return {};
}

export function deleteChangeSet(engine: CloudFormationEngine, input: DeleteChangeSetInput): DeleteChangeSetOutput {
  const changeSet = requireChangeSet(engine, input.ChangeSetName, input.StackName);
  if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new AwsError(
      'InvalidChangeSetStatus',
      `Cannot delete ChangeSet [${changeSet.changeSetId}] while its execution status is EXECUTE_IN_PROGRESS`,
    );
  }
  engine.store.deleteChangeSet(changeSet.changeSetId);
  return {};
}

export function listChangeSets(engine: CloudFormationEngine, input: ListChangeSetsInput): ListChangeSetsOutput {
  const stack = engine.requireStack(input.StackName);
  const page = pageOf(engine.store.changeSetsOf(stack.stackId), input.NextToken, 100);
  return {
    Summaries: page.items.map((changeSet) => ({
      StackId: changeSet.stackId,
      StackName: changeSet.stackName,
      ChangeSetId: changeSet.changeSetId,
      ChangeSetName: changeSet.changeSetName,
      ExecutionStatus: changeSet.executionStatus,
      Status: changeSet.status,
      ...(changeSet.statusReason !== undefined ? { StatusReason: changeSet.statusReason } : {}),
      CreationTime: new Date(changeSet.creationTime),
      ...(changeSet.description !== undefined ? { Description: changeSet.description } : {}),
      IncludeNestedStacks: false,
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
