// The read operations: DescribeStacks, ListStacks, DescribeStackEvents, DescribeStackResource(s),
// ListStackResources, ListExports and ListImports, rendering the stored records in the model's shapes.
import { AwsError } from '../../protocol/awsError';
import type { CloudFormationEngine } from '../cloudFormationEngine';
import type { ResourceRecord, StackRecord } from '../state/stackRecords';
import type {
  DescribeStackEventsInput,
  DescribeStackEventsOutput,
  DescribeStackResourceInput,
  DescribeStackResourceOutput,
  DescribeStackResourcesInput,
  DescribeStackResourcesOutput,
  DescribeStacksInput,
  DescribeStacksOutput,
  ListExportsInput,
  ListExportsOutput,
  ListImportsInput,
  ListImportsOutput,
  ListStackResourcesInput,
  ListStackResourcesOutput,
  ListStacksInput,
  ListStacksOutput,
  Parameter,
  Stack,
  StackResource,
} from '../../models/generated/cloudformation';
import { pageOf } from './paging';

const NO_ECHO_MASK = '****';

export function describeStacks(engine: CloudFormationEngine, input: DescribeStacksInput): DescribeStacksOutput {
  const stacks =
    input.StackName === undefined
      ? engine.store
          .allStacks()
          .filter((stack) => stack.status !== 'DELETE_COMPLETE')
          .reverse()
      : [engine.requireStack(input.StackName)];
  const page = pageOf(stacks, input.NextToken, 100);
  return { Stacks: page.items.map(stackShape), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** A stack record as the API's Stack shape (NoEcho parameters masked). */
export function stackShape(stack: StackRecord): Stack {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    ...(stack.changeSetId ? { ChangeSetId: stack.changeSetId } : {}),
    ...(stack.description !== undefined ? { Description: stack.description } : {}),
    Parameters: parameterShapes(stack.parameters),
    CreationTime: new Date(stack.creationTime),
    ...(stack.deletionTime ? { DeletionTime: new Date(stack.deletionTime) } : {}),
    ...(stack.lastUpdatedTime ? { LastUpdatedTime: new Date(stack.lastUpdatedTime) } : {}),
    RollbackConfiguration: {},
    StackStatus: stack.status,
    ...(stack.statusReason !== undefined ? { StackStatusReason: stack.statusReason } : {}),
    DisableRollback: stack.disableRollback,
    NotificationARNs: stack.notificationArns,
    ...(stack.timeoutInMinutes !== undefined ? { TimeoutInMinutes: stack.timeoutInMinutes } : {}),
    Capabilities: stack.capabilities,
    Outputs: stack.outputs.map((output) => ({
      OutputKey: output.key,
      OutputValue: output.value,
      ...(output.description !== undefined ? { Description: output.description } : {}),
      ...(output.exportName !== undefined ? { ExportName: output.exportName } : {}),
    })),
    ...(stack.roleArn ? { RoleARN: stack.roleArn } : {}),
    Tags: stack.tags,
    EnableTerminationProtection: stack.terminationProtection,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function parameterShapes(parameters: StackRecord['parameters']): Parameter[] {
  return parameters.map((parameter) => ({
    ParameterKey: parameter.key,
    ParameterValue: parameter.noEcho ? NO_ECHO_MASK : parameter.value,
    ...(parameter.resolvedValue !== undefined && !parameter.noEcho ? { ResolvedValue: parameter.resolvedValue } : {}),
  }));
}

export function listStacks(engine: CloudFormationEngine, input: ListStacksInput): ListStacksOutput {
  const filter = input.StackStatusFilter?.length ? new Set(input.StackStatusFilter) : undefined;
  const stacks = engine.store
    .allStacks()
    .filter((stack) => !filter || filter.has(stack.status))
    .reverse();
  const page = pageOf(stacks, input.NextToken, 100);
  return {
    StackSummaries: page.items.map((stack) => ({
      StackId: stack.stackId,
      StackName: stack.stackName,
      ...(stack.description !== undefined ? { TemplateDescription: stack.description } : {}),
      CreationTime: new Date(stack.creationTime),
      ...(stack.lastUpdatedTime ? { LastUpdatedTime: new Date(stack.lastUpdatedTime) } : {}),
      ...(stack.deletionTime ? { DeletionTime: new Date(stack.deletionTime) } : {}),
      StackStatus: stack.status,
      ...(stack.statusReason !== undefined ? { StackStatusReason: stack.statusReason } : {}),
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

export function describeStackEvents(
  engine: CloudFormationEngine,
  input: DescribeStackEventsInput,
): DescribeStackEventsOutput {
  const stack = engine.requireStack(input.StackName);
  const events = [...engine.store.eventsOf(stack.stackId)].reverse();
  const page = pageOf(events, input.NextToken, 100);
  return {
    StackEvents: page.items.map((event) => ({
      StackId: event.stackId,
      EventId: event.eventId,
      StackName: event.stackName,
      ...(event.operationId ? { OperationId: event.operationId } : {}),
      LogicalResourceId: event.logicalId,
      ...(event.physicalId !== undefined ? { PhysicalResourceId: event.physicalId } : {}),
      ResourceType: event.resourceType,
      Timestamp: new Date(event.timestamp),
      ResourceStatus: event.status,
      ...(event.reason !== undefined ? { ResourceStatusReason: event.reason } : {}),
      ...(event.properties !== undefined ? { ResourceProperties: event.properties } : {}),
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** The stack's resources as listed (deleted resources of a live stack are gone from its list). */
function listedResources(stack: StackRecord): ResourceRecord[] {
  return Object.values(stack.resources).sort((a, b) => a.logicalId.localeCompare(b.logicalId));
}

function resourceShape(stack: StackRecord, resource: ResourceRecord): StackResource {
  return {
    StackName: stack.stackName,
    StackId: stack.stackId,
    LogicalResourceId: resource.logicalId,
    ...(resource.physicalId !== undefined ? { PhysicalResourceId: resource.physicalId } : {}),
    ResourceType: resource.type,
    Timestamp: new Date(resource.lastUpdated),
    ResourceStatus: resource.status,
    ...(resource.statusReason !== undefined ? { ResourceStatusReason: resource.statusReason } : {}),
    ...(resource.description !== undefined ? { Description: resource.description } : {}),
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

export function describeStackResource(
  engine: CloudFormationEngine,
  input: DescribeStackResourceInput,
): DescribeStackResourceOutput {
  const stack = engine.requireStack(input.StackName);
  const resource = stack.resources[input.LogicalResourceId];
  if (!resource) {
    throw new AwsError(
      'ValidationError',
      `Resource ${input.LogicalResourceId} does not exist for stack ${stack.stackName}`,
    );
  }
  const { Timestamp, ...shape } = resourceShape(stack, resource);
  return {
    StackResourceDetail: {
      ...shape,
      LastUpdatedTimestamp: Timestamp,
      ...(resource.metadata !== undefined ? { Metadata: JSON.stringify(resource.metadata) } : {}),
    },
  };
}

export function describeStackResources(
  engine: CloudFormationEngine,
  input: DescribeStackResourcesInput,
): DescribeStackResourcesOutput {
  let stacks: StackRecord[];
  if (input.StackName !== undefined) {
    stacks = [engine.requireStack(input.StackName)];
  } else if (input.PhysicalResourceId !== undefined) {
    const owner = engine.store
      .allStacks()
      .find(
        (stack) =>
          stack.status !== 'DELETE_COMPLETE' &&
          Object.values(stack.resources).some((resource) => resource.physicalId === input.PhysicalResourceId),
      );
    if (!owner) throw new AwsError('ValidationError', `Stack for ${input.PhysicalResourceId} does not exist`);
    stacks = [owner];
  } else {
    throw new AwsError('ValidationError', 'Either StackName or PhysicalResourceId must be specified.');
  }
  const resources = stacks.flatMap((stack) =>
    listedResources(stack)
      .filter((resource) => input.LogicalResourceId === undefined || resource.logicalId === input.LogicalResourceId)
      .map((resource) => resourceShape(stack, resource)),
  );
  return { StackResources: resources };
}

export function listStackResources(
  engine: CloudFormationEngine,
  input: ListStackResourcesInput,
): ListStackResourcesOutput {
  const stack = engine.requireStack(input.StackName);
  const page = pageOf(listedResources(stack), input.NextToken, 100);
  return {
    StackResourceSummaries: page.items.map((resource) => {
      const {
        Timestamp,
        StackName: _name,
        StackId: _id,
        Description: _description,
        ...shape
      } = resourceShape(stack, resource);
      return {
        ...shape,
        LastUpdatedTimestamp: Timestamp,
        DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
      };
    }),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

export function listExports(engine: CloudFormationEngine, input: ListExportsInput): ListExportsOutput {
  const exports = engine.store
    .allStacks()
    .filter((stack) => stack.status !== 'DELETE_COMPLETE')
    .flatMap((stack) =>
      stack.outputs
        .filter((output) => output.exportName !== undefined)
        .map((output) => ({ ExportingStackId: stack.stackId, Name: output.exportName!, Value: output.value })),
    )
    .sort((a, b) => a.Name.localeCompare(b.Name));
  const page = pageOf(exports, input.NextToken, 100);
  return { Exports: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

export function listImports(engine: CloudFormationEngine, input: ListImportsInput): ListImportsOutput {
  if (!engine.dependencies.exports.exporter(input.ExportName)) {
    throw new AwsError('ValidationError', `Export '${input.ExportName}' is not imported by any stack.`);
  }
  const importers = engine.dependencies.exports.importers(input.ExportName);
  if (importers.length === 0) {
    throw new AwsError('ValidationError', `Export '${input.ExportName}' is not imported by any stack.`);
  }
  const page = pageOf(importers.sort(), input.NextToken, 100);
  return { Imports: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}
