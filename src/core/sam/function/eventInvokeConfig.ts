// EventInvokeConfig: a Lambda::EventInvokeConfig, SQS/SNS destinations SAM creates when none is given, and the
// execution role's permission to send to each destination.
import { InvalidResourceError } from '../samTransformError';
import { getAtt, isObject, ref, type JsonObject, type JsonValue, text } from '../intrinsics';
import type { GeneratedResources, TransformContext } from '../transformContext';

const DESTINATION_ACTIONS: Record<string, string> = {
  SQS: 'sqs:SendMessage',
  SNS: 'sns:publish',
  Lambda: 'lambda:InvokeFunction',
  EventBridge: 'events:PutEvents',
  S3Bucket: 's3:PutObject',
};

export interface EventInvokeResult {
  resources: GeneratedResources;
  policies: JsonValue[];
}

export function constructEventInvokeConfig(
  logicalId: string,
  config: JsonValue,
  aliasName: string | undefined,
  attributes: JsonObject,
  context: TransformContext,
): EventInvokeResult {
  const path = ['Properties', 'EventInvokeConfig'];
  if (!isObject(config))
    throw new InvalidResourceError(logicalId, "Property 'EventInvokeConfig' should be a map.", path);
  const configId = `${logicalId}EventInvokeConfig`;
  const resources: GeneratedResources = {};
  const policies: JsonValue[] = [];
  const properties: JsonObject = { FunctionName: ref(logicalId), Qualifier: aliasName ?? '$LATEST' };
  if (config.MaximumEventAgeInSeconds !== undefined)
    properties.MaximumEventAgeInSeconds = config.MaximumEventAgeInSeconds;
  if (config.MaximumRetryAttempts !== undefined) properties.MaximumRetryAttempts = config.MaximumRetryAttempts;
  const destinations = config.DestinationConfig;
  if (destinations !== undefined) {
    if (!isObject(destinations))
      throw new InvalidResourceError(logicalId, "Property 'DestinationConfig' should be a map.", [
        ...path,
        'DestinationConfig',
      ]);
    const destinationConfig: JsonObject = {};
    for (const key of ['OnSuccess', 'OnFailure'] as const) {
      const destination = destinations[key];
      if (destination === undefined) continue;
      const where = [...path, 'DestinationConfig', key];
      if (!isObject(destination))
        throw new InvalidResourceError(logicalId, `Property 'DestinationConfig.${key}' should be a map.`, where);
      const type = destination.Type;
      if (typeof type !== 'string' || !DESTINATION_ACTIONS[type]) {
        throw new InvalidResourceError(
          logicalId,
          "'Type: {}' must be one of ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket']".replace('{}', text(type)),
          [...where, 'Type'],
        );
      }
      let arn = destination.Destination;
      const created = `${configId}${key}${type === 'SQS' ? 'Queue' : 'Topic'}`;
      if (type === 'SQS' || type === 'SNS') {
        const make = (condition?: string): void => {
          resources[created] = {
            Type: type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic',
            ...attributes,
            ...(condition ? { Condition: condition } : {}),
            Properties: {},
          };
        };
        const createdArn = type === 'SQS' ? getAtt(created, 'Arn') : ref(created);
        if (arn === undefined) {
          make();
          arn = createdArn;
          context.samReferences.set(`${logicalId}.Destination${type === 'SQS' ? 'Queue' : 'Topic'}`, createdArn);
        } else if (isObject(arn) && Array.isArray(arn['Fn::If'])) {
          const [condition, whenTrue, whenFalse] = arn['Fn::If'];
          if (typeof condition !== 'string' || arn['Fn::If'].length !== 3) {
            throw new InvalidResourceError(logicalId, 'Malformed Fn::If in Destination', [...where, 'Destination']);
          }
          if (isNoValue(whenTrue)) {
            const negated = context.negatedCondition(condition);
            make(negated);
            arn = { 'Fn::If': [negated, createdArn, whenFalse ?? null] };
          } else if (isNoValue(whenFalse)) {
            make(condition);
            arn = { 'Fn::If': [condition, createdArn, whenTrue ?? null] };
          }
        }
      } else if (arn === undefined) {
        throw new InvalidResourceError(logicalId, `Destination is required if Type is not SQS or SNS`, where);
      }
      destinationConfig[key] = { Destination: arn };
      const action = DESTINATION_ACTIONS[type];
      const resource = type === 'S3Bucket' ? { 'Fn::Join': ['', [arn, '/*']] } : arn;
      policies.push({
        PolicyName: `${configId}${key}${type === 'S3Bucket' ? 'S3' : type}Policy`,
        PolicyDocument: { Statement: [{ Action: action, Resource: resource, Effect: 'Allow' }] },
      });
    }
    properties.DestinationConfig = destinationConfig;
  }
  resources[configId] = { Type: 'AWS::Lambda::EventInvokeConfig', ...attributes, Properties: properties };
  return { resources, policies };
}

function isNoValue(value: JsonValue | undefined): boolean {
  return isObject(value) && value.Ref === 'AWS::NoValue';
}
