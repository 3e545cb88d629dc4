// Stack parameters as CloudFormation checks them: declared names only, a value for each (given, previous or
// default), AllowedValues/AllowedPattern/MinLength/MaxLength/MinValue/MaxValue with AWS's messages, and SSM
// parameter types read from the local parameter store.
import type { ParameterValue } from '../../../core/template/resolve/evaluateIntrinsics';
import type { JsonObject, JsonValue } from '../../../core/template/templateJson';
import { AwsError } from '../../protocol/awsError';
import type { ParameterStore } from '../../ssm/parameterStore';
import type { ParameterRecord } from '../state/stackRecords';

/** A parameter as the API submits it. */
export interface ParameterInput {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;
const PLAIN_TYPES = new Set(['String', 'Number', 'List<Number>', 'CommaDelimitedList', 'AWS::SSM::Parameter::Name']);
const AWS_TYPE = /^(List<)?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+>?$/;

/** The declared parameters of a template (its Parameters section as maps). */
export function parameterDeclarations(template: JsonObject): Record<string, JsonObject> {
  const section = template.Parameters;
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return {};
  const declarations: Record<string, JsonObject> = {};
  for (const [name, declaration] of Object.entries(section)) {
    if (declaration === null || typeof declaration !== 'object' || Array.isArray(declaration)) {
      throw templateError(`Every Parameters object must contain a Type member; ${name} is not a map`);
    }
    const type = declaration.Type;
    if (typeof type !== 'string')
      throw templateError(`[/Parameters/${name}] Every Parameters object must contain a Type member.`);
    if (!PLAIN_TYPES.has(type) && !SSM_TYPE.test(type) && !AWS_TYPE.test(type)) {
      throw templateError(`Unrecognized parameter type: ${type}`);
    }
    declarations[name] = declaration;
  }
  return declarations;
}

/**
 * Resolves the stack's parameter records from what was submitted, the previous values (updates) and defaults;
 * throws ValidationError with AWS's message for the first problem.
 */
export function resolveParameterRecords(
  declarations: Record<string, JsonObject>,
  given: readonly ParameterInput[],
  previous: readonly ParameterRecord[] | undefined,
  store: ParameterStore,
): ParameterRecord[] {
  const byKey = new Map<string, ParameterInput>();
  for (const parameter of given) if (parameter.ParameterKey) byKey.set(parameter.ParameterKey, parameter);
  const unknown = [...byKey.keys()].filter((key) => !Object.prototype.hasOwnProperty.call(declarations, key));
  if (unknown.length > 0) throw validation(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing: string[] = [];
  const records: ParameterRecord[] = [];
  for (const [key, declaration] of Object.entries(declarations)) {
    const input = byKey.get(key);
    let value: string | undefined;
    if (input?.UsePreviousValue) {
      value = previous?.find((record) => record.key === key)?.value;
      if (value === undefined) {
        throw validation(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter that does not exist in the previous template`,
        );
      }
    } else {
      value = input?.ParameterValue ?? defaultText(declaration.Default);
    }
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    const type = declaration.Type as string;
    checkConstraints(key, value, type, declaration);
    const record: ParameterRecord = { key, value, noEcho: isTrue(declaration.NoEcho) };
    const ssm = SSM_TYPE.exec(type);
    if (ssm) record.resolvedValue = readSsmParameter(store, value);
    records.push(record);
  }
  if (missing.length > 0) throw validation(`Parameters: [${missing.join(', ')}] must have values`);
  return records;
}

/** Parameter values as intrinsics see them: lists for list types, the resolved value for SSM types. */
export function parameterValues(
  declarations: Record<string, JsonObject>,
  records: readonly ParameterRecord[],
): Map<string, ParameterValue> {
  const values = new Map<string, ParameterValue>();
  for (const record of records) {
    const declared = declarations[record.key]?.Type;
    const type = typeof declared === 'string' ? declared : 'String';
    const text = record.resolvedValue ?? record.value;
    const isList =
      type === 'CommaDelimitedList' || type.startsWith('List<') || /Value<List<|Value<CommaDelimitedList/.test(type);
    values.set(record.key, isList ? (text === '' ? [] : text.split(',').map((item) => item.trim())) : text);
  }
  return values;
}

function checkConstraints(key: string, value: string, type: string, declaration: JsonObject): void {
  const description =
    typeof declaration.ConstraintDescription === 'string' ? declaration.ConstraintDescription : undefined;
  const fail = (message: string) =>
    validation(description ? `Parameter '${key}' failed to satisfy constraint: ${description}` : message);
  const items =
    type.startsWith('List<') || type === 'CommaDelimitedList' ? value.split(',').map((item) => item.trim()) : [value];
  const allowed = Array.isArray(declaration.AllowedValues) ? declaration.AllowedValues.map(String) : undefined;
  const pattern = typeof declaration.AllowedPattern === 'string' ? declaration.AllowedPattern : undefined;
  for (const item of items) {
    if (allowed && !allowed.includes(item)) throw fail(`Parameter '${key}' must be one of AllowedValues`);
    if (pattern !== undefined && !new RegExp(`^(?:${pattern})$`).test(item)) {
      throw fail(`Parameter '${key}' must match pattern ${pattern}`);
    }
    const minLength = numberOf(declaration.MinLength);
    if (minLength !== undefined && item.length < minLength) {
      throw fail(`Parameter '${key}' must contain at least ${minLength} characters`);
    }
    const maxLength = numberOf(declaration.MaxLength);
    if (maxLength !== undefined && item.length > maxLength) {
      throw fail(`Parameter '${key}' must contain at most ${maxLength} characters`);
    }
    if (type === 'Number' || type === 'List<Number>') {
      if (item.trim() === '' || !Number.isFinite(Number(item))) throw fail(`Parameter '${key}' must be a number`);
      const minValue = numberOf(declaration.MinValue);
      if (minValue !== undefined && Number(item) < minValue) {
        throw fail(`Parameter '${key}' must be a number not less than ${minValue}`);
      }
      const maxValue = numberOf(declaration.MaxValue);
      if (maxValue !== undefined && Number(item) > maxValue) {
        throw fail(`Parameter '${key}' must be a number not greater than ${maxValue}`);
      }
    }
  }
}

function readSsmParameter(store: ParameterStore, name: string): string {
  const parameter = store.get(name);
  if (!parameter) {
    throw validation(
      `Unable to fetch parameters [${name}] from parameter store for this account. The local cloud reads its own parameter store: create the parameter there (an AWS::SSM::Parameter resource in another stack) first.`,
    );
  }
  return parameter.value;
}

function defaultText(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function numberOf(value: JsonValue | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function isTrue(value: JsonValue | undefined): boolean {
  return value === true || value === 'true' || value === 'True';
}

function validation(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

function templateError(detail: string): AwsError {
  return new AwsError('ValidationError', `Template format error: ${detail}`);
}
