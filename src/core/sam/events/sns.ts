// SNS events: a subscription of the function (or of an SQS queue SAM creates, with SqsSubscription) to the topic.
import { getAtt, isObject, ref, type JsonObject, type JsonValue } from '../intrinsics';
import type { GeneratedResources } from '../transformContext';
import {
  functionArn,
  functionReference,
  permission,
  requireProperty,
  type FunctionEventHandler,
} from './functionEvent';
import { addManagedPolicy } from './eventSourceMapping';

export const snsEvent: FunctionEventHandler = (event) => {
  const topic = requireProperty(event, 'Topic');
  const subscription = (protocol: string, endpoint: JsonObject): JsonObject => {
    const properties: JsonObject = { Protocol: protocol, Endpoint: endpoint, TopicArn: topic };
    for (const name of ['Region', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy']) {
      if (event.properties[name] !== undefined) properties[name] = event.properties[name]!;
    }
    return properties;
  };
  const sqs = event.properties.SqsSubscription;
  if (sqs === undefined || sqs === false) {
    return {
      ...permission(event, 'sns.amazonaws.com', topic),
      [event.eventId]: {
        Type: 'AWS::SNS::Subscription',
        ...event.attributes,
        Properties: subscription('lambda', functionArn(event)),
      },
    };
  }
  const options = isObject(sqs) ? sqs : {};
  const queueId = `${event.eventId}Queue`;
  const resources: GeneratedResources = {};
  let queueArn: JsonValue = getAtt(queueId, 'Arn');
  let queueUrl: JsonValue = ref(queueId);
  if (options.QueueArn !== undefined) {
    queueArn = options.QueueArn;
    queueUrl = options.QueueUrl ?? null;
  } else resources[queueId] = { Type: 'AWS::SQS::Queue', ...event.attributes, Properties: {} };
  const policyId =
    typeof options.QueuePolicyLogicalId === 'string' ? options.QueuePolicyLogicalId : `${event.eventId}QueuePolicy`;
  resources[policyId] = {
    Type: 'AWS::SQS::QueuePolicy',
    ...event.attributes,
    Properties: {
      Queues: [queueUrl],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'sqs:SendMessage',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Resource: queueArn,
            Condition: { ArnEquals: { 'aws:SourceArn': topic } },
          },
        ],
      },
    },
  };
  const subscriptionProperties = subscription('sqs', queueArn as JsonObject);
  resources[event.eventId] = {
    Type: 'AWS::SNS::Subscription',
    ...event.attributes,
    Properties: subscriptionProperties,
  };
  const mapping: JsonObject = { FunctionName: functionReference(event), EventSourceArn: queueArn };
  if (options.BatchSize !== undefined) mapping.BatchSize = options.BatchSize;
  if (options.Enabled !== undefined) mapping.Enabled = options.Enabled;
  resources[`${event.eventId}EventSourceMapping`] = {
    Type: 'AWS::Lambda::EventSourceMapping',
    ...event.attributes,
    Properties: mapping,
  };
  if (event.role)
    addManagedPolicy(event, event.context.managedPolicyArn('service-role/AWSLambdaSQSQueueExecutionRole'));
  return resources;
};
