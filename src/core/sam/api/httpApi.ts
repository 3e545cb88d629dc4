// AWS::Serverless::HttpApi (samtranslator/model/api/http_api_generator.py): the ApiGatewayV2::Api with its
// OpenAPI body (authorizers, CORS), an auto-deployed Stage, permissions for Lambda authorizers and custom domains.
import { InvalidResourceError } from '../samTransformError';
import {
  isIntrinsic,
  isObject,
  ref,
  resolveParameterRefs,
  sub,
  type JsonObject,
  type JsonValue,
  text,
} from '../intrinsics';
import { logicalIdWithHash } from '../logicalIdHash';
import { s3LocationObject } from '../function/functionCode';
import { mainAttributes } from '../function/samFunction';
import {
  checkProperties,
  passthroughAttributes,
  type CfnResource,
  type GeneratedResources,
  type TransformContext,
} from '../transformContext';
import { apiDomain, HTTP_DOMAIN } from './apiDomain';
import { isValidDocument, operations } from './swaggerDocument';
import { checkEditableDocument } from './documentChecks';
import { httpAuthorizerScheme } from './httpApiAuthorizer';

const KINDS = {
  Auth: 'map',
  CorsConfiguration: ['boolean', 'map'],
  DefinitionBody: 'map',
  DefinitionUri: ['string', 'map'],
  Tags: 'map',
  StageVariables: 'map',
  AccessLogSettings: 'map',
  DefaultRouteSettings: 'map',
  RouteSettings: 'map',
  Domain: 'map',
  FailOnWarnings: 'boolean',
  DisableExecuteApiEndpoint: 'boolean',
} as const;

export function transformHttpApi(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  checkProperties(logicalId, properties, KINDS);
  const attributes = passthroughAttributes(resource);
  const fail = (message: string, ...path: string[]): never => {
    throw new InvalidResourceError(logicalId, message, ['Properties', ...path]);
  };
  const apiProperties: JsonObject = {};
  let body = properties.DefinitionBody;
  if (body !== undefined && properties.DefinitionUri !== undefined && properties.__MANAGE_SWAGGER !== true) {
    fail("Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
  }
  if (isObject(body)) {
    body = structuredClone(body);
    if (!isValidDocument(body))
      fail(
        "Unable to add Auth configuration because 'DefinitionBody' does not contain a valid OpenApi definition.",
        'DefinitionBody',
      );
    checkEditableDocument(body, { auth: properties.Auth !== undefined, openApi: true });
    applyHttpAuth(logicalId, properties, body, properties.__MANAGE_SWAGGER === true, context);
    const cors = properties.CorsConfiguration;
    if (cors !== undefined && cors !== false) body['x-amazon-apigateway-cors'] = corsExtension(logicalId, cors);
    body.tags = bodyTags(body.tags, { ...(isObject(properties.Tags) ? properties.Tags : {}), ...CREATED_BY });
    if (properties.Description !== undefined) {
      const info = isObject(body.info) ? body.info : (body.info = {});
      info.description = properties.Description;
    }
    if (properties.DisableExecuteApiEndpoint !== undefined)
      body['x-amazon-apigateway-endpoint-configuration'] = {
        disableExecuteApiEndpoint: properties.DisableExecuteApiEndpoint,
      };
    apiProperties.Body = body;
  } else if (properties.DefinitionUri !== undefined) {
    if (properties.Auth !== undefined)
      fail("Auth works only with inline OpenApi specified in the 'DefinitionBody' property.", 'Auth');
    if (properties.CorsConfiguration !== undefined)
      fail("Cors works only with inline OpenApi specified in the 'DefinitionBody' property.", 'CorsConfiguration');
    if (properties.Tags !== undefined)
      fail("Tags works only with inline OpenApi specified in the 'DefinitionBody' property.", 'Tags');
    const uri = properties.DefinitionUri;
    apiProperties.BodyS3Location = isIntrinsic(uri)
      ? uri
      : s3LocationObject(uri, logicalId, 'DefinitionUri', { bucket: 'Bucket', key: 'Key', version: 'Version' });
  }
  if (properties.FailOnWarnings !== undefined) apiProperties.FailOnWarnings = properties.FailOnWarnings;
  if (properties.DisableExecuteApiEndpoint !== undefined && apiProperties.BodyS3Location !== undefined)
    apiProperties.DisableExecuteApiEndpoint = properties.DisableExecuteApiEndpoint;
  if (properties.Name !== undefined) apiProperties.Name = properties.Name;
  const api: CfnResource = { Type: 'AWS::ApiGatewayV2::Api', ...mainAttributes(resource), Properties: apiProperties };

  const stageName = resolveParameterRefs(properties.StageName, context.parameters);
  const stageId =
    stageName === undefined || stageName === '$default'
      ? `${logicalId}ApiGatewayDefaultStage`
      : typeof stageName === 'string' && /^[A-Za-z0-9]+$/.test(stageName)
        ? `${logicalId}${stageName}Stage`
        : logicalIdWithHash(`${logicalId}Stage`, typeof stageName === 'string' ? stageName : undefined);
  const stageProperties: JsonObject = {
    ApiId: ref(logicalId),
    StageName: properties.StageName ?? '$default',
    AutoDeploy: true,
  };
  for (const name of ['AccessLogSettings', 'DefaultRouteSettings', 'RouteSettings', 'StageVariables']) {
    if (properties[name] !== undefined) stageProperties[name] = properties[name]!;
  }
  // SAM tags what it creates from an inline body (the API and its stage) with httpapi:createdBy.
  if (isObject(apiProperties.Body))
    stageProperties.Tags = { ...(isObject(properties.Tags) ? properties.Tags : {}), ...CREATED_BY };
  else if (isObject(properties.Tags)) stageProperties.Tags = properties.Tags;
  context.samReferences.set(`${logicalId}.Stage`, ref(stageId));
  const resources: GeneratedResources = {
    [logicalId]: api,
    [stageId]: { Type: 'AWS::ApiGatewayV2::Stage', ...attributes, Properties: stageProperties },
  };
  const auth = properties.Auth;
  if (isObject(auth) && isObject(auth.Authorizers)) {
    for (const [name, authorizer] of Object.entries(auth.Authorizers)) {
      if (
        !isObject(authorizer) ||
        !authorizer.FunctionArn ||
        // HTTP APIs give their Lambda authorizers a permission only when asked to.
        authorizer.EnableFunctionDefaultPermissions !== true
      )
        continue;
      resources[`${logicalId}${name}AuthorizerPermission`] = {
        Type: 'AWS::Lambda::Permission',
        ...attributes,
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: authorizer.FunctionArn,
          Principal: 'apigateway.amazonaws.com',
          SourceArn: sub(
            `arn:${context.partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/authorizers/*`,
            { __ApiId__: ref(logicalId) },
          ),
        },
      };
    }
  }
  Object.assign(resources, apiDomain(logicalId, properties.Domain, stageId, attributes, context, HTTP_DOMAIN));
  return resources;
}

function corsExtension(logicalId: string, cors: JsonValue): JsonObject {
  if (cors === true) return { allowOrigins: ['*'], allowHeaders: ['*'], allowMethods: ['*'] };
  if (!isObject(cors))
    throw new InvalidResourceError(logicalId, "Property 'CorsConfiguration' should be a map.", [
      'Properties',
      'CorsConfiguration',
    ]);
  const names: Record<string, string> = {
    AllowOrigins: 'allowOrigins',
    AllowHeaders: 'allowHeaders',
    AllowMethods: 'allowMethods',
    ExposeHeaders: 'exposeHeaders',
    MaxAge: 'maxAge',
    AllowCredentials: 'allowCredentials',
  };
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(cors)) {
    const name = names[key];
    if (name === undefined && !isIntrinsic(cors)) {
      throw new InvalidResourceError(logicalId, `Invalid key '${key}' for 'Cors' property.`, [
        'Properties',
        'CorsConfiguration',
        key,
      ]);
    }
    result[name ?? key] = value;
  }
  return result;
}

function applyHttpAuth(
  logicalId: string,
  properties: JsonObject,
  body: JsonObject,
  managed: boolean,
  _context: TransformContext,
): void {
  const auth = properties.Auth;
  if (auth === undefined) return;
  if (!isObject(auth))
    throw new InvalidResourceError(logicalId, "Property 'Auth' should be a map.", ['Properties', 'Auth']);
  const authorizers = auth.Authorizers;
  if (authorizers !== undefined && !isObject(authorizers))
    throw new InvalidResourceError(logicalId, "Property 'Auth.Authorizers' should be a map.", [
      'Properties',
      'Auth',
      'Authorizers',
    ]);
  const components = isObject(body.components) ? body.components : (body.components = {});
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : (components.securitySchemes = {});
  for (const [name, authorizer] of Object.entries(authorizers ?? {})) {
    if (!isObject(authorizer))
      throw new InvalidResourceError(logicalId, `Property 'Auth.Authorizers.${name}' should be a map.`, [
        'Properties',
        'Auth',
        'Authorizers',
        name,
      ]);
    schemes[name] = httpAuthorizerScheme(logicalId, name, authorizer, _context);
  }
  const defaultAuthorizer = auth.DefaultAuthorizer;
  if (
    defaultAuthorizer !== undefined &&
    (typeof defaultAuthorizer !== 'string' ||
      (defaultAuthorizer !== 'AWS_IAM' && !(isObject(authorizers) && authorizers[defaultAuthorizer])))
  ) {
    throw new InvalidResourceError(
      logicalId,
      `Unable to set DefaultAuthorizer because '${text(defaultAuthorizer)}' was not defined in 'Authorizers'.`,
      ['Properties', 'Auth', 'DefaultAuthorizer'],
    );
  }
  if (managed && typeof defaultAuthorizer === 'string') {
    for (const { operation } of operations(body))
      if (operation.security === undefined) operation.security = [{ [defaultAuthorizer]: [] }];
  }
}

const CREATED_BY = { 'httpapi:createdBy': 'SAM' };

/** The body's `tags` with each tag's value set (an existing entry of the same name keeps its place and fields). */
function bodyTags(existing: unknown, tags: JsonObject): JsonValue[] {
  const entries: JsonValue[] = Array.isArray(existing)
    ? (existing as JsonValue[]).map((entry): JsonValue => (isObject(entry) ? { ...entry } : entry))
    : [];
  for (const [name, value] of Object.entries(tags)) {
    const found = entries.find((entry) => isObject(entry) && entry.name === name) as JsonObject | undefined;
    if (found) found['x-amazon-apigateway-tag-value'] = value;
    else entries.push({ name, 'x-amazon-apigateway-tag-value': value });
  }
  return entries;
}
