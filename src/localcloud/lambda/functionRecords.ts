// The stored shape of a Lambda function (its $LATEST, published versions, aliases) and its API rendering.
import { createHash } from 'node:crypto';
import type {
  CapacityProviderConfig,
  DeadLetterConfig,
  DurableConfig,
  FileSystemConfig,
  SnapStart,
  TenancyConfig,
  VpcConfig,
} from '../models/generated/lambda';
import type { FunctionLayer } from './layerReferences';

/**
 * Configuration Lambda stores and returns, in the API's shapes, that the local runtime does not act on (no VPC,
 * no dead-letter queue, no KMS, no EFS locally).
 */
export interface StoredSettings {
  VpcConfig?: VpcConfig;
  DeadLetterConfig?: DeadLetterConfig;
  KMSKeyArn?: string;
  FileSystemConfigs?: FileSystemConfig[];
  SnapStart?: SnapStart;
  TenancyConfig?: TenancyConfig;
  CapacityProviderConfig?: CapacityProviderConfig;
  DurableConfig?: DurableConfig;
}

/** One configuration: $LATEST or a published, immutable version. */
export interface FunctionConfig {
  /** `$LATEST` or a version number as a string. */
  version: string;
  runtime: string;
  role: string;
  handler: string;
  description: string;
  timeout: number;
  memorySize: number;
  environment: Record<string, string>;
  architectures: string[];
  ephemeralStorageSize: number;
  logFormat: string;
  logGroup?: string;
  applicationLogLevel?: string;
  systemLogLevel?: string;
  layers?: FunctionLayer[];
  settings?: StoredSettings;
  tracingMode: string;
  codeSha256: string;
  codeHash: string;
  codeSize: number;
  /** A container image function (PackageType Image): stored and returned, not run locally. */
  image?: FunctionImage;
  /** `2026-01-01T00:00:00.000+0000`, Lambda's own format. */
  lastModified: string;
  revisionId: string;
}

/** A container image function's image: its URI, the digest Lambda resolved, and ImageConfig overrides. */
export interface FunctionImage {
  uri: string;
  /** Hex SHA-256 (derived from the URI locally: no registry to resolve it). */
  digest: string;
  config?: { EntryPoint?: string[]; Command?: string[]; WorkingDirectory?: string };
}

/** A weighted alias: a primary version and at most one additional version with its weight. */
export interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  additionalVersionWeights?: Record<string, number>;
  revisionId: string;
}

/** Everything stored about one function, persisted as one document. */
export interface FunctionRecord {
  name: string;
  latest: FunctionConfig;
  versions: FunctionConfig[];
  aliases: Record<string, AliasRecord>;
  nextVersion: number;
  reservedConcurrency?: number;
  tags: Record<string, string>;
  /** Resource-based policy statements by qualifier ('' for the unqualified function). */
  policies?: Record<string, PolicyStatement[]>;
  codeSigningConfigArn?: string;
  /** PutFunctionRecursionConfig's setting (`Terminate` by default). */
  recursiveLoop?: string;
  /** PutRuntimeManagementConfig's settings. */
  runtimeManagement?: { updateRuntimeOn: string; runtimeVersionArn?: string };
  /** Function URLs by qualifier ('' for the unqualified function, else an alias). */
  functionUrls?: Record<string, FunctionUrlRecord>;
  /** Provisioned concurrency by qualifier (a version or an alias). */
  provisionedConcurrency?: Record<string, { requested: number; lastModified: string }>;
  /** PutFunctionScalingConfig's settings by qualifier. */
  scalingConfigs?: Record<string, Record<string, unknown>>;
  /** Asynchronous invocation settings by qualifier (`$LATEST`, a version or an alias). */
  eventInvokeConfigs?: Record<string, EventInvokeConfig>;
}

/** A function URL: its id (the URL's host label) and its settings in the API's shapes. */
export interface FunctionUrlRecord {
  urlId: string;
  authType: string;
  invokeMode: string;
  cors?: Record<string, unknown>;
  /** ISO-8601 with microseconds, as Lambda writes function URL times. */
  creationTime: string;
  lastModifiedTime: string;
}

/** PutFunctionEventInvokeConfig's settings as stored (destinations as the API gives them). */
export interface EventInvokeConfig {
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
  destinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
  /** Epoch milliseconds. */
  lastModified: number;
}

/** One statement of a function's resource-based policy, as GetPolicy answers it. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*' | { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

/** Drops what a deleted version or alias had of its own (policy, URL, async and concurrency settings). */
export function forgetQualifier(record: FunctionRecord, qualifier: string): void {
  delete record.policies?.[qualifier];
  delete record.functionUrls?.[qualifier];
  delete record.eventInvokeConfigs?.[qualifier];
  delete record.provisionedConcurrency?.[qualifier];
  delete record.scalingConfigs?.[qualifier];
}

/** Region and account for ARNs. */
export interface ArnContext {
  region: string;
  accountId: string;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`. */
export function functionArn(context: ArnContext, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${context.region}:${context.accountId}:function:${name}`;
  return qualifier === undefined ? base : `${base}:${qualifier}`;
}

/** Lambda's timestamp format: ISO-8601 with milliseconds and a `+0000` offset. */
export function lambdaTimestamp(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}

/** The log group a function writes to. */
export function logGroupOf(name: string, config: FunctionConfig): string {
  return config.logGroup ?? `/aws/lambda/${name}`;
}

/** The configuration fields that make two versions the same (PublishVersion publishes only on a difference). */
export function configFingerprint(config: FunctionConfig): string {
  const {
    version: _version,
    lastModified: _modified,
    revisionId: _revision,
    description: _description,
    ...rest
  } = config;
  return JSON.stringify(sortedKeys(rest));
}

/** The value with object keys sorted at every depth (a JSON.stringify key list would drop nested keys). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * What a create or an update answers: Lambda answers while it applies the change (State Pending after a create,
 * LastUpdateStatus InProgress after an update); reads afterwards see it done (the local cloud applies at once).
 * `listed`: ListFunctions' subset, without the states and RuntimeVersionConfig (GetFunction has them).
 */
export type ConfigurationMoment = 'settled' | 'creating' | 'updating' | 'listed';

const TRANSITIONS = {
  listed: {},
  settled: { State: 'Active', LastUpdateStatus: 'Successful' },
  creating: { State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' },
  updating: {
    State: 'Active',
    LastUpdateStatus: 'InProgress',
    LastUpdateStatusReason: 'The function is being created.',
    LastUpdateStatusReasonCode: 'Creating',
  },
} as const;

/** The FunctionConfiguration structure of the Lambda API. */
export function toFunctionConfiguration(
  context: ArnContext,
  record: FunctionRecord,
  config: FunctionConfig,
  qualifyLatest = false,
  moment: ConfigurationMoment = 'settled',
) {
  const qualifier = config.version === '$LATEST' ? (qualifyLatest ? '$LATEST' : undefined) : config.version;
  const settings = config.settings ?? {};
  return {
    FunctionName: record.name,
    FunctionArn: functionArn(context, record.name, qualifier),
    ...(config.image ? {} : { Runtime: config.runtime }),
    Role: config.role,
    ...(config.image ? {} : { Handler: config.handler }),
    CodeSize: config.codeSize,
    Description: config.description,
    Timeout: config.timeout,
    MemorySize: config.memorySize,
    LastModified: config.lastModified,
    CodeSha256: config.codeSha256,
    Version: config.version,
    ...(Object.keys(config.environment).length > 0 ? { Environment: { Variables: config.environment } } : {}),
    ...(settings.VpcConfig ? { VpcConfig: vpcConfigResponse(settings.VpcConfig) } : {}),
    ...(settings.DeadLetterConfig?.TargetArn ? { DeadLetterConfig: settings.DeadLetterConfig } : {}),
    ...(settings.KMSKeyArn ? { KMSKeyArn: settings.KMSKeyArn } : {}),
    TracingConfig: { Mode: config.tracingMode },
    RevisionId: config.revisionId,
    ...(config.layers?.length
      ? { Layers: config.layers.map((layer) => ({ Arn: layer.arn, CodeSize: layer.codeSize })) }
      : {}),
    ...TRANSITIONS[moment],
    ...(settings.FileSystemConfigs?.length ? { FileSystemConfigs: settings.FileSystemConfigs } : {}),
    PackageType: config.image ? 'Image' : 'Zip',
    ...(config.image?.config ? { ImageConfigResponse: { ImageConfig: config.image.config } } : {}),
    Architectures: config.architectures,
    EphemeralStorage: { Size: config.ephemeralStorageSize },
    SnapStart: {
      ApplyOn: settings.SnapStart?.ApplyOn ?? 'None',
      OptimizationStatus:
        settings.SnapStart?.ApplyOn === 'PublishedVersions' && config.version !== '$LATEST' ? 'On' : 'Off',
    },
    ...(config.image || moment === 'listed'
      ? {}
      : { RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(context, config.runtime) } }),
    LoggingConfig: {
      LogFormat: config.logFormat,
      ...(config.logFormat === 'JSON'
        ? { ApplicationLogLevel: config.applicationLogLevel ?? 'INFO', SystemLogLevel: config.systemLogLevel ?? 'INFO' }
        : {}),
      LogGroup: logGroupOf(record.name, config),
    },
    ...(settings.TenancyConfig ? { TenancyConfig: settings.TenancyConfig } : {}),
    ...(settings.CapacityProviderConfig ? { CapacityProviderConfig: settings.CapacityProviderConfig } : {}),
    ...(settings.DurableConfig ? { DurableConfig: settings.DurableConfig } : {}),
  };
}

/** VpcConfig as Lambda answers it: the VPC the subnets belong to (one per subnet set here), '' without subnets. */
function vpcConfigResponse(vpc: VpcConfig) {
  const subnets = vpc.SubnetIds ?? [];
  const vpcId =
    subnets.length === 0 ? '' : `vpc-${createHash('sha256').update(subnets.join(',')).digest('hex').slice(0, 17)}`;
  return {
    SubnetIds: subnets,
    SecurityGroupIds: vpc.SecurityGroupIds ?? [],
    VpcId: vpcId,
    Ipv6AllowedForDualStack: vpc.Ipv6AllowedForDualStack ?? false,
  };
}

const runtimeVersions = new Map<string, string>();

/** The runtime version Lambda reports: an ARN without account, one per runtime here (ListFunctions asks 50 times). */
export function runtimeVersionArn(context: ArnContext, runtime: string): string {
  const key = `${context.region}\u0000${runtime}`;
  let arn = runtimeVersions.get(key);
  if (arn === undefined) {
    arn = `arn:aws:lambda:${context.region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;
    runtimeVersions.set(key, arn);
  }
  return arn;
}

/** The AliasConfiguration structure of the Lambda API. */
export function toAliasConfiguration(context: ArnContext, record: FunctionRecord, alias: AliasRecord) {
  return {
    AliasArn: functionArn(context, record.name, alias.name),
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(alias.additionalVersionWeights
      ? { RoutingConfig: { AdditionalVersionWeights: alias.additionalVersionWeights } }
      : {}),
    RevisionId: alias.revisionId,
  };
}
