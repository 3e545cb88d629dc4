// AWS::Serverless::Connector as the translator's SamConnector does it: for each destination, find the profile of
// the (source type, destination type) pair, check the permissions against it, fill the profile's placeholders from
// the two resources, and generate a managed policy on a role, a queue or topic policy, or Lambda permissions.
// Connectors are transformed last: they read the resources the other SAM resources became.
import { InvalidResourceError } from '../samTransformError';
import { isObject, sub, text, type JsonObject, type JsonValue } from '../intrinsics';
import type { CfnResource, GeneratedResources, TransformContext } from '../transformContext';
import {
  connectedResource,
  ConnectorReferenceError,
  logicalIdOf,
  type ConnectedResource,
  type ConnectorResolver,
} from './connectedResource';
import { CONNECTOR_PROFILES, type ConnectorProfile } from './connectorProfiles';

const TYPE = 'AWS::Serverless::Connector';
const PROPERTIES = ['Source', 'Destination', 'Permissions'];
const ATTRIBUTES = ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'DependsOn'] as const;

export function transformConnector(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  for (const name of Object.keys(properties)) {
    if (!PROPERTIES.includes(name)) {
      throw new InvalidResourceError(logicalId, `property ${name} not defined for resource of type ${TYPE}`, [
        'Properties',
        name,
      ]);
    }
  }
  for (const name of PROPERTIES) {
    if (properties[name] === undefined || properties[name] === null) {
      throw new InvalidResourceError(logicalId, `Missing required property '${name}'.`, ['Properties']);
    }
  }
  const generated = connectorResources(logicalId, resource, contextResolver(context));
  replaceDependsOn(logicalId, Object.keys(generated), context.output);
  return generated;
}

/** Looks up transformed resources (and the ones a SAM resource is still generating, when given). */
export function contextResolver(context: TransformContext, pending: GeneratedResources = {}): ConnectorResolver {
  return {
    transformed: (id) => pending[id] ?? (isObject(context.output[id]) ? context.output[id] : undefined),
    declaredType: (id) => context.resourceType(id) ?? pending[id]?.Type,
    all: () => ({ ...context.output, ...pending }),
  };
}

/**
 * The resources of one connector (its Properties already checked to be present). Used by standalone and embedded
 * connectors and by the GraphQL API's data sources.
 */
export function connectorResources(
  logicalId: string,
  connector: JsonObject,
  resolver: ConnectorResolver,
): GeneratedResources {
  const properties = connector.Properties as JsonObject;
  const source = properties.Source!;
  const destinations = properties.Destination!;
  if (!isObject(source))
    throw new InvalidResourceError(logicalId, "Property 'Source' should be a map.", ['Properties', 'Source']);
  if (!isObject(destinations) && !Array.isArray(destinations)) {
    throw new InvalidResourceError(logicalId, "Property 'Destination' should be a map.", ['Properties', 'Destination']);
  }
  if (!Array.isArray(properties.Permissions)) {
    throw new InvalidResourceError(logicalId, "Property 'Permissions' should be a list.", [
      'Properties',
      'Permissions',
    ]);
  }
  const list = Array.isArray(destinations) ? destinations : [destinations];
  if (list.length === 0)
    throw new InvalidResourceError(logicalId, "'Destination' is an empty list", ['Properties', 'Destination']);
  const permissions = [...new Set(properties.Permissions.map((permission) => text(permission)))];
  const generated: GeneratedResources = {};
  list.forEach((destination, index) => {
    if (!isObject(destination)) {
      throw new InvalidResourceError(logicalId, "Property 'Destination' should be a map.", [
        'Properties',
        'Destination',
      ]);
    }
    let ends: [ConnectedResource, ConnectedResource];
    try {
      ends = [connectedResource(source, resolver, destination), connectedResource(destination, resolver, source)];
    } catch (error) {
      if (error instanceof ConnectorReferenceError) throw new InvalidResourceError(logicalId, error.message);
      throw error;
    }
    const suffix = Array.isArray(destinations) ? `Destination${index}` : '';
    Object.assign(generated, destinationResources(logicalId, suffix, connector, ends, permissions, resolver));
  });
  return generated;
}

/** What one destination needs; generated IDs end with `suffix` (DestinationN when there is a list). */
function destinationResources(
  logicalId: string,
  suffix: string,
  connector: JsonObject,
  [source, destination]: [ConnectedResource, ConnectedResource],
  requested: string[],
  resolver: ConnectorResolver,
): Record<string, CfnResource> {
  const fail = (message: string) => new InvalidResourceError(logicalId, message);
  const profile = CONNECTOR_PROFILES[source.type]?.[destination.type];
  if (!profile) {
    throw fail(
      `Unable to create connector from ${source.type} to ${destination.type}; it's not supported or the template is invalid.`,
    );
  }
  const permissions = checkedPermissions(profile, requested, source, destination, fail);
  const categories = fillPlaceholders(profile, source, destination, fail);
  const selected = Object.keys(categories).filter((name) => permissions.includes(name));
  const statements = selected.flatMap((name) => categories[name] as JsonValue[]);
  const attributes = connectorAttributes(logicalId, connector, source, destination);
  const document = { Version: '2012-10-17', Statement: statements };
  switch (profile.type) {
    case 'AWS_LAMBDA_PERMISSION': {
      if (destination.arn === undefined) throw fail("Unable to get Lambda function ARN from 'Destination' resource.");
      const resources: Record<string, CfnResource> = {};
      for (const name of selected) {
        const permission = categories[name] as JsonObject;
        resources[`${logicalId}${name}LambdaPermission${suffix}`] = {
          Type: 'AWS::Lambda::Permission',
          ...attributes,
          Properties: { ...permission, FunctionName: destination.arn },
        };
      }
      return resources;
    }
    case 'AWS_SQS_QUEUE_POLICY':
      if (destination.queueUrl === undefined) throw fail("Unable to get SQS queue URL from 'Destination' resource.");
      return {
        [`${logicalId}QueuePolicy${suffix}`]: {
          Type: 'AWS::SQS::QueuePolicy',
          ...attributes,
          Properties: { PolicyDocument: document, Queues: [destination.queueUrl] },
        },
      };
    case 'AWS_SNS_TOPIC_POLICY':
      if (destination.arn === undefined) throw fail("Unable to get SNS topic ARN from 'Destination' resource.");
      return {
        [`${logicalId}TopicPolicy${suffix}`]: {
          Type: 'AWS::SNS::TopicPolicy',
          ...attributes,
          Properties: { PolicyDocument: document, Topics: [destination.arn] },
        },
      };
    case 'AWS_IAM_ROLE_MANAGED_POLICY': {
      const end = profile.sourcePolicy ? 'Source' : 'Destination';
      const role = (profile.sourcePolicy ? source : destination).roleName;
      if (role === undefined) throw fail(`Unable to get IAM role name from '${end}' resource.`);
      const policyId = `${logicalId}Policy${suffix}`;
      if (profile.dependedBy === 'DESTINATION_EVENT_SOURCE_MAPPING' && source.logicalId && destination.logicalId) {
        for (const mapping of eventSourceMappings(source.logicalId, destination.logicalId, resolver)) {
          addDependsOn(mapping, policyId);
        }
      } else if (profile.dependedBy === 'SOURCE' && source.logicalId) {
        const sourceResource = resolver.transformed(source.logicalId);
        if (sourceResource) addDependsOn(sourceResource, policyId);
      }
      return {
        [policyId]: {
          Type: 'AWS::IAM::ManagedPolicy',
          ...attributes,
          Properties: { PolicyDocument: document, Roles: [role] },
        },
      };
    }
  }
}

/** Deduplicated permissions, checked against the profile's categories and combinations. */
function checkedPermissions(
  profile: ConnectorProfile,
  permissions: string[],
  source: ConnectedResource,
  destination: ConnectedResource,
  fail: (message: string) => Error,
): string[] {
  const valid = Object.keys(profile.categories);
  if (permissions.length === 0) throw fail(`'Permissions' cannot be empty; valid values are: ${valid.join(', ')}.`);
  const pair = `connector from ${source.type} to ${destination.type}`;
  if (permissions.some((permission) => !valid.includes(permission))) {
    throw fail(`Unsupported 'Permissions' provided for ${pair}; valid values are: ${valid.join(', ')}.`);
  }
  const combinations = profile.validCombinations?.map((combination) => [...combination].sort());
  if (!combinations) return permissions;
  const given = [...permissions].sort().join('+');
  if (combinations.some((combination) => combination.join('+') === given)) return permissions;
  // SQS to Lambda: Read meant receiving and deleting before Write existed, and still does.
  if (source.type === 'AWS::SQS::Queue' && given === 'Read') return ['Read', 'Write'];
  const listed = combinations.map((combination) => combination.join(' + ')).join(', ');
  throw fail(`Unsupported 'Permissions' provided for ${pair}; valid combinations are: ${listed}.`);
}

/** The profile's categories with `%{Source.Arn}`-style placeholders replaced, in the profile's order. */
function fillPlaceholders(
  profile: ConnectorProfile,
  source: ConnectedResource,
  destination: ConnectedResource,
  fail: (message: string) => Error,
): Record<string, JsonValue> {
  const values: Record<string, JsonValue | undefined> = {};
  for (const [end, resource] of [
    ['Source', source],
    ['Destination', destination],
  ] as const) {
    values[`${end}.Arn`] = resource.arn;
    values[`${end}.ResourceId`] = resource.resourceId;
    values[`${end}.Name`] = resource.name;
    values[`${end}.Qualifier`] = resource.qualifier;
  }
  const replace = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(replace);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item)]));
    if (typeof value !== 'string') return value;
    return replaceString(value, values, fail);
  };
  return Object.fromEntries(
    Object.entries(profile.categories).map(([name, category]) => [name, replace(category as JsonValue)]),
  );
}

function replaceString(
  value: string,
  values: Record<string, JsonValue | undefined>,
  fail: (message: string) => Error,
): JsonValue {
  const placeholders = [...value.matchAll(/%\{([A-Za-z]+\.[A-Za-z]+)\}/g)];
  for (const [, name] of placeholders) {
    if (values[name!] === undefined) throw fail(`${name} is missing.`);
  }
  const whole = /^%\{([A-Za-z]+\.[A-Za-z]+)\}$/.exec(value);
  if (whole) return values[whole[1]!]!;
  if (placeholders.length === 0) return value.includes('${') ? sub(value) : value;
  const variables: JsonObject = {};
  const template = value.replace(/%\{([A-Za-z]+)\.([A-Za-z]+)\}/g, (_whole, end: string, field: string) => {
    variables[`${end}${field}`] = values[`${end}.${field}`]!;
    return `\${${end}${field}}`;
  });
  return sub(template, variables);
}

/** Condition, DeletionPolicy, UpdateReplacePolicy and DependsOn as the connector has them; Metadata says what it connects. */
function connectorAttributes(
  logicalId: string,
  connector: JsonObject,
  source: ConnectedResource,
  destination: ConnectedResource,
): JsonObject {
  const attributes: JsonObject = {};
  for (const name of ATTRIBUTES) if (connector[name] !== undefined) attributes[name] = connector[name]!;
  attributes.Metadata = {
    ...(isObject(connector.Metadata) ? connector.Metadata : {}),
    'aws:sam:connectors': {
      [logicalId]: { Source: { Type: source.declaredType }, Destination: { Type: destination.declaredType } },
    },
  };
  return attributes;
}

/** The event source mappings from `sourceId` to the function `functionId`. */
function eventSourceMappings(sourceId: string, functionId: string, resolver: ConnectorResolver): JsonObject[] {
  return Object.values(resolver.all()).filter((resource): resource is JsonObject => {
    if (!isObject(resource) || resource.Type !== 'AWS::Lambda::EventSourceMapping') return false;
    const properties = isObject(resource.Properties) ? resource.Properties : {};
    return logicalIdOf(properties.FunctionName) === functionId && logicalIdOf(properties.EventSourceArn) === sourceId;
  });
}

function addDependsOn(resource: JsonObject, logicalId: string): void {
  const current = resource.DependsOn;
  const list = current === undefined ? [] : Array.isArray(current) ? current : [current];
  resource.DependsOn = list.includes(logicalId) ? list : [...list, logicalId];
}

/** Resources that depended on the connector depend on what it generated instead. */
function replaceDependsOn(logicalId: string, generated: string[], resources: Record<string, JsonValue>): void {
  for (const resource of Object.values(resources)) {
    if (!isObject(resource) || resource.DependsOn === undefined) continue;
    const list = Array.isArray(resource.DependsOn) ? resource.DependsOn : [resource.DependsOn];
    if (!list.includes(logicalId)) continue;
    const kept = list.filter((item) => item !== logicalId);
    resource.DependsOn = [...kept, ...generated.filter((id) => !kept.includes(id))];
  }
}
