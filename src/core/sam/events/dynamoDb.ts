// DynamoDB stream events: a mapping on the stream; the role gets AWSLambdaDynamoDBExecutionRole.
import type { FunctionEventHandler } from './functionEvent';
import { eventSourceMapping } from './eventSourceMapping';

export const dynamoDbEvent: FunctionEventHandler = (event) =>
  eventSourceMapping(event, {
    sourceProperty: 'Stream',
    managedPolicy: 'AWSLambdaDynamoDBExecutionRole',
    requiresStartingPosition: true,
  });
