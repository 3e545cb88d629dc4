// SQS speaks two protocols: awsJson 1.0 (current SDKs) and awsQuery (boto3 before 1.31, awscli 2 before 2.13,
// SDK v2), which botocore's current model no longer describes. The query form of the model is the JSON one with
// the XML names, result wrappers and error codes of the query-era model put back (copied from botocore's
// sqs/2012-11-05 model as of 2023, which served query): requests and answers then read and write exactly as those
// clients expect.
import sqsJsonModel from '../models/generated/sqs.json';
import type { MemberReference, ServiceModel } from '../protocol/serviceModel';

/**
 * Each modelled error's query code. botocore dropped them from the JSON model (it maps SQS errors by shape name),
 * but AWS still answers them: as `Code` in query mode, in the `x-amzn-query-error` header in JSON mode.
 */
const QUERY_ERROR_CODES: Record<string, string> = {
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  QueueDeletedRecently: 'AWS.SimpleQueueService.QueueDeletedRecently',
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

/** HTTP statuses other than 400 (the query-era model's). */
const ERROR_STATUSES: Record<string, number> = { OverLimit: 403, PurgeQueueInProgress: 403 };

/** The query-era XML names: [shape, member (or `member`/`key`/`value` of a list or map), wire name]. */
const QUERY_NAMES: readonly (readonly [string, string, string])[] = [
  ['AWSAccountIdList', 'member', 'AWSAccountId'],
  ['ActionNameList', 'member', 'ActionName'],
  ['AttributeNameList', 'member', 'AttributeName'],
  ['BatchResultErrorEntryList', 'member', 'BatchResultErrorEntry'],
  ['BinaryList', 'member', 'BinaryListValue'],
  ['ChangeMessageVisibilityBatchRequestEntryList', 'member', 'ChangeMessageVisibilityBatchRequestEntry'],
  ['ChangeMessageVisibilityBatchResultEntryList', 'member', 'ChangeMessageVisibilityBatchResultEntry'],
  ['CreateQueueRequest', 'Attributes', 'Attribute'],
  ['CreateQueueRequest', 'tags', 'Tag'],
  ['DeleteMessageBatchRequestEntryList', 'member', 'DeleteMessageBatchRequestEntry'],
  ['DeleteMessageBatchResultEntryList', 'member', 'DeleteMessageBatchResultEntry'],
  ['GetQueueAttributesResult', 'Attributes', 'Attribute'],
  ['ListQueueTagsResult', 'Tags', 'Tag'],
  ['Message', 'Attributes', 'Attribute'],
  ['Message', 'MessageAttributes', 'MessageAttribute'],
  ['MessageAttributeNameList', 'member', 'MessageAttributeName'],
  ['MessageAttributeValue', 'StringListValues', 'StringListValue'],
  ['MessageAttributeValue', 'BinaryListValues', 'BinaryListValue'],
  ['MessageBodyAttributeMap', 'key', 'Name'],
  ['MessageBodyAttributeMap', 'value', 'Value'],
  ['MessageBodySystemAttributeMap', 'key', 'Name'],
  ['MessageBodySystemAttributeMap', 'value', 'Value'],
  ['MessageList', 'member', 'Message'],
  ['MessageSystemAttributeMap', 'key', 'Name'],
  ['MessageSystemAttributeMap', 'value', 'Value'],
  ['MessageSystemAttributeValue', 'StringListValues', 'StringListValue'],
  ['MessageSystemAttributeValue', 'BinaryListValues', 'BinaryListValue'],
  ['QueueAttributeMap', 'key', 'Name'],
  ['QueueAttributeMap', 'value', 'Value'],
  ['QueueUrlList', 'member', 'QueueUrl'],
  ['SendMessageBatchRequestEntry', 'MessageAttributes', 'MessageAttribute'],
  ['SendMessageBatchRequestEntry', 'MessageSystemAttributes', 'MessageSystemAttribute'],
  ['SendMessageBatchRequestEntryList', 'member', 'SendMessageBatchRequestEntry'],
  ['SendMessageBatchResultEntryList', 'member', 'SendMessageBatchResultEntry'],
  ['SendMessageRequest', 'MessageAttributes', 'MessageAttribute'],
  ['SendMessageRequest', 'MessageSystemAttributes', 'MessageSystemAttribute'],
  ['SetQueueAttributesRequest', 'Attributes', 'Attribute'],
  ['StringList', 'member', 'StringListValue'],
  ['TagKeyList', 'member', 'TagKey'],
  // The query-era TagMap shape itself was named `Tag`, which botocore applies to members that name none.
  ['TagQueueRequest', 'Tags', 'Tag'],
  ['TagMap', 'key', 'Key'],
  ['TagMap', 'value', 'Value'],
];

const QUERY_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/**
 * The JSON model as SQS's front end applies it: modelled errors carry their query codes, and enums are not
 * checked by the engine (SQS answers its own errors for attribute names: InvalidAttributeName, and accepts
 * message system attribute names in the deprecated AttributeNames list).
 */
function withErrorCodes(source: ServiceModel): ServiceModel {
  const model = structuredClone(source);
  for (const shape of Object.values(model.shapes)) delete shape.enum;
  for (const [name, shape] of Object.entries(model.shapes)) {
    if (!shape.exception && !QUERY_ERROR_CODES[name]) continue;
    shape.error = { code: QUERY_ERROR_CODES[name] ?? name, httpStatusCode: ERROR_STATUSES[name] ?? 400 };
  }
  return model;
}

/** The JSON model, with the query codes its errors answer in `x-amzn-query-error`. */
export const sqsModel: ServiceModel = withErrorCodes(sqsJsonModel as unknown as ServiceModel);

/** The same operations as awsQuery reads and writes them. */
export const sqsQueryModel: ServiceModel = (() => {
  const model = structuredClone(sqsModel);
  model.metadata = { ...model.metadata, protocol: 'query', protocols: ['query'], xmlNamespace: QUERY_NAMESPACE };
  for (const [shapeName, part, wireName] of QUERY_NAMES) {
    const shape = model.shapes[shapeName];
    const reference: MemberReference | undefined =
      part === 'member' || part === 'key' || part === 'value' ? shape?.[part] : shape?.members?.[part];
    if (reference) reference.locationName = wireName;
  }
  for (const [name, operation] of Object.entries(model.operations)) {
    if (operation.output) operation.output = { ...operation.output, resultWrapper: `${name}Result` };
  }
  return model;
})();
