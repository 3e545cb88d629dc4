// SQS events: a mapping on the queue; the role gets AWSLambdaSQSQueueExecutionRole.
import type { FunctionEventHandler } from './functionEvent';
import { eventSourceMapping } from './eventSourceMapping';

export const sqsEvent: FunctionEventHandler = (event) =>
  eventSourceMapping(event, { sourceProperty: 'Queue', managedPolicy: 'AWSLambdaSQSQueueExecutionRole' });
