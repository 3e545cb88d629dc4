// From the template as submitted to the template CloudFormation deploys (GetTemplate's Processed stage): snippet
// transforms (Fn::Transform AWS::Include) first, then the Transform section's macros in the order listed
// (AWS::Include, AWS::LanguageExtensions, AWS::Serverless-2016-10-31). Each failure says which transform failed,
// in AWS's words.
import type { ParameterValue } from '../../../core/template/resolve/evaluateIntrinsics';
import type { JsonObject, JsonValue } from '../../../core/template/templateJson';
import { AwsError, isAwsError } from '../../protocol/awsError';
import type { ObjectStore } from '../../s3/objectStore';
import { applyIncludes, includeLocation } from './includeTransform';
import { applyLanguageExtensions } from './languageExtensions';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** What the SAM transform is told about the deployment. */
export interface SamTransformContext {
  parameterValues: Record<string, ParameterValue>;
  region: string;
  accountId: string;
  partition: string;
  stackName: string;
}

/** The SAM transform: plain JSON in, CloudFormation JSON out; throws with the translator's message. */
export type SamTransform = (template: JsonObject, context: SamTransformContext) => JsonObject;

export interface ProcessOptions {
  /** Parameter values and pseudo parameters. */
  parameters: ReadonlyMap<string, ParameterValue>;
  region: string;
  accountId: string;
  partition: string;
  stackName: string;
  objectStore: ObjectStore;
  samTransform?: SamTransform;
}

/** The names in the Transform section (a string, a list, or `{Name, Parameters}` entries). */
export function declaredTransforms(template: JsonObject): string[] {
  const transform = template.Transform;
  const entries: JsonValue[] = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  return entries.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry) && typeof entry.Name === 'string') {
      return [entry.Name];
    }
    return [];
  });
}

/** True when the template uses macros (Transform section or Fn::Transform), which need CAPABILITY_AUTO_EXPAND. */
export function usesMacros(template: JsonObject): boolean {
  return template.Transform !== undefined || JSON.stringify(template).includes('"Fn::Transform"');
}

/** Applies every transform; the result has no Transform section. Throws ValidationError naming the transform. */
export function processTemplate(template: JsonObject, options: ProcessOptions): JsonObject {
  let processed = applyIncludes(template, options.objectStore) as JsonObject;
  const transform = processed.Transform;
  const entries: JsonValue[] = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  delete processed.Transform;
  for (const entry of entries) {
    const include = includeLocation(entry);
    if (include !== undefined) {
      processed = applyIncludes({ ...processed, 'Fn::Transform': entry }, options.objectStore) as JsonObject;
      continue;
    }
    const name = typeof entry === 'string' ? entry : undefined;
    if (name === LANGUAGE_EXTENSIONS) {
      processed = applyLanguageExtensions(processed, options.parameters, options.region);
    } else if (name === SAM_TRANSFORM) {
      processed = applySam(processed, options);
    } else {
      throw new AwsError('ValidationError', `No transform named ${name ?? JSON.stringify(entry)} found.`);
    }
  }
  return processed;
}

function applySam(template: JsonObject, options: ProcessOptions): JsonObject {
  if (!options.samTransform) {
    throw new AwsError(
      'ValidationError',
      `Transform ${SAM_TRANSFORM} failed with: the SAM transform is not available in this local cloud`,
    );
  }
  const parameterValues: Record<string, ParameterValue> = {};
  for (const [name, value] of options.parameters) if (!name.startsWith('AWS::')) parameterValues[name] = value;
  try {
    // The translator sees the template with its Transform, as AWS's does.
    return options.samTransform(
      { ...template, Transform: SAM_TRANSFORM },
      {
        parameterValues,
        region: options.region,
        accountId: options.accountId,
        partition: options.partition,
        stackName: options.stackName,
      },
    );
  } catch (error) {
    if (isAwsError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AwsError('ValidationError', `Transform ${SAM_TRANSFORM} failed with: ${message}`);
  }
}
