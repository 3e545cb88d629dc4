// The checks the translator's implicit API plugins make on every Api and HttpApi event before any resource is
// transformed (samtranslator/plugins/api/implicit_api_plugin.py, implicit_rest_api_plugin.py,
// implicit_http_api_plugin.py). Their errors end the transform on their own: the translator raises them before it
// looks at the resources, so no other problem is reported with them. The REST plugin runs first; when it fails, the
// HTTP plugin's checks are not reached.
import { isObject, type JsonObject, type JsonValue } from '../intrinsics';
import {
  InvalidEventError,
  InvalidResourceError,
  problemFromError,
  type SamTransformProblem,
} from '../samTransformError';
import type { TransformContext } from '../transformContext';

interface ApiEventKind {
  eventType: 'Api' | 'HttpApi';
  idProperty: 'RestApiId' | 'ApiId';
  apiType: string;
}

const REST: ApiEventKind = { eventType: 'Api', idProperty: 'RestApiId', apiType: 'AWS::Serverless::Api' };
const HTTP: ApiEventKind = { eventType: 'HttpApi', idProperty: 'ApiId', apiType: 'AWS::Serverless::HttpApi' };
const EVENT_SOURCES = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

/** The plugins' problems, one per function at most (a function's first failing event), or none. */
export function checkApiEvents(context: TransformContext): SamTransformProblem[] {
  for (const kind of [REST, HTTP]) {
    const problems: SamTransformProblem[] = [];
    for (const [logicalId, resource] of Object.entries(context.resources)) {
      if (!EVENT_SOURCES.has(resource.Type as string) || !isObject(resource.Properties)) continue;
      const events = resource.Properties.Events;
      if (!isObject(events)) continue;
      try {
        for (const [eventId, event] of Object.entries(events)) {
          if (isObject(event) && event.Type === kind.eventType)
            checkEvent(eventId, event, kind, context, typeof resource.Condition === 'string');
        }
      } catch (error) {
        if (!(error instanceof InvalidEventError)) throw error;
        const path = ['Properties', 'Events', error.eventId, ...error.path];
        problems.push(problemFromError(new InvalidResourceError(logicalId, error.message, path), logicalId));
      }
    }
    if (problems.length > 0) return problems;
  }
  return [];
}

function checkEvent(
  eventId: string,
  event: JsonObject,
  kind: ApiEventKind,
  context: TransformContext,
  conditional: boolean,
): void {
  const fail = (message: string, ...below: string[]): never => {
    throw new InvalidEventError(eventId, message, ['Properties', ...below]);
  };
  const properties: JsonValue | undefined = event.Properties;
  if (kind === REST && !truthy(properties)) return;
  if (kind === HTTP && properties === undefined) return;
  if (!isObject(properties)) return fail('Properties should be a map.');
  let path = properties.Path;
  let method = properties.Method;
  if (kind === HTTP) {
    path ??= '';
    method ??= '';
    // No path and no method: the $default route.
    if (!truthy(path) && !truthy(method)) {
      path = '$default';
      method = 'x-amazon-apigateway-any-method';
    }
  }
  if (path === undefined || path === null) fail("Property 'Path' is required.", 'Path');
  if (method === undefined || method === null) fail("Property 'Method' is required.", 'Method');
  const reference = properties[kind.idProperty];
  const apiId = isObject(reference) && 'Ref' in reference ? reference.Ref : reference;
  if (typeof apiId !== 'string') fail(`Property '${kind.idProperty}' should be a string.`, kind.idProperty);
  if (typeof path !== 'string') fail("Property 'Path' should be a string.", 'Path');
  if (typeof method !== 'string') fail("Property 'Method' should be a string.", 'Method');
  const api = context.resource(apiId as string);
  if (!api || (kind === REST && api.Type === HTTP.apiType))
    fail(
      `${kind.idProperty} must be a valid reference to an '${kind.apiType}' resource in same template.`,
      kind.idProperty,
    );
  if (kind === HTTP && 'RouteSettings' in properties) {
    // With a Condition the translator wraps the settings in Fn::If first, which is a map.
    if (!conditional && !isObject(properties.RouteSettings))
      fail("Property 'RouteSettings' should be a map.", 'RouteSettings');
  }
}

/** Python's truthiness of a JSON value (the plugins skip empty values with `if not value`). */
function truthy(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isObject(value) || Object.keys(value).length > 0;
}
