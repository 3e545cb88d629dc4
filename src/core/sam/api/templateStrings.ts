// Which strings of a REST API's swagger the translator printed as unicode when it hashed the swagger for the
// deployment's logical ID (see python27Repr.ts). Before transforming, the translator converts the parts of the
// template that reach a swagger to Python 2.7 unicode strings (samtranslator/utils/py27hash_fix.py
// to_py27_compatible_template): Globals.Api, parameter names and defaults, logical IDs, the properties of Api and
// HttpApi resources, and a function's or state machine's Condition, FunctionName and Events. Strings it writes
// itself stay plain. We cannot tag JavaScript strings, so the swagger's strings are judged by where they can come
// from: the template's (collected here, before anything edits the template) or the translator's own words.
import { isObject, type JsonObject, type JsonValue } from '../intrinsics';

export interface TemplateStrings {
  /** Strings of the converted template parts. */
  readonly all: ReadonlySet<string>;
  /** Strings of each API's own DefinitionBody, by the API's logical ID. */
  readonly bodies: ReadonlyMap<string, ReadonlySet<string>>;
}

const API_TYPES = new Set(['AWS::Serverless::Api', 'AWS::Serverless::HttpApi']);
const EVENT_OWNERS = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

function collect(value: JsonValue | undefined, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      collect(item, into);
    }
  }
}

/** The template's strings that the translator reads as unicode; empty when no REST API can be in the template. */
export function collectTemplateStrings(
  template: JsonObject,
  parameterValues: Readonly<Record<string, JsonValue>> | undefined,
): TemplateStrings {
  const all = new Set<string>();
  const bodies = new Map<string, Set<string>>();
  const resources = isObject(template.Resources) ? template.Resources : {};
  if (!Object.values(resources).some((resource) => isObject(resource) && mayHaveRestApi(resource)))
    return { all, bodies };
  if (isObject(template.Globals)) collect(template.Globals.Api, all);
  for (const [name, declaration] of Object.entries(isObject(template.Parameters) ? template.Parameters : {})) {
    all.add(name);
    if (isObject(declaration)) collect(declaration.Default, all);
  }
  collect(parameterValues, all);
  for (const [logicalId, resource] of Object.entries(resources)) {
    all.add(logicalId);
    if (!isObject(resource)) continue;
    const properties = isObject(resource.Properties) ? resource.Properties : {};
    if (API_TYPES.has(resource.Type as string)) {
      collect(resource.Properties, all);
      if (isObject(properties.DefinitionBody)) {
        const body = new Set<string>();
        collect(properties.DefinitionBody, body);
        bodies.set(logicalId, body);
      }
    } else if (EVENT_OWNERS.has(resource.Type as string)) {
      collect(resource.Condition, all);
      collect(properties.FunctionName, all);
      collect(properties.Events, all);
      // The translator lowercases methods with a unicode-preserving lower().
      if (isObject(properties.Events))
        for (const event of Object.values(properties.Events))
          if (isObject(event) && isObject(event.Properties) && typeof event.Properties.Method === 'string')
            all.add(event.Properties.Method.toLowerCase());
    }
  }
  return { all, bodies };
}

function mayHaveRestApi(resource: JsonObject): boolean {
  if (resource.Type === 'AWS::Serverless::Api') return true;
  if (!EVENT_OWNERS.has(resource.Type as string) || !isObject(resource.Properties)) return false;
  const events = resource.Properties.Events;
  return isObject(events) && Object.values(events).some((event) => isObject(event) && event.Type === 'Api');
}

/** Strings the translator writes into swaggers itself: plain even when the template happens to hold them too. */
const TRANSLATOR_WORDS = new Set([
  'swagger',
  'openapi',
  'info',
  'version',
  'title',
  'paths',
  'responses',
  'security',
  'securityDefinitions',
  'components',
  'securitySchemes',
  'definitions',
  'parameters',
  'type',
  'in',
  'name',
  'description',
  'schema',
  'httpMethod',
  'uri',
  'credentials',
  'requestTemplates',
  'requestParameters',
  'statusCode',
  'default',
  'Ref',
  'Fn::Sub',
  'Fn::If',
  'Fn::GetAtt',
  'Fn::Join',
  'AWS::StackName',
  'AWS::NoValue',
  'POST',
  'aws_proxy',
  'aws',
  'mock',
  '1.0',
  '2.0',
  '200',
  '400',
  'header',
  'query',
  'path',
  'string',
  'apiKey',
  'x-api-key',
]);

const LAMBDA_URI =
  /^arn:[^:]*:apigateway:\$\{AWS::Region\}:lambda:path\/2015-03-31\/functions\/\$\{[A-Za-z0-9]+(\.Arn|)\}\/invocations$/;

/** Decides a swagger string's kind; `path` is where it sits in the swagger (keys and indexes). */
export function unicodeTest(
  strings: TemplateStrings,
  apiId: string,
): (text: string, path: readonly (string | number)[], isKey: boolean) => boolean {
  const body = strings.bodies.get(apiId);
  return (text, path, isKey) => {
    if (body?.has(text)) return true;
    if (isKey && path.length === 1 && path[0] === 'paths') return true;
    if (isKey && path.length === 2 && path[0] === 'paths') return text !== 'x-amazon-apigateway-any-method';
    if (!isKey && LAMBDA_URI.test(text)) return true;
    return strings.all.has(text) && !TRANSLATOR_WORDS.has(text) && !text.startsWith('x-amazon-apigateway-');
  };
}
