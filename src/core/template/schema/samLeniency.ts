// What the SAM transform lets through. A diagnostic is an error only when CloudFormation or the transform rejects
// the template; SAM accepts more than its specification documents, and those cases deploy, so they are warnings:
// - most of SAM's own nested objects (DeploymentPreference, EndpointConfiguration, ...) are read key by key, and
//   keys SAM does not know are ignored, or, for objects SAM hands to the generated resource as they are, passed
//   through (API `EndpointConfiguration` in the spelling of AWS::ApiGateway::RestApi deploys fine);
// - some conflicting properties are resolved rather than rejected (InlineCode wins over CodeUri).
// What SAM does check stays an error: the Properties of its resources and of their events (the translator's
// "property X not defined for resource of type Y"), the objects it validates key by key (API Auth, Cors,
// UsagePlan), every object of the resources it validates with a schema (GraphQLApi, Connector, CapacityProvider,
// WebSocketApi), and everything SAM passes to CloudFormation, which the schema checks in CloudFormation's spelling.
import type { ObjectTypeSpec, TemplateSchema } from './templateSchema';

const SAM_PREFIX = 'AWS::Serverless::';

/** SAM resources whose every property and nested object the transform validates against its own schema. */
const SCHEMA_VALIDATED_RESOURCES = new Set(['GraphQLApi', 'Connector', 'CapacityProvider', 'WebSocketApi']);

/** SAM's own nested objects whose keys the transform checks ("Invalid value for 'Auth' property"). */
const KEY_CHECKED_OBJECTS = new Set([
  'AWS::Serverless::Api.Auth',
  'AWS::Serverless::Api.Cors',
  'AWS::Serverless::Api.UsagePlan',
  'AWS::Serverless::HttpApi.Auth',
]);

/** The resource SAM makes out of each resource type, to which some nested objects are handed as they are. */
const GENERATED_RESOURCE: Record<string, string> = {
  Function: 'AWS::Lambda::Function',
  Api: 'AWS::ApiGateway::RestApi',
  HttpApi: 'AWS::ApiGatewayV2::Api',
  StateMachine: 'AWS::StepFunctions::StateMachine',
  SimpleTable: 'AWS::DynamoDB::Table',
  LayerVersion: 'AWS::Lambda::LayerVersion',
};

/** Conflicting properties that SAM resolves instead of rejecting: the winner is used, the others are dropped. */
const RESOLVED_CONFLICTS: Record<string, { winner: string; losers: readonly string[] }[]> = {
  // The translator takes the first of InlineCode, CodeUri that is set.
  'AWS::Serverless::Function': [{ winner: 'InlineCode', losers: ['CodeUri'] }],
};

/**
 * For a key the schema does not know inside `type`: a warning message when SAM accepts it (ignores it or passes
 * it through), undefined when the transform or CloudFormation rejects it.
 */
export function samToleratedUnknownKey(schema: TemplateSchema, type: ObjectTypeSpec, key: string): string | undefined {
  const [owner, objectName] = splitSamObjectType(type.name);
  if (owner === undefined || objectName === undefined) return undefined;
  if (SCHEMA_VALIDATED_RESOURCES.has(owner) || KEY_CHECKED_OBJECTS.has(type.name)) return undefined;
  // Event sources are translator resources: their Properties are checked like a resource's.
  if (objectName.endsWith('EventProperties')) return undefined;
  const generated = GENERATED_RESOURCE[owner];
  const passedTo = generated ? generatedObjectType(schema, generated, objectName) : undefined;
  if (passedTo?.properties.has(key)) {
    return `SAM passes ${objectName} to ${generated} as it is, where '${key}' is valid: it deploys, but is not in SAM's specification of ${objectName}.`;
  }
  return `SAM ignores '${key}' in ${objectName}: it deploys, but has no effect.`;
}

/** When SAM resolves a conflict between `present` properties of `typeName`: the property it uses. */
export function samResolvedConflict(typeName: string, present: readonly string[]): string | undefined {
  return RESOLVED_CONFLICTS[typeName]?.find(
    (conflict) =>
      present.includes(conflict.winner) &&
      present.every((name) => name === conflict.winner || conflict.losers.includes(name)),
  )?.winner;
}

/** `AWS::Serverless::Api.EndpointConfiguration` -> ['Api', 'EndpointConfiguration']; other names -> []. */
function splitSamObjectType(typeName: string): [string?, string?] {
  if (!typeName.startsWith(SAM_PREFIX)) return [];
  const dot = typeName.indexOf('.');
  if (dot < 0) return [];
  return [typeName.slice(SAM_PREFIX.length, dot), typeName.slice(dot + 1)];
}

/** The object type of the generated resource's property of the same name, if it has one. */
function generatedObjectType(
  schema: TemplateSchema,
  resourceType: string,
  property: string,
): ObjectTypeSpec | undefined {
  const shape = schema.resourceType(resourceType)?.properties.properties.get(property)?.shape;
  if (!shape) return undefined;
  const objectShape =
    shape.kind === 'object'
      ? shape
      : shape.kind === 'union'
        ? shape.options.find((o) => o.kind === 'object')
        : undefined;
  return objectShape?.kind === 'object' ? schema.objectType(objectShape.typeName) : undefined;
}
