// AWS::Lambda::Function: a function in the local cloud's Lambda, its code from the local S3 (Code.S3Bucket/S3Key,
// what `aws cloudformation package` uploads) or inline (Code.ZipFile, zipped as index.js / index.py as
// CloudFormation does). Container images cannot run locally: such functions are recorded (simulated).
import { strToU8, zipSync } from 'fflate';
import { isDeepStrictEqual } from 'node:util';
import type { JsonObject, JsonValue } from '../../../../core/template/templateJson';
import { ignoringNotFound } from '../alreadyExists';
import {
  listProperty,
  numberProperty,
  objectProperty,
  stringProperty,
  type ProviderContext,
  type ResourceProvider,
} from '../resourceProvider';
import { simulatedIdentifiers } from '../simulatedIdentifiers';

/** Properties the local Lambda applies through UpdateFunctionConfiguration. */
const CONFIGURATION_PROPERTIES = [
  'Runtime',
  'Handler',
  'Role',
  'Description',
  'Timeout',
  'MemorySize',
  'Environment',
  'TracingConfig',
  'EphemeralStorage',
  'LoggingConfig',
  'Layers',
  'DeadLetterConfig',
  'VpcConfig',
  'KmsKeyArn',
  'FileSystemConfigs',
  'SnapStart',
  'ImageConfig',
] as const;

function isImage(properties: JsonObject): boolean {
  return (
    stringProperty(properties, 'PackageType') === 'Image' || objectProperty(properties, 'Code')?.ImageUri !== undefined
  );
}

/** Code.ZipFile is source text: CloudFormation zips it as `index.<extension of the runtime>`. */
function inlineZip(source: string, runtime: string | undefined): string {
  const file = runtime?.startsWith('python') ? 'index.py' : 'index.js';
  const zip = zipSync({ [file]: strToU8(source) }, { mtime: '1980-01-01T00:00:00Z' });
  return Buffer.from(zip).toString('base64');
}

function codeInput(properties: JsonObject): Record<string, JsonValue> {
  const code = objectProperty(properties, 'Code') ?? {};
  const zipFile = stringProperty(code, 'ZipFile');
  if (zipFile !== undefined) return { ZipFile: inlineZip(zipFile, stringProperty(properties, 'Runtime')) };
  const input: Record<string, JsonValue> = {};
  for (const member of ['S3Bucket', 'S3Key', 'S3ObjectVersion']) {
    const value = stringProperty(code, member);
    if (value !== undefined) input[member] = value;
  }
  return input;
}

function configurationInput(properties: JsonObject): Record<string, JsonValue> {
  const input: Record<string, JsonValue> = {};
  for (const name of CONFIGURATION_PROPERTIES) {
    const value = properties[name];
    if (value !== undefined)
      input[name] = name === 'Timeout' || name === 'MemorySize' ? (numberProperty(properties, name) ?? value) : value;
  }
  const architectures = listProperty(properties, 'Architectures');
  if (architectures) input.Architectures = architectures;
  // CloudFormation passes environment values as text, whatever the template wrote (numbers, booleans).
  const variables = objectProperty(objectProperty(properties, 'Environment') ?? {}, 'Variables');
  if (variables) {
    input.Environment = {
      Variables: Object.fromEntries(
        Object.entries(variables).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      ),
    };
  }
  return input;
}

/** CloudFormation tags are `[{Key, Value}]`; Lambda takes a map. */
function tagsInput(properties: JsonObject): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of listProperty(properties, 'Tags') ?? []) {
    if (tag !== null && typeof tag === 'object' && !Array.isArray(tag) && typeof tag.Key === 'string') {
      tags[tag.Key] = typeof tag.Value === 'string' ? tag.Value : JSON.stringify(tag.Value ?? '');
    }
  }
  return tags;
}

async function applyConcurrency(properties: JsonObject, name: string, context: ProviderContext): Promise<void> {
  const reserved = numberProperty(properties, 'ReservedConcurrentExecutions');
  if (reserved === undefined) {
    await context.services.lambda('DeleteFunctionConcurrency', { FunctionName: name });
  } else {
    await context.services.lambda('PutFunctionConcurrency', {
      FunctionName: name,
      ReservedConcurrentExecutions: reserved,
    });
  }
}

function functionAttributes(configuration: Record<string, unknown>): Record<string, JsonValue> {
  return {
    Arn: String(configuration.FunctionArn),
    'SnapStartResponse.ApplyOn': 'None',
    'SnapStartResponse.OptimizationStatus': 'Off',
  };
}

export const lambdaFunctionProvider: ResourceProvider = {
  type: 'AWS::Lambda::Function',
  async create(properties, context) {
    if (isImage(properties)) return simulatedIdentifiers(properties, context);
    const name = stringProperty(properties, 'FunctionName') ?? context.generatedName({ maxLength: 64 });
    context.claimPhysicalId(name);
    const created = await context.services.lambda('CreateFunction', {
      FunctionName: name,
      ...configurationInput(properties),
      Code: codeInput(properties),
      Tags: {
        'aws:cloudformation:stack-name': context.stackName,
        'aws:cloudformation:logical-id': context.logicalId,
        ...tagsInput(properties),
      },
    });
    if (properties.ReservedConcurrentExecutions !== undefined) await applyConcurrency(properties, name, context);
    return { physicalId: name, attributes: functionAttributes(created) };
  },
  async update(update, context) {
    const { properties, previousProperties, current } = update;
    if (current.simulated || isImage(properties)) return { ...current, simulated: true };
    const name = current.physicalId;
    const changed = (names: readonly string[]) =>
      names.some((property) => !isDeepStrictEqual(properties[property], previousProperties[property]));
    if (changed([...CONFIGURATION_PROPERTIES, 'Architectures'])) {
      await context.services.lambda('UpdateFunctionConfiguration', {
        FunctionName: name,
        ...configurationInput(properties),
      });
    }
    // Inline code is zipped with the runtime's file name, so a runtime change rewrites it too.
    if (changed(['Code', 'Runtime'])) {
      await context.services.lambda('UpdateFunctionCode', { FunctionName: name, ...codeInput(properties) });
    }
    if (changed(['ReservedConcurrentExecutions'])) await applyConcurrency(properties, name, context);
    const configuration = await context.services.lambda('GetFunctionConfiguration', { FunctionName: name });
    return { physicalId: name, attributes: functionAttributes(configuration) };
  },
  delete(deletion, context) {
    return ignoringNotFound(() => context.services.lambda('DeleteFunction', { FunctionName: deletion.physicalId }));
  },
};
