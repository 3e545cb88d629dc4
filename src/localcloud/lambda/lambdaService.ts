// Lambda over restJson1: the generated model plus the handlers in provider/ (functions, versions, aliases,
// invoke and concurrency), one namespace per region. The engine routes, parses, validates and serializes.
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import type { RuntimePool } from '../../core/runtime/runtimeTypes';
import type { LambdaOperations } from '../models/generated/lambda';
import lambdaModel from '../models/generated/lambda.json';
import type { LogStore } from '../logs/logStore';
import { AwsError } from '../protocol/awsError';
import { createModelService, type ModelService } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';
import { RegionalState } from '../regionalState';
import { CollectionStore } from '../state/collectionStore';
import type { ObjectStore } from '../s3/objectStore';
import { scaledClock, systemClock, type Clock } from '../clock';
import { AsyncInvocations } from './asyncInvocations';
import { asyncDeliveries, type QueueAndTopicTargets } from './asyncDeliveries';
import { ACCOUNT_CONCURRENCY, reservedConcurrency } from './accountConcurrency';
import { CodePackageStore } from './codePackage';
import { attemptEvent, eventSettings } from './eventAttempts';
import { FunctionRepository } from './functionRepository';
import type { LambdaCollection, LambdaContext } from './lambdaContext';
import { LambdaInvoker } from './lambdaInvoker';
import { LayerVersionStore } from './layerVersionStore';
import { aliasHandlers } from './provider/aliasHandlers';
import { functionHandlers } from './provider/functionHandlers';
import { accountHandlers } from './provider/accountHandlers';
import { eventInvokeConfigHandlers } from './provider/eventInvokeConfigHandlers';
import { eventSourceMappingHandlers } from './provider/eventSourceMappingHandlers';
import { capacityProviderHandlers } from './provider/capacityProviderHandlers';
import { codeSigningHandlers } from './provider/codeSigningHandlers';
import { durableExecutionHandlers } from './provider/durableExecutionHandlers';
import { concurrencyHandlers } from './provider/concurrencyHandlers';
import { functionUrlFinder, functionUrlHandlers, type FoundFunctionUrl } from './provider/functionUrlHandlers';
import { invokeHandlers } from './provider/invokeHandlers';
import { layerHandlers } from './provider/layerHandlers';
import { layerPermissionHandlers } from './provider/layerPermissionHandlers';
import { permissionHandlers } from './provider/permissionHandlers';
import { runtimeSettingsHandlers } from './provider/runtimeSettingsHandlers';
import { tagHandlers } from './provider/tagHandlers';
import { versionHandlers } from './provider/versionHandlers';
import { RecentInvocations } from './recentInvocations';

/** What the Lambda service needs. */
export interface LambdaServiceOptions {
  /** The local cloud's state directory: code packages under lambda/, functions per region. */
  stateDirectory: string;
  logStores: RegionalState<LogStore>;
  objectStore: ObjectStore;
  region: string;
  accountId: string;
  logger: Logger;
  random: () => number;
  /** The runtime, looked up per invoke (it may be created after the server starts listening). */
  runtimePool: () => RuntimePool | undefined;
  endpoint: () => string;
  /** Time for asynchronous invocations' retries and event ages (default: the system's). */
  clock?: Clock;
  /** How much faster than `clock` those waits pass (the cloud's time scale; default 1). */
  timeScale?: number;
  /** Queues and topics for destinations and dead-letter targets, once the local cloud has them. */
  messaging?: () => QueueAndTopicTargets | undefined;
}

/**
 * The Lambda service; `call(operation, input)` runs an operation in process (CloudFormation creating functions,
 * versions and aliases) with the model's input shape. Plus the code store the server uses for GetFunction's
 * download link and the recent invocations.
 */
export type LambdaService = ModelService<LambdaOperations> & {
  readonly code: CodePackageStore;
  /** The payloads of the last invocations (for "Replay locally" in the log view). */
  readonly invocations: RecentInvocations;
  /** The function URL with this id, in whichever region holds it. */
  findFunctionUrl(urlId: string): FoundFunctionUrl | undefined;
};

/** AWS's request limits: 6 MB for synchronous invokes, 1 MB for Event, ~70 MB for inline zips. */
const SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
const EVENT_PAYLOAD_BYTES = 1024 * 1024;
const CODE_REQUEST_BYTES = 70_167_211;
const OTHER_REQUEST_BYTES = 6 * 1024 * 1024;

/** Creates the Lambda service. */
export function createLambdaService(options: LambdaServiceOptions): LambdaService {
  const code = new CodePackageStore(join(options.stateDirectory, 'lambda'));
  const recent = new RecentInvocations();
  const timeScale = options.timeScale ?? 1;
  const waits = scaledClock(options.clock ?? systemClock, timeScale);
  const deliveries = asyncDeliveries({
    // Destination functions get the record as an Event invoke of their own, in their own region.
    invokeFunction: async (arn, region, payload) => {
      await service.call(
        'Invoke',
        { FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(payload, 'utf8') },
        { region },
      );
    },
    messaging: options.messaging ?? (() => undefined),
  });
  const regions = new RegionalState<LambdaContext>(options.region, options.stateDirectory, (region, directory) => {
    const arnContext = { region, accountId: options.accountId };
    const context: LambdaContext = {
      ...arnContext,
      functions: new FunctionRepository(join(directory, 'lambda'), options.logger),
      code,
      layers: new LayerVersionStore(join(directory, 'lambda'), code, options.logger),
      resources: new CollectionStore<LambdaCollection>(join(directory, 'lambda', 'resources.json'), options.logger),
      objectStore: options.objectStore,
      invoker: new LambdaInvoker({
        ...arnContext,
        logger: options.logger,
        pool: options.runtimePool,
        code,
        recent,
        logStore: options.logStores.get(region),
        unreservedConcurrency: () => ACCOUNT_CONCURRENCY - reservedConcurrency(context.functions),
      }),
      async: new AsyncInvocations({
        ...arnContext,
        attempt: (event) => attemptEvent(context, event),
        settings: (event) => eventSettings(context, event),
        deliveries,
        sleep: (milliseconds, signal) => waits.sleep(milliseconds, signal),
        timeScale,
        logger: options.logger,
      }),
      random: options.random,
      logger: options.logger,
      endpoint: options.endpoint,
    };
    return context;
  });
  const service = createModelService<LambdaOperations>(
    lambdaModel as unknown as ServiceModel,
    {
      ...functionHandlers(regions),
      ...versionHandlers(regions),
      ...aliasHandlers(regions),
      ...invokeHandlers(regions),
      ...permissionHandlers(regions),
      ...tagHandlers(regions),
      ...eventInvokeConfigHandlers(regions),
      ...accountHandlers(regions),
      ...layerHandlers(regions),
      ...layerPermissionHandlers(regions),
      ...concurrencyHandlers(regions),
      ...functionUrlHandlers(regions),
      ...codeSigningHandlers(regions),
      ...runtimeSettingsHandlers(regions),
      ...eventSourceMappingHandlers(regions),
      ...capacityProviderHandlers(regions),
      ...durableExecutionHandlers(regions),
    },
    {
      region: options.region,
      accountId: options.accountId,
      restJson: {
        malformedBody: (detail) =>
          new AwsError('InvalidRequestContentException', `Could not parse request body into json: ${detail}`),
      },
      bodyLimit: (operation, head) => {
        if (operation === 'Invoke') {
          return head.headers['x-amz-invocation-type'] === 'Event' ? EVENT_PAYLOAD_BYTES : SYNC_PAYLOAD_BYTES;
        }
        if (operation === 'CreateFunction' || operation === 'UpdateFunctionCode') return CODE_REQUEST_BYTES;
        return OTHER_REQUEST_BYTES;
      },
      bodyTooLargeError: (operation, _head, limit) =>
        operation === 'Invoke'
          ? new AwsError(
              'RequestTooLargeException',
              `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
              413,
            )
          : new AwsError(
              'RequestEntityTooLargeException',
              `Request must be smaller than ${limit} bytes for the ${operation ?? 'requested'} operation`,
              413,
            ),
      close: async () => {
        await Promise.all(regions.values().map((context) => context.async.close()));
      },
    },
  );
  return Object.assign(service, { code, invocations: recent, findFunctionUrl: functionUrlFinder(regions) });
}
