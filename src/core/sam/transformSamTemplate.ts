// AWS::Serverless-2016-10-31 as AWS's translator implements it (samtranslator/translator/translator.py): validate
// the template's structure, apply Globals, add the implicit APIs, turn every SAM resource into CloudFormation
// (functions first, then state machines, then APIs, then the rest, because events add paths to APIs), add the
// shared CodeDeploy resources, and resolve references to what SAM generated (`Fn.Alias`, renamed layers).
import { cloneJson, isObject, type JsonObject, type JsonValue } from './intrinsics';
import { applyGlobals, readGlobals } from './globals';
import { addImplicitApis } from './api/implicitApis';
import { checkApiEvents } from './api/implicitApiEvents';
import { expandEmbeddedConnectors } from './connector/embeddedConnectors';
import { addDeploymentSharedResources } from './function/deploymentPreference';
import { resolveSamReferences } from './samReferences';
import { SAM_RESOURCE_HANDLERS, transformOrder } from './samResourceHandlers';
import {
  InvalidResourceError,
  InvalidTemplateError,
  SamTransformError,
  problemFromError,
  type SamTransformProblem,
} from './samTransformError';
import { TransformContext, type SamTransformOptions } from './transformContext';

export type { SamTransformObserver, SamTransformOptions } from './transformContext';

const LOGICAL_ID = /^[A-Za-z0-9]+$/;

/** True when the template asks for the SAM transform (a string or a list naming it). */
export function usesSamTransform(template: JsonValue | undefined): boolean {
  if (!isObject(template)) return false;
  const transform = template.Transform;
  const names = Array.isArray(transform) ? transform : [transform];
  return names.some((name) => typeof name === 'string' && name.startsWith('AWS::Serverless-'));
}

/**
 * Transforms a SAM template (plain JSON, intrinsics in long form) into CloudFormation. Throws SamTransformError with
 * the translator's message and one problem per invalid resource.
 */
export function transformSamTemplate(input: JsonValue, options: SamTransformOptions = {}): JsonObject {
  const template = validateStructure(input);
  const context = new TransformContext(template, options);
  const problems: SamTransformProblem[] = [];
  // Problems of embedded connectors do not stop the rest (the translator reports them with the others).
  const connectorProblems = expandEmbeddedConnectors(context.resources);
  try {
    // As the translator's plugins run: implicit APIs first, so Globals.Api / Globals.HttpApi reach them.
    addImplicitApis(context);
  } catch (error) {
    throw new SamTransformError([problemFromError(error, undefined)]);
  }
  const eventProblems = checkApiEvents(context);
  if (eventProblems.length > 0) throw new SamTransformError(eventProblems);
  try {
    applyGlobals(template, readGlobals(template));
  } catch (error) {
    throw new SamTransformError([problemFromError(error, undefined)]);
  }
  for (const [logicalId, resource] of Object.entries(context.resources)) {
    if (!LOGICAL_ID.test(logicalId)) {
      problems.push(
        problemFromError(new InvalidResourceError(logicalId, 'Logical ids must be alphanumeric.', []), logicalId),
      );
    } else if (
      typeof resource.Type === 'string' &&
      resource.Type.startsWith('AWS::Serverless::') &&
      resource.Properties !== undefined &&
      !isObject(resource.Properties)
    ) {
      problems.push(
        problemFromError(
          new InvalidResourceError(logicalId, "Attribute 'Properties' should be a map.", ['Properties']),
          logicalId,
        ),
      );
    }
  }
  if (problems.length > 0) throw new SamTransformError(problems);

  const output = context.output;
  const originalIds = new Set(Object.keys(context.resources));
  for (const [logicalId, resource] of Object.entries(context.resources)) {
    if (!(typeof resource.Type === 'string' && SAM_RESOURCE_HANDLERS[resource.Type])) output[logicalId] = resource;
  }
  for (const logicalId of transformOrder(context)) {
    const resource = context.resources[logicalId]!;
    const handler = SAM_RESOURCE_HANDLERS[resource.Type as string]!;
    try {
      const generated = handler(logicalId, resource, context);
      for (const [id, created] of Object.entries(generated)) {
        if (id !== logicalId && originalIds.has(id) && !isSamType(context.resources[id])) {
          throw new InvalidTemplateError(
            `Transforming resource with id [${logicalId}] attempts to create a new resource with id [${id}] and type "${created.Type}". A resource with that id already exists within this template. Please use a different id for that resource.`,
            [],
            false,
          );
        }
      }
      Object.assign(output, generated);
      options.observer?.transformed(logicalId, generated);
    } catch (error) {
      const problem = problemFromError(error, logicalId);
      if (error instanceof InvalidTemplateError && error.endsTransform) throw new SamTransformError([problem]);
      if (
        error instanceof InvalidTemplateError &&
        error.message.startsWith('Structure of the SAM template is invalid. Transforming')
      ) {
        problem.message = error.detail;
        problem.logicalId = logicalId;
        problem.path = ['Resources', logicalId];
      }
      problems.push(problem);
    }
  }
  try {
    const shared = addDeploymentSharedResources(context);
    Object.assign(output, shared);
    options.observer?.transformed(undefined, shared);
  } catch (error) {
    problems.push(problemFromError(error, undefined));
  }
  problems.push(...connectorProblems);
  options.observer?.references(context.samReferences);
  if (problems.length > 0) throw new SamTransformError(problems);

  const result: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key === 'Transform' || key === 'Globals') continue;
    result[key] = key === 'Resources' ? output : value;
  }
  return resolveSamReferences(result, context);
}

function isSamType(resource: JsonObject | undefined): boolean {
  return typeof resource?.Type === 'string' && resource.Type.startsWith('AWS::Serverless::');
}

function validateStructure(input: JsonValue): JsonObject {
  const fail = (detail: string, path: (string | number)[] = []) => {
    const error = new InvalidTemplateError(detail, path);
    throw new SamTransformError([{ message: error.message, path }]);
  };
  if (!isObject(input)) return fail('The template must be a map.');
  const template = cloneJson(input);
  const resources = template.Resources;
  if (!isObject(resources) || Object.keys(resources).length === 0)
    return fail("'Resources' section is required", ['Resources']);
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (isObject(resource) && isTruthy(resource.Condition) && typeof resource.Condition !== 'string')
      return fail('Every Condition member must be a string.', ['Resources', logicalId, 'Condition']);
    if (!isObject(resource)) {
      return fail("All 'Resources' must be Objects. If you're using YAML, this may be an indentation issue.", [
        'Resources',
        logicalId,
      ]);
    }
  }
  return template;
}

/** Python's truthiness of a JSON value. */
function isTruthy(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isObject(value) || Object.keys(value).length > 0;
}
