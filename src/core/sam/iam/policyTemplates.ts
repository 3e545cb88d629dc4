// SAM policy templates (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/
// serverless-policy-template-list.html): a name, its parameters, and the statements with `{ Ref: Parameter }`
// where the values go. The table (policyTemplates.json) is written from AWS's documented templates.
import table from './policyTemplates.json';
import { isObject, refName, type JsonObject, type JsonValue } from '../intrinsics';

interface PolicyTemplate {
  Parameters: string[];
  Statement: JsonValue;
}

const TEMPLATES = table as unknown as Record<string, PolicyTemplate>;

/** True when `name` is a SAM policy template. */
export function isPolicyTemplate(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, name);
}

/** Why a policy template's values cannot be used, in the translator's words. */
export class PolicyTemplateError extends Error {}

/** Expands one policy template into a policy document (`{ Statement: [...] }`). */
export function expandPolicyTemplate(name: string, values: JsonValue | undefined): JsonObject {
  const template = TEMPLATES[name]!;
  if (!isObject(values))
    throw new PolicyTemplateError(`Must specify valid parameter values for policy template '${name}'`);
  const missing = template.Parameters.filter((parameter) => values[parameter] === undefined);
  if (missing.length > 0) {
    throw new PolicyTemplateError(
      `Following required parameters of template '${name}' don't have values: [${missing.map((item) => `'${item}'`).join(', ')}]`,
    );
  }
  return { Statement: substitute(template.Statement, values) };
}

function substitute(value: JsonValue, values: JsonObject): JsonValue {
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (!isObject(value)) return value;
  const name = refName(value);
  if (name !== undefined && values[name] !== undefined) return structuredClone(values[name]!);
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) result[key] = substitute(item, values);
  return result;
}
