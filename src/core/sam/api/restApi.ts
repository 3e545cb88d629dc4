// AWS::Serverless::Api (samtranslator/model/api/api_generator.py): the RestApi with its OpenAPI body (auth, CORS,
// gateway responses, models applied), a Deployment whose logical ID hashes the body, the Stage, permissions for
// Lambda authorizers, usage plans and custom domains.
import { InvalidResourceError } from '../samTransformError';
import { isIntrinsic, isObject, ref, resolveParameterRefs, type JsonObject, type JsonValue, text } from '../intrinsics';
import { dataHash, logicalIdWithHash, pythonJsonDumps } from '../logicalIdHash';
import { s3LocationObject } from '../function/functionCode';
import { mainAttributes } from '../function/samFunction';
import {
  checkProperties,
  passthroughAttributes,
  type CfnResource,
  type GeneratedResources,
  type TransformContext,
} from '../transformContext';
import { applyRestAuth, authorizerPermissions } from './restApiAuth';
import { applyCors } from './apiCors';
import { restApiDomain } from './apiDomain';
import { isValidDocument, removeAuthMarks, toOpenApi3 } from './swaggerDocument';
import { checkEditableDocument } from './documentChecks';
import { python27Repr, type UnicodeTest } from './python27Repr';
import { unicodeTest } from './templateStrings';
import { usagePlanResources } from './usagePlan';

const KINDS = {
  StageName: 'string',
  Auth: 'map',
  Cors: ['string', 'map'],
  DefinitionBody: 'map',
  DefinitionUri: ['string', 'map'],
  MethodSettings: 'list',
  Variables: 'map',
  Tags: 'map',
  GatewayResponses: 'map',
  Models: 'map',
  BinaryMediaTypes: 'list',
  AccessLogSetting: 'map',
  CanarySetting: 'map',
  Domain: 'map',
  EndpointConfiguration: ['string', 'map'],
  TracingEnabled: 'boolean',
  CacheClusterEnabled: 'boolean',
  FailOnWarnings: 'boolean',
  MergeDefinitions: 'boolean',
} as const;

/** Where the event for a managed API came from: its stage name for permission IDs. */
export function restApiStageName(resource: JsonObject, context: TransformContext): JsonValue | undefined {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  return resolveParameterRefs(properties.StageName, context.parameters);
}

export function transformRestApi(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  checkProperties(logicalId, properties, KINDS);
  const attributes = passthroughAttributes(resource);
  const stageName = resolveParameterRefs(properties.StageName, context.parameters) ?? null;
  if (stageName === null)
    throw new InvalidResourceError(logicalId, "Missing required property 'StageName'.", ['Properties', 'StageName']);
  if (stageName === '')
    throw new InvalidResourceError(logicalId, 'StageName cannot be empty.', ['Properties', 'StageName']);
  const managed = properties.__MANAGE_SWAGGER === true;
  const openApiVersion = properties.OpenApiVersion;
  // Versions 2.x and 3.x (the translator compares str(value): a YAML 3.0 read as the number 3 is '3.0').
  const versionText =
    typeof openApiVersion === 'number' && Number.isInteger(openApiVersion)
      ? openApiVersion.toFixed(1)
      : typeof openApiVersion === 'string' || typeof openApiVersion === 'number'
        ? String(openApiVersion)
        : undefined;
  if (openApiVersion !== undefined && !(versionText !== undefined && /^[2-3](\.\d)(\.\d)?$/.test(versionText))) {
    throw new InvalidResourceError(logicalId, "The OpenApiVersion value must be of the format '3.0.0'.", [
      'Properties',
      'OpenApiVersion',
    ]);
  }

  const restProperties: JsonObject = {};
  let body: JsonValue | undefined = properties.DefinitionBody;
  if (body !== undefined && properties.DefinitionUri !== undefined && !managed) {
    throw new InvalidResourceError(
      logicalId,
      "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.",
      ['Properties'],
    );
  }
  if (isObject(body)) {
    body = structuredClone(body);
    const valid = isValidDocument(body);
    const edits = ['Auth', 'Cors', 'GatewayResponses', 'Models', 'BinaryMediaTypes', 'DisableExecuteApiEndpoint'];
    if (valid && edits.some((name) => properties[name] !== undefined)) {
      checkEditableDocument(body, { auth: properties.Auth !== undefined });
    }
    // In the translator's order (the order keys are added decides the deployment hash's text).
    if (properties.Cors !== undefined)
      applyCors(logicalId, properties.Cors, valid ? body : undefined, managed, context);
    applyRestAuth(logicalId, properties, valid ? body : undefined, managed, context);
    if (valid) applyDocumentSettings(logicalId, properties, body, managed);
    if (valid) removeAuthMarks(body);
    if (valid && typeof openApiVersion === 'string' && openApiVersion.startsWith('3')) toOpenApi3(body, openApiVersion);
    restProperties.Body = body;
  } else if (properties.DefinitionUri !== undefined) {
    if (
      properties.Auth !== undefined &&
      isObject(properties.Auth) &&
      (properties.Auth.Authorizers !== undefined || properties.Auth.DefaultAuthorizer !== undefined)
    ) {
      throw new InvalidResourceError(
        logicalId,
        "Auth works only with inline Swagger specified in 'DefinitionBody' property.",
        ['Properties', 'Auth'],
      );
    }
    const uri = properties.DefinitionUri;
    restProperties.BodyS3Location = isIntrinsic(uri)
      ? uri
      : s3LocationObject(uri, logicalId, 'DefinitionUri', { bucket: 'Bucket', key: 'Key', version: 'Version' });
  } else if (body !== undefined) {
    restProperties.Body = body;
  }
  for (const name of [
    'Name',
    'Description',
    'BinaryMediaTypes',
    'MinimumCompressionSize',
    'Mode',
    'FailOnWarnings',
    'DisableExecuteApiEndpoint',
    'ApiKeySourceType',
    'SecurityPolicy',
    'EndpointAccessMode',
  ]) {
    if (properties[name] !== undefined) restProperties[name] = properties[name]!;
  }
  if (isObject(properties.Auth) && properties.Auth.ApiKeySourceType !== undefined)
    restProperties.ApiKeySourceType = properties.Auth.ApiKeySourceType;
  const endpoint = properties.EndpointConfiguration;
  if (endpoint !== undefined) {
    if (isObject(endpoint) && !isIntrinsic(endpoint)) {
      // SAM spells it VPCEndpointIds, API Gateway VpcEndpointIds: one of the two.
      if (endpoint.Type && 'VPCEndpointIds' in endpoint && 'VpcEndpointIds' in endpoint)
        throw new InvalidResourceError(
          logicalId,
          "'VPCEndpointIds' and 'VpcEndpointIds' cannot be used together in EndpointConfiguration.",
          ['Properties', 'EndpointConfiguration'],
        );
      const config: JsonObject = {};
      if (endpoint.Type !== undefined) config.Types = [endpoint.Type];
      if (endpoint.VPCEndpointIds !== undefined) config.VpcEndpointIds = endpoint.VPCEndpointIds;
      if (endpoint.VpcEndpointIds !== undefined) config.VpcEndpointIds = endpoint.VpcEndpointIds;
      if (endpoint.IpAddressType !== undefined) config.IpAddressType = endpoint.IpAddressType;
      restProperties.EndpointConfiguration = config;
      if (endpoint.Type !== undefined) restProperties.Parameters = { endpointConfigurationTypes: endpoint.Type };
    } else {
      restProperties.EndpointConfiguration = { Types: [endpoint] };
      restProperties.Parameters = { endpointConfigurationTypes: endpoint };
    }
  }
  if (properties.Policy !== undefined) restProperties.Policy = properties.Policy;
  if (properties.Tags !== undefined && isObject(properties.Tags)) {
    restProperties.Tags = Object.entries(properties.Tags).map(([Key, Value]) => ({ Key, Value }));
  }
  const restApi: CfnResource = {
    Type: 'AWS::ApiGateway::RestApi',
    ...mainAttributes(resource),
    Properties: restProperties,
  };

  const swagger = restProperties.Body ?? restProperties.BodyS3Location;
  // An S3 location's values come from the template's DefinitionUri, its keys from the translator.
  const isUnicode: UnicodeTest =
    restProperties.Body === undefined
      ? (_text, _path, isKey) => !isKey
      : unicodeTest(context.templateStrings, logicalId);
  const hashInput = [python27Repr(swagger ?? null, isUnicode)];
  if (openApiVersion !== undefined) hashInput.push(text(openApiVersion));
  if (isObject(properties.Domain)) hashInput.push(pythonJsonDumps(properties.Domain));
  const deploymentId = logicalIdWithHash(`${logicalId}Deployment`, hashInput.join('||'));
  const deploymentProperties: JsonObject = {
    RestApiId: ref(logicalId),
    Description: `RestApi deployment id: ${dataHash(hashInput.join('||'), 40)}`,
  };
  if (!(typeof openApiVersion === 'string' && openApiVersion.startsWith('3'))) deploymentProperties.StageName = 'Stage';
  const deployment: CfnResource = {
    Type: 'AWS::ApiGateway::Deployment',
    ...attributes,
    Properties: deploymentProperties,
  };

  const stageId = stageLogicalId(logicalId, properties.StageName ?? null);
  const stageProperties: JsonObject = {
    DeploymentId: ref(deploymentId),
    RestApiId: ref(logicalId),
    StageName: properties.StageName ?? stageName,
  };
  for (const [from, to] of [
    ['CacheClusterEnabled', 'CacheClusterEnabled'],
    ['CacheClusterSize', 'CacheClusterSize'],
    ['Variables', 'Variables'],
    ['MethodSettings', 'MethodSettings'],
    ['AccessLogSetting', 'AccessLogSetting'],
    ['TracingEnabled', 'TracingEnabled'],
    ['Description', 'Description'],
  ] as const) {
    if (properties[from] !== undefined && from !== 'Description') stageProperties[to] = properties[from]!;
  }
  if (isObject(properties.CanarySetting)) {
    const { StageVariableOverrides: overrides, ...canary } = properties.CanarySetting;
    stageProperties.CanarySetting = overrides === undefined ? canary : { ...canary, StageVariableOverrides: overrides };
  }
  if (restProperties.Tags !== undefined) stageProperties.Tags = restProperties.Tags;
  const stage: CfnResource = { Type: 'AWS::ApiGateway::Stage', ...attributes, Properties: stageProperties };
  context.samReferences.set(`${logicalId}.Stage`, ref(stageId));
  context.samReferences.set(`${logicalId}.Deployment`, ref(deploymentId));

  const resources: GeneratedResources = { [logicalId]: restApi, [deploymentId]: deployment, [stageId]: stage };
  Object.assign(resources, authorizerPermissions(logicalId, properties.Auth, attributes, context));
  Object.assign(resources, usagePlanResources(logicalId, properties.Auth, stageId, attributes, context));
  Object.assign(resources, restApiDomain(logicalId, properties.Domain, stageId, attributes, context));
  return resources;
}

/** `<Api><Stage>Stage` for alphanumeric stage names, else a hash of the name. */
export function stageLogicalId(logicalId: string, stageName: JsonValue): string {
  const name = typeof stageName === 'string' ? stageName : '';
  if (/^[A-Za-z0-9]+$/.test(name)) return `${logicalId}${name}Stage`;
  return logicalIdWithHash(`${logicalId}Stage`, name === '' ? undefined : name);
}

function applyDocumentSettings(logicalId: string, properties: JsonObject, body: JsonObject, managed: boolean): void {
  const binary = properties.BinaryMediaTypes;
  if (Array.isArray(binary) && managed)
    body['x-amazon-apigateway-binary-media-types'] = binary.map((type) =>
      typeof type === 'string' ? type.replace(/~1/g, '/') : type,
    );
  const responses = properties.GatewayResponses;
  if (isObject(responses)) {
    const converted: JsonObject = {};
    for (const [name, response] of Object.entries(responses)) {
      if (!isObject(response))
        throw new InvalidResourceError(logicalId, `Invalid property type '${typeof response}' for GatewayResponses.`, [
          'Properties',
          'GatewayResponses',
          name,
        ]);
      const out: JsonObject = {};
      for (const key of Object.keys(response)) {
        if (!['ResponseParameters', 'ResponseTemplates', 'StatusCode'].includes(key)) {
          throw new InvalidResourceError(
            logicalId,
            `Invalid property '${key}' in 'GatewayResponses' property '${name}'.`,
            ['Properties', 'GatewayResponses', name, key],
          );
        }
      }
      if (response.StatusCode !== undefined) {
        out.statusCode = response.StatusCode;
      }
      const parameters = response.ResponseParameters;
      if (isObject(parameters)) {
        const params: JsonObject = {};
        for (const [location, values] of Object.entries(parameters)) {
          if (!['Headers', 'Paths', 'QueryStrings'].includes(location)) {
            throw new InvalidResourceError(logicalId, `Invalid gateway response parameter '${location}'`, [
              'Properties',
              'GatewayResponses',
              name,
              'ResponseParameters',
              location,
            ]);
          }
          const prefix = location === 'Headers' ? 'header' : location === 'Paths' ? 'path' : 'querystring';
          for (const [key, value] of Object.entries(isObject(values) ? values : {})) {
            params[`gatewayresponse.${prefix}.${key}`] =
              typeof value === 'string' && !value.startsWith("'") ? `'${value}'` : value;
          }
        }
        out.responseParameters = params;
      }
      if (response.ResponseTemplates !== undefined) out.responseTemplates = response.ResponseTemplates;
      converted[name] = out;
    }
    body['x-amazon-apigateway-gateway-responses'] = converted;
  }
  const models = properties.Models;
  if (models !== undefined) {
    if (!isObject(models))
      throw new InvalidResourceError(logicalId, 'Invalid value for Models property', ['Properties', 'Models']);
    const definitions = isObject(body.definitions) ? body.definitions : (body.definitions = {});
    for (const [name, model] of Object.entries(models)) {
      if (!isObject(model))
        throw new InvalidResourceError(logicalId, `Invalid value for model '${name}'`, ['Properties', 'Models', name]);
      definitions[name.toLowerCase()] = model;
    }
  }
  if (properties.Policy !== undefined && isObject(properties.Policy))
    body['x-amazon-apigateway-policy'] = properties.Policy;
}
