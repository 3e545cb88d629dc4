// The local cloud: one HTTP server that speaks the AWS wire protocols of several services, routed by the SigV4
// credential scope. Services share the state directory; CloudFormation deploys onto the others in process.
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WorkbenchError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import type { RuntimePool } from '../core/runtime/runtimeTypes';
import { createCloudFormationService } from './cloudformation/cloudFormationService';
import { identifyService } from './identifyService';
import { createLambdaService, type LambdaService } from './lambda/lambdaService';
import type { LocalCloudService } from './localCloudService';
import type { ModelService } from './protocol/modelService';
import { LogStore } from './logs/logStore';
import { createLogsService } from './logs/logsService';
import type { SubscriptionTargets } from './logs/provider/logsProviderContext';
import { deliverSubscriptions } from './logs/subscriptionDelivery';
import { emitFilterMetrics } from './logs/metricFilterEmission';
import { ObjectStore } from './s3/objectStore';
import { answerUnknownService, answerWithService, requestHead } from './serviceDispatch';
import { lockStateDirectory, type StateDirectoryLock } from './state/stateDirectoryLock';
import { createS3Service } from './s3/s3Service';
import { createIamService } from './iam/iamService';
import { RegionalState } from './regionalState';
import { createStsService } from './sts/stsService';
import { LOCAL_ACCOUNT_ID } from '../core/template/resolve/stackIdentity';
import { scaledClock, systemClock, type Clock } from './clock';
import { cloudWatchAlarmProvider } from './cloudformation/providers/cloudwatch/alarmProvider';
import { lambdaOperationCall } from './cloudformation/providers/providerServices';
import { alarmStores, createCloudWatchService, metricStores } from './cloudwatch/cloudWatchService';
import { createCodeDeployService } from './codedeploy/codeDeployService';
import { invokeThroughLambda } from './lambda/functionInvocation';
import { createApiGatewayService, type ApiGatewayService } from './apigateway/apiGatewayService';
import { deployedApiTarget } from './apigateway/deployedApiRouter';
import { FunctionUrlEndpoint, functionUrlTarget } from './lambda/functionUrlEndpoint';
import { createSqsService } from './sqs/sqsService';
import { createSnsService } from './sns/snsService';
import { messagingTargets } from './messaging/messagingTargets';
import { startSqsEventSources } from './messaging/sqsEventSource';
import { sqsProviders } from './cloudformation/providers/sqs/sqsProviders';

/** How to start the local cloud. */
export interface LocalCloudOptions {
  /** Where functions, code, log events and objects live; created when missing. */
  stateDirectory: string;
  /** Interface to bind; 127.0.0.1 unless the user asks otherwise. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default 4566. */
  port?: number;
  logger?: Logger;
  /** The region of requests that carry no SigV4 scope; other regions get their own namespace. */
  region?: string;
  /** The one account of the local cloud (default 123456789012, as the sample events and local invokes). */
  accountId?: string;
  /** Source of randomness for weighted alias routing (tests pass a seeded one). */
  random?: () => number;
  /**
   * Runs Lambda functions: a pool, or a factory called once the endpoint is known (so functions can be given
   * AWS_ENDPOINT_URL); a pool made by the factory is disposed on close. Without one, Invoke answers ServiceException.
   */
  runtimePool?: RuntimePool | ((endpoint: string) => RuntimePool);
  /** How often StartLiveTail sends a sessionUpdate (AWS: every second). */
  liveTailIntervalMs?: number;
  /** Largest object one S3 PUT accepts (default 256 MiB; bodies are buffered in memory). */
  s3MaxObjectBytes?: number;
  /** Who started this local cloud (e.g. `npm start`): the health endpoint says it, and the editor shows it. */
  startedBy?: string;
  /** Time as the services see it (default: the system's). */
  clock?: Clock;
  /**
   * How much faster than `clock` CodeDeploy's waits pass (canary intervals, hook timeouts): 300 runs a
   * five-minute canary in a second. Default 1.
   */
  timeScale?: number;
  /** How long a Logs export task stays PENDING, then RUNNING (default 0; tests lengthen it to watch the states). */
  exportTaskStepMs?: number;
}

/** A started local cloud. */
export interface RunningLocalCloud {
  host: string;
  port: number;
  /** `http://<host>:<port>`, for endpoint overrides. */
  endpoint: string;
  stateDirectory: string;
  close(): Promise<void>;
}

/**
 * Starts the server; rejects with a WorkbenchError (code `PortInUse`) when the port is taken, or
 * `StateDirectoryInUse` when another local cloud runs on the same state directory.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<RunningLocalCloud> {
  const stateDirectory = resolve(options.stateDirectory);
  mkdirSync(stateDirectory, { recursive: true });
  const lock = lockStateDirectory(stateDirectory);
  try {
    return await startWithLock(options, stateDirectory, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startWithLock(
  options: LocalCloudOptions,
  stateDirectory: string,
  lock: StateDirectoryLock,
): Promise<RunningLocalCloud> {
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  let endpoint = '';
  let runtimePool = typeof options.runtimePool === 'function' ? undefined : options.runtimePool;

  // Subscription filters deliver to the local Lambda (created below; used only once requests arrive).
  const subscriptionTargets: SubscriptionTargets = {
    functionExists: async (functionRegion, functionArn) => {
      try {
        await lambda.call('GetFunction', { FunctionName: functionArn }, { region: functionRegion });
        return true;
      } catch {
        return false;
      }
    },
    invoke: async (functionRegion, functionArn, payload) => {
      await lambda.call(
        'Invoke',
        { FunctionName: functionArn, Payload: payload, InvocationType: 'Event' },
        { region: functionRegion },
      );
    },
  };
  // Metric filters publish into the region's CloudWatch metrics.
  const metrics = metricStores({ stateDirectory, region, logger });
  const logStores = new RegionalState(region, stateDirectory, (storeRegion, directory) => {
    const store = new LogStore(resolve(directory, 'logs'), logger);
    deliverSubscriptions(store, { region: storeRegion, accountId, targets: subscriptionTargets, logger });
    emitFilterMetrics(store, { sink: metrics.get(storeRegion), region: storeRegion, accountId, logger });
    return store;
  });
  const clock = options.clock ?? systemClock;
  const objectStore = new ObjectStore(resolve(stateDirectory, 's3'), logger, region, () => clock.now().getTime());
  const lambda = createLambdaService({
    stateDirectory,
    logStores,
    objectStore,
    region,
    accountId,
    logger,
    random: options.random ?? Math.random,
    runtimePool: () => runtimePool,
    endpoint: () => endpoint,
    clock: options.clock,
    timeScale: options.timeScale,
    // Destinations and dead-letter targets that are queues or topics (created below).
    messaging: () => messaging,
  });
  const iam = createIamService({ directory: resolve(stateDirectory, 'iam'), region, accountId, logger });
  const sqs = createSqsService({ stateDirectory, region, accountId, logger, clock, endpoint: () => endpoint });
  const sns = createSnsService({
    ...{ stateDirectory, region, accountId, logger, clock, endpoint: () => endpoint },
    queues: sqs.targets,
    invokeAsync: async (functionArn, event, functionRegion) => {
      const payload = Buffer.from(JSON.stringify(event));
      await lambda.call(
        'Invoke',
        { FunctionName: functionArn, Payload: payload, InvocationType: 'Event' },
        { region: functionRegion },
      );
    },
  });
  // Cross-service deliveries (S3 notifications, Lambda destinations): MessagingTargets.
  const messaging = messagingTargets(sqs.targets, sns);
  const sqsEventSources = startSqsEventSources({
    sqs: sqs.state,
    listMappings: async (mappingRegion) =>
      (await lambda.call('ListEventSourceMappings', {}, { region: mappingRegion })).EventSourceMappings ?? [],
    invoke: invokeThroughLambda(lambda),
    accountId,
    logger,
  });
  const cloudWatchOptions = { stateDirectory, region, accountId, logger, clock };
  const alarms = alarmStores(cloudWatchOptions);
  const codeDeploy = createCodeDeployService({
    stateDirectory,
    region,
    accountId,
    logger,
    clock: scaledClock(clock, options.timeScale ?? 1),
    alarms,
    lambda: (lambdaRegion) =>
      lambdaOperationCall({
        callJson: (operation, input) => lambda.callJson(operation, input, { region: lambdaRegion }),
      }),
    invoke: invokeThroughLambda(lambda),
  });
  const apiGateway = createApiGatewayService({
    stateDirectory,
    region,
    accountId,
    logger,
    invoke: invokeThroughLambda(lambda),
  });
  const s3 = createS3Service({
    store: objectStore,
    directory: resolve(stateDirectory, 's3'),
    region,
    accountId,
    maxObjectBytes: options.s3MaxObjectBytes,
    logger,
    // Event notifications reach functions as S3 sends them: Event invocations in the function's own region.
    eventTargets: {
      invokeFunction: (functionArn, payload) =>
        subscriptionTargets.invoke(functionArn.split(':')[3] ?? region, functionArn, Buffer.from(payload)),
      functionExists: (functionArn) =>
        subscriptionTargets.functionExists(functionArn.split(':')[3] ?? region, functionArn),
      // Queues and topics through SQS and SNS (the ARN names the region).
      queueExists: (queueArn) => messaging.queueExists(queueArn),
      topicExists: (topicArn) => messaging.topicExists(topicArn),
      sendToQueue: (queueArn, body) => messaging.sendToQueue(queueArn, body),
      publishToTopic: (topicArn, message, subject) =>
        messaging.publishToTopic(topicArn, message, undefined, { subject }),
    },
  });
  const serviceList: LocalCloudService[] = [
    createLogsService({
      stores: logStores,
      region,
      accountId,
      liveTailIntervalMs: options.liveTailIntervalMs ?? 1000,
      subscriptionTargets,
      exportTaskStepMs: options.exportTaskStepMs,
      exportSink: {
        bucketRegion: (bucket) =>
          objectStore.hasBucket(bucket) ? objectStore.requireBucket(bucket).region : undefined,
        write: (bucket, key, data, contentEncoding) =>
          objectStore.putObject(bucket, key, data, {
            contentType: contentEncoding === 'gzip' ? 'application/x-gzip' : 'text/plain',
            headers: contentEncoding ? { 'content-encoding': contentEncoding } : {},
            userMetadata: {},
            checksums: {},
          }),
      },
    }),
    s3,
    lambda,
    createCloudFormationService({
      stateDirectory,
      defaultRegion: region,
      accountId,
      logger,
      lambda,
      iam,
      objectStore,
      s3,
      logStores,
      clock,
      updatePolicies: codeDeploy.updatePolicies,
      providers: [
        ...codeDeploy.providers,
        cloudWatchAlarmProvider(alarms),
        ...apiGateway.providers,
        ...sqsProviders(sqs),
      ],
    }),
    codeDeploy,
    createCloudWatchService(cloudWatchOptions, alarms, metrics),
    apiGateway,
    createStsService({ region, accountId }),
    iam,
    sqs,
    sns,
  ];
  const services = new Map(serviceList.map((service) => [service.signingName, service]));
  const health = JSON.stringify({
    status: 'ready',
    services: [...services.keys()],
    pid: process.pid,
    ...(options.startedBy ? { startedBy: options.startedBy } : {}),
    ...(options.timeScale !== undefined && options.timeScale !== 1 ? { timeScale: options.timeScale } : {}),
  });

  const coverage = () => JSON.stringify(modelServiceReport(serviceList, (service) => service.coverage()));
  const undeclaredErrors = () =>
    JSON.stringify(modelServiceReport(serviceList, (service) => service.undeclaredErrors()));
  const functionUrls = new FunctionUrlEndpoint({
    find: (urlId) => lambda.findFunctionUrl(urlId),
    invoke: invokeThroughLambda(lambda),
    accountId,
    logger,
  });
  const server = createServer((request, response) => {
    const deployedApi = deployedApiTarget(request.headers.host, request.url ?? '/');
    const functionUrl = deployedApi ? undefined : functionUrlTarget(request.headers.host, request.url ?? '/');
    if (deployedApi) void apiGateway.router.handle(request, response, deployedApi);
    else if (functionUrl) void functionUrls.handle(request, response, functionUrl);
    else void handleRequest(request, response, services, lambda, logger, { health, coverage, undeclaredErrors });
  });
  // Long-lived live tails must not be cut by the default request timeout.
  server.requestTimeout = 0;
  await listen(server, host, options.port ?? 4566);
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const ownsPool = typeof options.runtimePool === 'function';
  if (typeof options.runtimePool === 'function') runtimePool = options.runtimePool(endpoint);
  logger.info(`[localcloud] listening on ${endpoint}, state in ${stateDirectory}`);

  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    endpoint,
    stateDirectory,
    close: () => {
      closing ??= (async () => {
        await sqsEventSources.close();
        await Promise.all(serviceList.map((service) => service.close()));
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        for (const store of logStores.values()) store.close();
        if (ownsPool) await runtimePool?.dispose();
        lock.release();
      })();
      return closing;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new WorkbenchError(`Port ${port} on ${host} is already in use`, {
            code: 'PortInUse',
            cause: error,
            hint: 'Stop the other local cloud (or LocalStack), or pass --port 0 to pick a free port.',
          }),
        );
      } else {
        reject(WorkbenchError.chain(error, `Cannot listen on ${host}:${port}`, { code: 'ListenFailed' }));
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  services: Map<string, LocalCloudService>,
  lambda: LambdaService,
  logger: Logger,
  answers: { health: string; coverage: () => string; undeclaredErrors: () => string },
): Promise<void> {
  const head = requestHead(request);
  if (head.path === '/_localcloud/health') {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(answers.health);
    return;
  }
  if (head.path === '/_localcloud/coverage') {
    // Per service, the model's operations the local cloud implements, only stores, or refuses (issue #13).
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(answers.coverage());
    return;
  }
  if (head.path === '/_localcloud/undeclared-errors') {
    // Per service, errors answered that the model does not declare for the operation (protocol/errorDeclarations).
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(answers.undeclaredErrors());
    return;
  }
  if (head.path.startsWith('/_localcloud/lambda-code/')) {
    // GetFunction's Code.Location: the package as uploaded (the hash is validated, never used as a path as is).
    const zip = lambda.code.readZip(head.path.slice('/_localcloud/lambda-code/'.length));
    if (zip) response.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length }).end(zip);
    else response.writeHead(404).end();
    return;
  }
  if (head.path.startsWith('/_localcloud/lambda/invocations/')) {
    // An invocation's payload, for "Replay locally" in log views (local cloud only; AWS keeps no payloads).
    const invocation = lambda.invocations.get(safeDecode(head.path.slice('/_localcloud/lambda/invocations/'.length)));
    const status = invocation ? 200 : 404;
    const body = invocation ?? { message: 'The local cloud no longer holds (or never served) this invocation.' };
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    return;
  }
  const signingName = identifyService(request.headers, head.path, head.query);
  const service = services.get(signingName);
  if (!service) {
    answerUnknownService(request, response, head, signingName);
    return;
  }
  await answerWithService(service, request, response, head, logger);
}

/** A report from every service built on the protocol engine (coverage, undeclared errors), by signing name. */
function modelServiceReport<Report>(
  services: readonly LocalCloudService[],
  report: (service: ModelService<never>) => Report,
): Record<string, Report> {
  const byService: Record<string, Report> = {};
  for (const service of services) {
    const modelled = service as Partial<ModelService<never> & Pick<ApiGatewayService, 'modelServices'>>;
    if (typeof modelled.coverage === 'function')
      byService[service.signingName] = report(service as ModelService<never>);
    // Services made of several models under one signing name (API Gateway v1 and v2) report each by model name.
    for (const [name, model] of Object.entries(modelled.modelServices ?? {})) byService[name] = report(model);
  }
  return byService;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
