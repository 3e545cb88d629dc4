// Kinesis events: a mapping on the stream; the role gets AWSLambdaKinesisExecutionRole.
import type { FunctionEventHandler } from './functionEvent';
import { eventSourceMapping } from './eventSourceMapping';

export const kinesisEvent: FunctionEventHandler = (event) =>
  eventSourceMapping(event, {
    sourceProperty: 'Stream',
    managedPolicy: 'AWSLambdaKinesisExecutionRole',
    requiresStartingPosition: true,
  });
