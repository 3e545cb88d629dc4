// The implicit APIs (samtranslator/plugins/api/implicit_rest_api_plugin.py, implicit_http_api_plugin.py,
// default_definition_body_plugin.py): `Api` events without RestApiId share `ServerlessRestApi` (stage Prod),
// `HttpApi` events without ApiId share `ServerlessHttpApi` ($default stage); APIs without a definition get one
// that SAM manages.
import { isObject, ref, type JsonObject } from '../intrinsics';
import type { TransformContext } from '../transformContext';
import { swaggerSkeleton } from './swaggerDocument';

export const IMPLICIT_REST_API = 'ServerlessRestApi';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

export function openApiSkeleton(): JsonObject {
  return { openapi: '3.0.1', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths: {} };
}

export function addImplicitApis(context: TransformContext): void {
  const resources = context.resources;
  const rest = { conditions: new Set<string | undefined>(), used: false };
  const http = { conditions: new Set<string | undefined>(), used: false };
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Serverless::Function' && resource.Type !== 'AWS::Serverless::StateMachine') continue;
    const properties = isObject(resource.Properties) ? resource.Properties : {};
    const events = isObject(properties.Events) ? properties.Events : {};
    const condition = typeof resource.Condition === 'string' ? resource.Condition : undefined;
    for (const event of Object.values(events)) {
      if (!isObject(event)) continue;
      // Properties that are not a map stay as written: the API event checks report them.
      if (event.Properties !== undefined && !isObject(event.Properties)) continue;
      const eventProperties = isObject(event.Properties) ? event.Properties : (event.Properties = {});
      if (event.Type === 'Api' && eventProperties.RestApiId === undefined) {
        eventProperties.RestApiId = ref(IMPLICIT_REST_API);
        rest.used = true;
        rest.conditions.add(condition);
      } else if (
        event.Type === 'HttpApi' &&
        eventProperties.ApiId === undefined &&
        resource.Type === 'AWS::Serverless::Function'
      ) {
        eventProperties.ApiId = ref(IMPLICIT_HTTP_API);
        http.used = true;
        http.conditions.add(condition);
      }
    }
    void logicalId;
  }
  addImplicit(context, IMPLICIT_REST_API, 'AWS::Serverless::Api', rest, {
    StageName: 'Prod',
    DefinitionBody: swaggerSkeleton(),
  });
  addImplicit(context, IMPLICIT_HTTP_API, 'AWS::Serverless::HttpApi', http, { DefinitionBody: openApiSkeleton() });
  for (const resource of Object.values(resources)) {
    const properties = isObject(resource.Properties) ? resource.Properties : undefined;
    if (resource.Type === 'AWS::Serverless::Api' || resource.Type === 'AWS::Serverless::HttpApi') {
      const target = properties ?? (resource.Properties = {});
      if (!isObject(target)) continue;
      if (target.DefinitionBody === undefined && target.DefinitionUri === undefined) {
        target.DefinitionBody = resource.Type === 'AWS::Serverless::Api' ? swaggerSkeleton() : openApiSkeleton();
        target.__MANAGE_SWAGGER = true;
      }
    }
  }
}

function addImplicit(
  context: TransformContext,
  logicalId: string,
  type: string,
  usage: { conditions: Set<string | undefined>; used: boolean },
  properties: JsonObject,
): void {
  if (!usage.used) return;
  const existing = context.resources[logicalId];
  if (existing !== undefined) {
    return;
  }
  const resource: JsonObject = { Type: type, Properties: { ...properties, __MANAGE_SWAGGER: true } };
  const [only] = [...usage.conditions];
  if (usage.conditions.size === 1 && only !== undefined) resource.Condition = only;
  context.resources[logicalId] = resource;
}
