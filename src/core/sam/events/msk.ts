// MSK events: a mapping on the cluster's topic; the role gets AWSLambdaMSKExecutionRole.
import { InvalidEventError } from '../samTransformError';
import { eventPath, type FunctionEventHandler } from './functionEvent';
import { eventSourceMapping } from './eventSourceMapping';

export const mskEvent: FunctionEventHandler = (event) => {
  const configurations = event.properties.SourceAccessConfigurations;
  if (configurations !== undefined && !Array.isArray(configurations)) {
    throw new InvalidEventError(
      event.eventName,
      "Property 'SourceAccessConfigurations' should be a list.",
      eventPath(event, 'SourceAccessConfigurations'),
    );
  }
  if (event.properties.ConsumerGroupId !== undefined) {
    const existing = event.properties.AmazonManagedKafkaEventSourceConfig;
    event.properties.AmazonManagedKafkaEventSourceConfig = {
      ...(typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? existing : {}),
      ConsumerGroupId: event.properties.ConsumerGroupId,
    };
  }
  return eventSourceMapping(event, {
    sourceProperty: 'Stream',
    managedPolicy: 'AWSLambdaMSKExecutionRole',
    requiresStartingPosition: true,
  });
};
