// ScheduleV2 events: an EventBridge Scheduler schedule invoking the function with a role SAM creates (unless
// RoleArn is given), and an optional dead-letter queue.
import { getAtt, type JsonObject, type JsonValue } from '../intrinsics';
import { assumeRolePolicyFor } from '../iam/executionRole';
import type { CfnResource, GeneratedResources } from '../transformContext';
import { eventPath, functionArn, ruleDeadLetterConfig, type FunctionEventHandler } from './functionEvent';

const PASSED = [
  'ScheduleExpression',
  'ScheduleExpressionTimezone',
  'Description',
  'StartDate',
  'EndDate',
  'GroupName',
  'KmsKeyArn',
  'State',
];

/** The schedule and its role; shared by functions and state machines. */
export function scheduleV2Resources(
  eventName: string,
  eventId: string,
  properties: JsonObject,
  targetArn: JsonValue,
  action: string,
  attributes: JsonObject,
  path: (string | number)[],
): GeneratedResources {
  const schedule: JsonObject = {};
  for (const name of PASSED) if (properties[name] !== undefined) schedule[name] = properties[name]!;
  if (properties.OmitName !== true) schedule.Name = properties.Name ?? eventId;
  schedule.FlexibleTimeWindow = properties.FlexibleTimeWindow ?? { Mode: 'OFF' };
  const resources: GeneratedResources = {};
  const target: JsonObject = { Arn: targetArn };
  if (properties.RoleArn !== undefined) target.RoleArn = properties.RoleArn;
  else {
    const roleId = `${eventId}Role`;
    target.RoleArn = getAtt(roleId, 'Arn');
    const role: CfnResource = {
      Type: 'AWS::IAM::Role',
      ...attributes,
      Properties: {
        AssumeRolePolicyDocument: assumeRolePolicyFor('scheduler.amazonaws.com'),
        Policies: [
          {
            PolicyName: `${eventId}${action === 'lambda:InvokeFunction' ? 'LambdaPolicy' : 'StartExecutionPolicy'}`,
            PolicyDocument: { Statement: [{ Action: action, Effect: 'Allow', Resource: targetArn }] },
          },
        ],
        ...(properties.PermissionsBoundary !== undefined
          ? { PermissionsBoundary: properties.PermissionsBoundary }
          : {}),
      },
    };
    resources[roleId] = role;
  }
  if (properties.Input !== undefined) target.Input = properties.Input;
  if (properties.RetryPolicy !== undefined) target.RetryPolicy = properties.RetryPolicy;
  const dlq = ruleDeadLetterConfig(
    eventName,
    eventId,
    eventId,
    properties.DeadLetterConfig,
    attributes,
    'scheduler.amazonaws.com',
    [...path, 'DeadLetterConfig'],
  );
  if (dlq.config) target.DeadLetterConfig = dlq.config;
  schedule.Target = target;
  return {
    [eventId]: { Type: 'AWS::Scheduler::Schedule', ...attributes, Properties: schedule },
    ...resources,
    ...dlq.resources,
  };
}

export const scheduleV2Event: FunctionEventHandler = (event) =>
  scheduleV2Resources(
    event.eventName,
    event.eventId,
    event.properties,
    functionArn(event),
    'lambda:InvokeFunction',
    event.attributes,
    eventPath(event),
  );
