// Event source mappings (Create/Get/Update/Delete/ListEventSourceMappings) with Lambda's defaults per source
// (SQS, Kinesis, DynamoDB streams, MSK/Kafka, MQ, DocumentDB) and its states: Creating, Updating and Deleting in
// the answers of the changes, Enabled or Disabled afterwards. Stored, not polled: the local cloud has no queues
// or streams to read.
import { randomUUID } from 'node:crypto';
import type {
  CreateEventSourceMappingRequest,
  EventSourceMappingConfiguration,
  LambdaOperations,
} from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { functionArn } from '../functionRecords';
import { pageByIndex } from '../functionSettings';
import { parseFunctionReference, requireQualified, type LambdaContext } from '../lambdaContext';
import { setResourceTags } from '../resourceTags';
import type { LambdaRegions } from './lambdaRegions';

/** What is stored: the configuration without its transient state, plus whether it is enabled. */
type StoredMapping = Omit<EventSourceMappingConfiguration, 'LastModified' | 'State'> & {
  UUID: string;
  enabled: boolean;
  lastModified: number;
};

type SourceKind = 'sqs' | 'stream' | 'kafka' | 'mq' | 'docdb' | 'other';

function sourceKind(arn: string | undefined): SourceKind {
  const service = arn?.split(':')[2];
  if (service === 'sqs') return 'sqs';
  if (service === 'kinesis' || service === 'dynamodb') return 'stream';
  if (service === 'kafka' || arn === undefined) return 'kafka';
  if (service === 'mq') return 'mq';
  if (service === 'rds') return 'docdb';
  return 'other';
}

/** Lambda's defaults for a new mapping of this kind of source. */
function defaults(kind: SourceKind): Partial<EventSourceMappingConfiguration> {
  if (kind === 'sqs') return { BatchSize: 10, MaximumBatchingWindowInSeconds: 0, FunctionResponseTypes: [] };
  if (kind === 'stream') {
    return {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: {} },
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      LastProcessingResult: 'No records processed',
    };
  }
  return { BatchSize: 100, MaximumBatchingWindowInSeconds: kind === 'kafka' ? 500 : 0 };
}

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message);
}

function checkBatching(kind: SourceKind, batchSize: number | undefined, window: number | undefined): void {
  if (kind === 'sqs' && batchSize !== undefined && batchSize > 10 && !(window !== undefined && window > 0)) {
    throw invalid('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
  if (kind === 'sqs' && batchSize !== undefined && batchSize > 10_000) {
    throw invalid('BatchSize must be between 1 and 10000 for SQS event sources.');
  }
}

/** The function ARN a FunctionName gives (qualified when it names a version or alias); the function must exist. */
function targetArn(lambda: LambdaContext, functionName: string): string {
  const { record, qualifier } = requireQualified(lambda, functionName, undefined);
  return functionArn(lambda, record.name, qualifier);
}

function notFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
}

function rendered(mapping: StoredMapping, state?: string): EventSourceMappingConfiguration {
  const { enabled, lastModified, ...configuration } = mapping;
  return {
    ...configuration,
    LastModified: new Date(lastModified),
    State: state ?? (enabled ? 'Enabled' : 'Disabled'),
  };
}

function requireMapping(lambda: LambdaContext, uuid: string): StoredMapping {
  const mapping = lambda.resources.get<StoredMapping>('eventSourceMappings', uuid);
  if (!mapping) throw notFound();
  return mapping;
}

/** The members CreateEventSourceMapping stores as given. */
function storedMembers(input: CreateEventSourceMappingRequest): Partial<EventSourceMappingConfiguration> {
  const { FunctionName: _name, Enabled: _enabled, Tags: _tags, ...members } = input;
  return Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined));
}

/** The event source mapping handlers. */
export function eventSourceMappingHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    CreateEventSourceMapping: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const arn = targetArn(lambda, input.FunctionName);
      const kind = sourceKind(input.EventSourceArn);
      if (kind === 'stream' && input.StartingPosition === undefined) {
        throw invalid(
          "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
        );
      }
      if (kind === 'sqs' && input.StartingPosition !== undefined) {
        throw invalid('StartingPosition is not valid for SQS event sources.');
      }
      checkBatching(kind, input.BatchSize, input.MaximumBatchingWindowInSeconds);
      const existing = lambda.resources
        .list<StoredMapping>('eventSourceMappings')
        .find(
          (mapping) =>
            input.EventSourceArn !== undefined &&
            mapping.EventSourceArn === input.EventSourceArn &&
            mapping.FunctionArn === arn,
        );
      if (existing) {
        const name = parseFunctionReference(input.FunctionName, lambda).name;
        throw new AwsError(
          'ResourceConflictException',
          kind === 'sqs'
            ? `An event source mapping with SQS arn (" ${input.EventSourceArn} ") and function (" ${name} ") already exists. Please update or delete the existing mapping with UUID ${existing.UUID}`
            : `The event source arn (" ${input.EventSourceArn} ") and function (" ${name} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${existing.UUID}`,
          409,
        );
      }
      const uuid = randomUUID();
      const mapping: StoredMapping = {
        UUID: uuid,
        ...defaults(kind),
        ...storedMembers(input),
        FunctionArn: arn,
        StateTransitionReason: 'USER_INITIATED',
        EventSourceMappingArn: `arn:aws:lambda:${lambda.region}:${lambda.accountId}:event-source-mapping:${uuid}`,
        enabled: input.Enabled ?? true,
        lastModified: Date.now(),
      };
      lambda.resources.put('eventSourceMappings', uuid, mapping);
      setResourceTags(lambda, mapping.EventSourceMappingArn!, input.Tags);
      return rendered(mapping, 'Creating');
    }),
    GetEventSourceMapping: storedOnly((input, request) =>
      rendered(requireMapping(regions.get(request.region), input.UUID)),
    ),
    UpdateEventSourceMapping: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const mapping = requireMapping(lambda, input.UUID);
      const { UUID: _uuid, FunctionName: functionName, Enabled: enabled, ...members } = input;
      checkBatching(
        sourceKind(mapping.EventSourceArn),
        members.BatchSize ?? mapping.BatchSize,
        members.MaximumBatchingWindowInSeconds ?? mapping.MaximumBatchingWindowInSeconds,
      );
      const updated: StoredMapping = {
        ...mapping,
        ...Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined)),
        ...(functionName !== undefined ? { FunctionArn: targetArn(lambda, functionName) } : {}),
        enabled: enabled ?? mapping.enabled,
        lastModified: Date.now(),
      };
      lambda.resources.put('eventSourceMappings', mapping.UUID, updated);
      return rendered(updated, 'Updating');
    }),
    DeleteEventSourceMapping: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const mapping = requireMapping(lambda, input.UUID);
      lambda.resources.delete('eventSourceMappings', mapping.UUID);
      setResourceTags(lambda, mapping.EventSourceMappingArn!, undefined);
      return rendered(mapping, 'Deleting');
    }),
    ListEventSourceMappings: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const reference =
        input.FunctionName === undefined ? undefined : parseFunctionReference(input.FunctionName, lambda);
      const mappings = lambda.resources.list<StoredMapping>('eventSourceMappings').filter((mapping) => {
        if (input.EventSourceArn !== undefined && mapping.EventSourceArn !== input.EventSourceArn) return false;
        if (!reference) return true;
        const wanted = functionArn(lambda, reference.name, reference.qualifier);
        // An unqualified name matches the function's mappings of every qualifier.
        return reference.qualifier === undefined
          ? mapping.FunctionArn === wanted || mapping.FunctionArn?.startsWith(`${wanted}:`) === true
          : mapping.FunctionArn === wanted;
      });
      const { page, ...next } = pageByIndex(mappings, input.Marker, input.MaxItems);
      return { EventSourceMappings: page.map((mapping) => rendered(mapping)), ...next };
    }),
  };
}
