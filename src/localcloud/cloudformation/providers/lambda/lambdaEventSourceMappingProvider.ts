// AWS::Lambda::EventSourceMapping as a real mapping of the local Lambda (CreateEventSourceMapping with the
// resource's properties, Tags as a map) for SQS sources, which are polled (messaging/sqsEventSource.ts). Mappings
// of streams, Kafka, MQ... and of simulated functions (container images) are only recorded with the stack.
import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../../../core/template/templateJson';
import { isAwsError } from '../../../protocol/awsError';
import { listProperty, stringProperty, type ResourceProvider } from '../resourceProvider';
import { requireFunction } from './lambdaAttachmentProviders';

/** Properties UpdateEventSourceMapping takes (the rest need a new mapping). */
const UPDATABLE = [
  'FunctionName',
  'Enabled',
  'BatchSize',
  'FilterCriteria',
  'MaximumBatchingWindowInSeconds',
  'DestinationConfig',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'ParallelizationFactor',
  'SourceAccessConfigurations',
  'TumblingWindowInSeconds',
  'FunctionResponseTypes',
  'ScalingConfig',
  'DocumentDBEventSourceConfig',
  'KMSKeyArn',
  'MetricsConfig',
  'ProvisionedPollerConfig',
];

function requestOf(properties: JsonObject): Record<string, JsonValue> {
  const { Tags: _tags, ...members } = properties;
  const tags: Record<string, string> = {};
  for (const tag of listProperty(properties, 'Tags') ?? []) {
    if (tag && typeof tag === 'object' && !Array.isArray(tag)) {
      const key = stringProperty(tag, 'Key');
      if (key !== undefined) tags[key] = stringProperty(tag, 'Value') ?? '';
    }
  }
  return { ...members, ...(Object.keys(tags).length > 0 ? { Tags: tags } : {}) };
}

export const lambdaEventSourceMappingProvider: ResourceProvider = {
  type: 'AWS::Lambda::EventSourceMapping',
  async create(properties, context) {
    const target = await requireFunction(properties, 'FunctionName', context);
    const simulatedArn = (id: string) =>
      `arn:${context.partition}:lambda:${context.region}:${context.accountId}:event-source-mapping:${id}`;
    const simulatedFunction = target.Runtime === undefined && target.PackageType === undefined;
    const polled = stringProperty(properties, 'EventSourceArn')?.split(':')[2] === 'sqs';
    if (simulatedFunction || !polled) {
      // Only SQS mappings are polled locally; others (and those of simulated functions) are recorded.
      const id = randomUUID();
      return { physicalId: id, attributes: { Id: id, EventSourceMappingArn: simulatedArn(id) } };
    }
    const created = await context.services.lambda('CreateEventSourceMapping', requestOf(properties));
    const id = String(created.UUID);
    context.claimPhysicalId(id);
    return {
      physicalId: id,
      attributes: {
        Id: id,
        EventSourceMappingArn:
          typeof created.EventSourceMappingArn === 'string' ? created.EventSourceMappingArn : simulatedArn(id),
      },
    };
  },
  async update(update, context) {
    const changes: Record<string, JsonValue> = {};
    for (const name of UPDATABLE) {
      const next = update.properties[name];
      if (JSON.stringify(next) !== JSON.stringify(update.previousProperties[name])) {
        changes[name] = next ?? (name === 'Enabled' ? true : null);
      }
    }
    const present = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== null));
    if (Object.keys(present).length > 0) {
      await ignoringMissing(() =>
        context.services.lambda('UpdateEventSourceMapping', { UUID: update.current.physicalId, ...present }),
      );
    }
    return update.current;
  },
  delete(deletion, context) {
    return ignoringMissing(() => context.services.lambda('DeleteEventSourceMapping', { UUID: deletion.physicalId }));
  },
};

/** Mappings of simulated functions and mappings already gone are not errors for updates and deletes. */
async function ignoringMissing(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (isAwsError(error) && /NotFound/.test(error.code)) return;
    throw error;
  }
}
