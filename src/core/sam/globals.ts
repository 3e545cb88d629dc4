// The Globals section (samtranslator/plugins/globals): which properties each SAM type takes from it, and how they
// merge into a resource. Scalars and intrinsics: the resource wins; lists: concatenated, Globals first; maps:
// merged recursively, the resource winning per key. `IgnoreGlobals` ('*' or a list of names) opts out.
import { InvalidGlobalsError, InvalidResourceError } from './samTransformError';
import { isIntrinsic, isObject, type JsonObject, type JsonValue, text } from './intrinsics';

/** Properties each section of Globals may set, in the translator's order (its messages list them so). */
export const GLOBAL_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  Function: [
    'Handler',
    'Runtime',
    'CodeUri',
    'DeadLetterQueue',
    'Description',
    'MemorySize',
    'Timeout',
    'VpcConfig',
    'Environment',
    'Tags',
    'PropagateTags',
    'Tracing',
    'KmsKeyArn',
    'AutoPublishAlias',
    'AutoPublishAliasAllProperties',
    'Layers',
    'DeploymentPreference',
    'RolePath',
    'PermissionsBoundary',
    'ReservedConcurrentExecutions',
    'ProvisionedConcurrencyConfig',
    'AssumeRolePolicyDocument',
    'EventInvokeConfig',
    'FileSystemConfigs',
    'CodeSigningConfigArn',
    'Architectures',
    'SnapStart',
    'EphemeralStorage',
    'FunctionUrlConfig',
    'RuntimeManagementConfig',
    'LoggingConfig',
    'RecursiveLoop',
    'SourceKMSKeyArn',
    'TenancyConfig',
    'DurableConfig',
    'CapacityProviderConfig',
    'FunctionScalingConfig',
    'PublishToLatestPublished',
    'VersionDeletionPolicy',
  ],
  Api: [
    'Auth',
    'Name',
    'DefinitionUri',
    'CacheClusterEnabled',
    'CacheClusterSize',
    'MergeDefinitions',
    'Variables',
    'EndpointConfiguration',
    'MethodSettings',
    'BinaryMediaTypes',
    'MinimumCompressionSize',
    'Cors',
    'GatewayResponses',
    'AccessLogSetting',
    'CanarySetting',
    'TracingEnabled',
    'OpenApiVersion',
    'Domain',
    'AlwaysDeploy',
    'PropagateTags',
    'SecurityPolicy',
  ],
  HttpApi: [
    'Auth',
    'AccessLogSettings',
    'StageVariables',
    'Tags',
    'CorsConfiguration',
    'DefaultRouteSettings',
    'Domain',
    'RouteSettings',
    'FailOnWarnings',
    'PropagateTags',
  ],
  SimpleTable: ['SSESpecification', 'PointInTimeRecoverySpecification'],
  StateMachine: ['PropagateTags'],
  LayerVersion: ['PropagateTags'],
  CapacityProvider: [
    'VpcConfig',
    'OperatorRole',
    'Tags',
    'InstanceRequirements',
    'ScalingConfig',
    'KmsKeyArn',
    'PropagateTags',
  ],
  WebSocketApi: [
    'AccessLogSettings',
    'ApiKeySelectionExpression',
    'DefaultRouteSettings',
    'DisableExecuteApiEndpoint',
    'DisableSchemaValidation',
    'Domain',
    'IpAddressType',
    'PropagateTags',
    'RouteSettings',
    'StageVariables',
    'Tags',
  ],
};

function pythonList(items: readonly string[]): string {
  return `[${items.map((item) => `'${item}'`).join(', ')}]`;
}

/** Validates the Globals section; returns it by SAM type (`Function` -> properties). */
export function readGlobals(template: JsonObject): Map<string, JsonObject> {
  const section = template.Globals;
  const globals = new Map<string, JsonObject>();
  if (section === undefined) return globals;
  if (!isObject(section)) throw new InvalidGlobalsError('It must be a non-empty dictionary.');
  for (const [type, properties] of Object.entries(section)) {
    const supported = GLOBAL_PROPERTIES[type];
    if (!supported) {
      const types = Object.keys(GLOBAL_PROPERTIES).sort();
      throw new InvalidGlobalsError(
        `'${type}' is not supported. Must be one of the following values - ${pythonList(types)}`,
        ['Globals', type],
      );
    }
    if (!isObject(properties))
      throw new InvalidGlobalsError(`Value of ${type} must be a dictionary.`, ['Globals', type]);
    for (const name of Object.keys(properties)) {
      if (!supported.includes(name)) {
        throw new InvalidGlobalsError(
          `'${name}' is not a supported property of '${type}'. Must be one of the following values - ${pythonList(supported)}`,
          ['Globals', type, name],
        );
      }
    }
    globals.set(type, properties);
  }
  return globals;
}

/** Merges Globals into a resource's properties (the resource is left untouched). */
export function mergeGlobals(
  globals: Readonly<Record<string, unknown>>,
  properties: Readonly<Record<string, unknown>>,
  ignore?: unknown,
): Record<string, unknown> {
  const { IgnoreGlobals: ownIgnore, ...own } = properties;
  const ignored = ignore ?? ownIgnore;
  if (ignored === '*') return { ...own };
  const skip = new Set(Array.isArray(ignored) ? ignored.map(String) : typeof ignored === 'string' ? [ignored] : []);
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(globals)) if (!skip.has(key)) merged[key] = value;
  for (const [key, value] of Object.entries(own)) merged[key] = key in merged ? mergeValues(merged[key], value) : value;
  return merged;
}

function mergeValues(global: unknown, local: unknown): unknown {
  if (Array.isArray(global) && Array.isArray(local)) return [...(global as unknown[]), ...(local as unknown[])];
  if (isPlainMap(global) && isPlainMap(local)) {
    const merged: Record<string, unknown> = { ...global };
    for (const [key, value] of Object.entries(local))
      merged[key] = key in merged ? mergeValues(merged[key], value) : value;
    return merged;
  }
  return local;
}

/** Intrinsics merge like scalars: they resolve to one value when the stack is created. */
function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isIntrinsic(value);
}

const SAM_TYPE_SECTIONS: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
  'AWS::Serverless::CapacityProvider': 'CapacityProvider',
  'AWS::Serverless::WebSocketApi': 'WebSocketApi',
};

/** Applies Globals to every SAM resource of the template, in place (the template is the transform's own copy). */
export function applyGlobals(template: JsonObject, globals: Map<string, JsonObject>): void {
  const resources = isObject(template.Resources) ? template.Resources : {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || typeof resource.Type !== 'string') continue;
    const section = SAM_TYPE_SECTIONS[resource.Type];
    const ignore = resource.IgnoreGlobals;
    if (ignore !== undefined) validateIgnoreGlobals(logicalId, ignore, section ? GLOBAL_PROPERTIES[section]! : []);
    const values = section ? globals.get(section) : undefined;
    if (!values) continue;
    const properties = resource.Properties === undefined ? {} : resource.Properties;
    if (!isObject(properties)) continue;
    const own =
      properties.InlineCode !== undefined || properties.ImageUri !== undefined
        ? { ...values, CodeUri: undefined }
        : values;
    if (own.CodeUri === undefined) delete own.CodeUri;
    resource.Properties = mergeGlobals(own, properties, ignore) as JsonObject;
  }
  delete template.Globals;
}

function validateIgnoreGlobals(logicalId: string, ignore: JsonValue, supported: readonly string[]): void {
  if (ignore === '*') return;
  const items = Array.isArray(ignore) ? ignore : [ignore];
  for (const item of items) {
    if (typeof item !== 'string' || !supported.includes(item)) {
      throw new InvalidResourceError(
        logicalId,
        `Resource ${logicalId} has invalid resource attribute 'IgnoreGlobals' on item '${text(item)}'.`,
        ['IgnoreGlobals'],
      );
    }
  }
}
