// How requests change a function: its code (inline zip or from the local S3), its configuration, publishing.
import { createHash, randomUUID } from 'node:crypto';
import type { FunctionCode, UpdateFunctionConfigurationRequest } from '../models/generated/lambda';
import { AwsError, isAwsError } from '../protocol/awsError';
import type { StoredCode } from './codePackage';
import {
  configFingerprint,
  lambdaTimestamp,
  type FunctionConfig,
  type FunctionImage,
  type FunctionRecord,
  type StoredSettings,
} from './functionRecords';
import { resolveFunctionLayers } from './layerReferences';
import { validationError, type LambdaContext } from './lambdaContext';

/** The configuration members CreateFunction and UpdateFunctionConfiguration share. */
export type ConfigurationInput = Pick<
  UpdateFunctionConfigurationRequest,
  | 'Timeout'
  | 'MemorySize'
  | 'Environment'
  | 'Description'
  | 'TracingConfig'
  | 'EphemeralStorage'
  | 'LoggingConfig'
  | 'Runtime'
  | 'Handler'
  | 'Role'
  | 'Layers'
  | 'ImageConfig'
  | 'VpcConfig'
  | 'DeadLetterConfig'
  | 'KMSKeyArn'
  | 'FileSystemConfigs'
  | 'SnapStart'
  | 'CapacityProviderConfig'
  | 'DurableConfig'
> & { Architectures?: string[]; TenancyConfig?: StoredSettings['TenancyConfig'] };

/** The members stored as given (see StoredSettings). */
const STORED_SETTINGS = [
  'VpcConfig',
  'DeadLetterConfig',
  'KMSKeyArn',
  'FileSystemConfigs',
  'SnapStart',
  'TenancyConfig',
  'CapacityProviderConfig',
  'DurableConfig',
] as const;

/** Stores a package from `ZipFile` or `S3Bucket`/`S3Key` (a missing object is Lambda's InvalidParameterValue). */
export function storeCode(context: LambdaContext, code: FunctionCode): StoredCode {
  if (code.ZipFile !== undefined) return context.code.store(Buffer.from(code.ZipFile));
  if (code.S3Bucket !== undefined && code.S3Key !== undefined) {
    try {
      return context.code.store(context.objectStore.getObject(code.S3Bucket, code.S3Key).data);
    } catch (error) {
      if (isAwsError(error) && (error.code === 'NoSuchKey' || error.code === 'NoSuchBucket')) {
        throw new AwsError(
          'InvalidParameterValueException',
          `Error occurred while GetObject. S3 Error Code: ${error.code}. S3 Error Message: ${error.message}`,
        );
      }
      throw error;
    }
  }
  if (code.ImageUri !== undefined) return imageCode(code.ImageUri);
  throw new AwsError('InvalidParameterValueException', 'Please provide a source for function code.');
}

/** A container image as Lambda records it (no registry locally: the digest is derived from the URI). */
export function imageCode(uri: string): StoredCode & { image: FunctionImage } {
  const digest = createHash('sha256').update(uri).digest('hex');
  return { codeSha256: digest, codeHash: '', codeSize: 0, image: { uri, digest } };
}

/** Applies the configuration members present in a request. */
export function applyConfiguration(context: LambdaContext, config: FunctionConfig, input: ConfigurationInput): void {
  if (input.Runtime !== undefined) config.runtime = input.Runtime;
  if (input.Handler !== undefined) config.handler = input.Handler;
  if (input.Role !== undefined) config.role = input.Role;
  if (input.Description !== undefined) config.description = input.Description;
  // The model allows longer timeouts and larger sizes than Lambda runs functions with.
  if (input.Timeout !== undefined) {
    if (input.Timeout > 900) {
      throw validationError('timeout', input.Timeout, 'Member must have value less than or equal to 900');
    }
    config.timeout = input.Timeout;
  }
  if (input.MemorySize !== undefined) {
    if (input.MemorySize > 10240) {
      throw validationError('memorySize', input.MemorySize, 'Member must have value less than or equal to 10240');
    }
    config.memorySize = input.MemorySize;
  }
  if (input.Environment?.Variables !== undefined) config.environment = { ...input.Environment.Variables };
  if (input.Architectures !== undefined) config.architectures = input.Architectures;
  if (input.TracingConfig?.Mode !== undefined) config.tracingMode = input.TracingConfig.Mode;
  if (input.EphemeralStorage?.Size !== undefined) config.ephemeralStorageSize = input.EphemeralStorage.Size;
  if (input.LoggingConfig) {
    config.logFormat = input.LoggingConfig.LogFormat ?? config.logFormat;
    config.logGroup = input.LoggingConfig.LogGroup ?? config.logGroup;
    config.applicationLogLevel = input.LoggingConfig.ApplicationLogLevel ?? config.applicationLogLevel;
    config.systemLogLevel = input.LoggingConfig.SystemLogLevel ?? config.systemLogLevel;
  }
  if (input.ImageConfig !== undefined && config.image) config.image.config = structuredClone(input.ImageConfig);
  if (input.Layers !== undefined) config.layers = resolveFunctionLayers(context, context.layers, input.Layers);
  for (const member of STORED_SETTINGS) {
    if (input[member] !== undefined) (config.settings ??= {})[member] = structuredClone(input[member]) as never;
  }
}

/** A new version only when code or configuration changed since the last one; else the last one. */
export function publish(record: FunctionRecord, description: string): FunctionConfig {
  const previous = record.versions.at(-1);
  if (previous && configFingerprint(previous) === configFingerprint(record.latest)) return previous;
  const version: FunctionConfig = {
    ...structuredClone(record.latest),
    version: String(record.nextVersion++),
    description,
    lastModified: lambdaTimestamp(),
    revisionId: randomUUID(),
  };
  record.versions.push(version);
  return version;
}

/** A page of a list by a numeric Marker (versions, aliases). */
export function pageByIndex<Item>(items: Item[], marker: string | undefined, maxItems: number | undefined) {
  const start = Number(marker ?? '0');
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidParameterValueException', 'Invalid Marker');
  const limit = maxItems ?? 50;
  return {
    page: items.slice(start, start + limit),
    ...(start + limit < items.length ? { NextMarker: String(start + limit) } : {}),
  };
}
