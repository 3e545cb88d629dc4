// Vended-log deliveries: delivery sources (a resource's log type), delivery destinations (S3, CloudWatch Logs,
// Firehose, X-Ray) with their policies, and the deliveries that join them. Stored and returned as CloudWatch does;
// the local cloud's AWS services do not vend logs, so nothing flows through a delivery.
import { randomBytes } from 'node:crypto';
import type { Delivery, DeliveryDestination, DeliverySource, LogsOperations } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type RequestContext, type ServiceProvider } from '../../protocol/modelService';
import type { LogStore } from '../logStore';
import { deliveryTemplates } from './deliveryTemplates';
import {
  logsArn,
  pageOf,
  requireJsonDocument,
  resourceNotFound,
  type LogsProviderContext,
} from './logsProviderContext';
import { dropTags, storeInitialTags } from './resourceTags';

/** The destination type CloudWatch derives from the destination resource's ARN. */
const DESTINATION_TYPES: Record<string, string> = { s3: 'S3', logs: 'CWL', firehose: 'FH', xray: 'XRAY' };

export function deliveryHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  const withTags = <T extends { arn?: string }>(store: LogStore, record: T): T => {
    const tags = store.resources.get<Record<string, string>>('tags', record.arn!);
    return tags ? { ...record, tags } : record;
  };
  const requireDestination = (store: LogStore, name: string) => {
    const destination = store.resources.get<DeliveryDestination>('deliveryDestinations', name);
    if (!destination) throw resourceNotFound(`Delivery destination ${name} does not exist.`);
    return destination;
  };
  const requireDelivery = (store: LogStore, id: string) => {
    const delivery = store.resources.get<Delivery>('deliveries', id);
    if (!delivery) throw resourceNotFound(`Delivery ${id} does not exist.`);
    return delivery;
  };

  return {
    PutDeliverySource: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const previous = store.resources.get<DeliverySource>('deliverySources', input.name);
      const service = /^arn:aws[\w-]*:([^:]+):/.exec(input.resourceArn)?.[1];
      if (!service) throw validation(`Invalid resourceArn: ${input.resourceArn}`);
      if (previous && (previous.logType !== input.logType || previous.resourceArns?.[0] !== input.resourceArn)) {
        throw new AwsError('ConflictException', 'The resourceArn and logType of a delivery source cannot change.');
      }
      const source: DeliverySource = {
        name: input.name,
        arn: logsArn(context, 'delivery-source', input.name),
        resourceArns: [input.resourceArn],
        service,
        logType: input.logType,
        ...(input.deliverySourceConfiguration
          ? { deliverySourceConfiguration: input.deliverySourceConfiguration }
          : {}),
      };
      store.resources.put('deliverySources', input.name, source);
      if (!previous) storeInitialTags(store, source.arn!, input.tags);
      return { deliverySource: withTags(store, source) };
    }),
    GetDeliverySource: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const source = store.resources.get<DeliverySource>('deliverySources', input.name);
      if (!source) throw resourceNotFound(`Delivery source ${input.name} does not exist.`);
      return { deliverySource: withTags(store, source) };
    }),
    DescribeDeliverySources: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const { page, nextToken } = pageOf(
        store.resources.list<DeliverySource>('deliverySources'),
        input.nextToken,
        input.limit ?? 50,
      );
      return { deliverySources: page.map((source) => withTags(store, source)), ...(nextToken ? { nextToken } : {}) };
    }),
    DeleteDeliverySource: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const source = store.resources.get<DeliverySource>('deliverySources', input.name);
      if (!source) throw resourceNotFound(`Delivery source ${input.name} does not exist.`);
      if (store.resources.list<Delivery>('deliveries').some((delivery) => delivery.deliverySourceName === input.name)) {
        throw new AwsError(
          'ConflictException',
          `Delivery source ${input.name} is used by a delivery; delete the delivery first.`,
        );
      }
      store.resources.delete('deliverySources', input.name);
      dropTags(store, source.arn!);
    }),
    PutDeliveryDestination: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const target = input.deliveryDestinationConfiguration?.destinationResourceArn;
      const derived = target && DESTINATION_TYPES[/^arn:aws[\w-]*:([^:]+):/.exec(target)?.[1] ?? ''];
      const type = input.deliveryDestinationType ?? derived;
      if (!type)
        throw validation('A delivery destination needs a deliveryDestinationConfiguration or deliveryDestinationType.');
      const previous = store.resources.get<DeliveryDestination>('deliveryDestinations', input.name);
      const destination: DeliveryDestination = {
        name: input.name,
        arn: logsArn(context, 'delivery-destination', input.name),
        deliveryDestinationType: type,
        ...(input.outputFormat !== undefined ? { outputFormat: input.outputFormat } : {}),
        ...(input.deliveryDestinationConfiguration
          ? { deliveryDestinationConfiguration: input.deliveryDestinationConfiguration }
          : {}),
      };
      store.resources.put('deliveryDestinations', input.name, { ...previous, ...destination });
      if (!previous) storeInitialTags(store, destination.arn!, input.tags);
      return { deliveryDestination: withTags(store, destination) };
    }),
    GetDeliveryDestination: storedOnly((input, context) => {
      const store = stores.get(context.region);
      return { deliveryDestination: withTags(store, publicDestination(requireDestination(store, input.name))) };
    }),
    DescribeDeliveryDestinations: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const all = store.resources.list<DeliveryDestination>('deliveryDestinations');
      const { page, nextToken } = pageOf(all, input.nextToken, input.limit ?? 50);
      return {
        deliveryDestinations: page.map((destination) => withTags(store, publicDestination(destination))),
        ...(nextToken ? { nextToken } : {}),
      };
    }),
    DeleteDeliveryDestination: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const destination = requireDestination(store, input.name);
      if (
        store.resources
          .list<Delivery>('deliveries')
          .some((delivery) => delivery.deliveryDestinationArn === destination.arn)
      ) {
        throw new AwsError(
          'ConflictException',
          `Delivery destination ${input.name} is used by a delivery; delete the delivery first.`,
        );
      }
      store.resources.delete('deliveryDestinations', input.name);
      dropTags(store, destination.arn!);
    }),
    PutDeliveryDestinationPolicy: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const destination = requireDestination(store, input.deliveryDestinationName);
      requireJsonDocument(input.deliveryDestinationPolicy);
      store.resources.put('deliveryDestinations', input.deliveryDestinationName, {
        ...destination,
        policy: input.deliveryDestinationPolicy,
      });
      return { policy: { deliveryDestinationPolicy: input.deliveryDestinationPolicy } };
    }),
    GetDeliveryDestinationPolicy: storedOnly((input, context) => {
      const destination = requireDestination(stores.get(context.region), input.deliveryDestinationName) as {
        policy?: string;
      };
      return { policy: destination.policy !== undefined ? { deliveryDestinationPolicy: destination.policy } : {} };
    }),
    DeleteDeliveryDestinationPolicy: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const { policy, ...rest } = requireDestination(store, input.deliveryDestinationName) as DeliveryDestination & {
        policy?: string;
      };
      if (policy === undefined) throw resourceNotFound('The delivery destination has no policy.');
      store.resources.put('deliveryDestinations', input.deliveryDestinationName, rest);
    }),
    CreateDelivery: storedOnly((input, context) => createDelivery(stores.get(context.region), context, input)),
    GetDelivery: storedOnly((input, context) => {
      const store = stores.get(context.region);
      return { delivery: withTags(store, requireDelivery(store, input.id)) };
    }),
    DescribeDeliveries: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const { page, nextToken } = pageOf(
        store.resources.list<Delivery>('deliveries'),
        input.nextToken,
        input.limit ?? 50,
      );
      return { deliveries: page.map((delivery) => withTags(store, delivery)), ...(nextToken ? { nextToken } : {}) };
    }),
    UpdateDeliveryConfiguration: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const delivery = requireDelivery(store, input.id);
      store.resources.put('deliveries', input.id, {
        ...delivery,
        ...(input.recordFields ? { recordFields: input.recordFields } : {}),
        ...(input.fieldDelimiter !== undefined ? { fieldDelimiter: input.fieldDelimiter } : {}),
        ...(input.s3DeliveryConfiguration ? { s3DeliveryConfiguration: input.s3DeliveryConfiguration } : {}),
      });
      return {};
    }),
    DeleteDelivery: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const delivery = requireDelivery(store, input.id);
      store.resources.delete('deliveries', input.id);
      dropTags(store, delivery.arn!);
    }),
    DescribeConfigurationTemplates: storedOnly((input) => {
      const templates = deliveryTemplates().filter(
        (template) =>
          (input.service === undefined || template.service === input.service) &&
          (!input.logTypes || input.logTypes.includes(template.logType!)) &&
          (!input.resourceTypes || input.resourceTypes.includes(template.resourceType!)) &&
          (!input.deliveryDestinationTypes ||
            input.deliveryDestinationTypes.includes(template.deliveryDestinationType!)),
      );
      const { page, nextToken } = pageOf(templates, input.nextToken, input.limit ?? 50);
      return { configurationTemplates: page, ...(nextToken ? { nextToken } : {}) };
    }),
  };
}

function createDelivery(
  store: LogStore,
  context: RequestContext,
  input: LogsOperations['CreateDelivery']['input'],
): LogsOperations['CreateDelivery']['output'] {
  if (!store.resources.has('deliverySources', input.deliverySourceName)) {
    throw resourceNotFound(`Delivery source ${input.deliverySourceName} does not exist.`);
  }
  const destination = store.resources
    .list<DeliveryDestination>('deliveryDestinations')
    .find((candidate) => candidate.arn === input.deliveryDestinationArn);
  if (!destination) throw resourceNotFound(`Delivery destination ${input.deliveryDestinationArn} does not exist.`);
  const existing = store.resources
    .list<Delivery>('deliveries')
    .some(
      (d) =>
        d.deliverySourceName === input.deliverySourceName && d.deliveryDestinationArn === input.deliveryDestinationArn,
    );
  if (existing) {
    throw new AwsError('ConflictException', 'A delivery already exists between this delivery source and destination.');
  }
  const id = randomBytes(8).toString('hex').toUpperCase();
  const delivery: Delivery = {
    id,
    arn: logsArn(context, 'delivery', id),
    deliverySourceName: input.deliverySourceName,
    deliveryDestinationArn: input.deliveryDestinationArn,
    deliveryDestinationType: destination.deliveryDestinationType,
    ...(input.recordFields ? { recordFields: input.recordFields } : {}),
    ...(input.fieldDelimiter !== undefined ? { fieldDelimiter: input.fieldDelimiter } : {}),
    ...(input.s3DeliveryConfiguration ? { s3DeliveryConfiguration: input.s3DeliveryConfiguration } : {}),
  };
  store.resources.put('deliveries', id, delivery);
  storeInitialTags(store, delivery.arn!, input.tags);
  return { delivery: input.tags ? { ...delivery, tags: input.tags } : delivery };
}

/** A stored destination without the policy kept beside it. */
function publicDestination(destination: DeliveryDestination & { policy?: string }): DeliveryDestination {
  const { policy: _policy, ...rest } = destination;
  return rest;
}

function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}
