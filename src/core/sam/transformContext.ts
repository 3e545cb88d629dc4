// What every SAM resource module sees while transforming: the working template (Globals merged, implicit APIs
// added), parameter values, the partition, and the shared state some resources contribute to (CodeDeploy).
import { InvalidResourceError, type PropertyPath } from './samTransformError';
import { isIntrinsic, isObject, type JsonObject, type JsonValue } from './intrinsics';
import { collectTemplateStrings, type TemplateStrings } from './api/templateStrings';

/** Options of one transform run. */
export interface SamTransformOptions {
  /** Values for the template's parameters (others take their Default). */
  parameterValues?: Readonly<Record<string, JsonValue>>;
  /** The region pseudo parameter's value where the translator resolves it (output keeps `${AWS::Region}`). */
  region?: string;
  /** The partition in ARNs the translator writes literally (managed policies): `aws` unless given. */
  partition?: string;
  /** Told what the transform generates, also when another resource fails (IntelliSense names it this way). */
  observer?: SamTransformObserver;
}

/** What a transform run generated, resource by resource, as it goes. */
export interface SamTransformObserver {
  /** `sourceId` (a SAM resource, or undefined for shared CodeDeploy resources) became `generated`. */
  transformed(sourceId: string | undefined, generated: Readonly<Record<string, JsonObject>>): void;
  /** Once every resource was tried: where `X.Alias`, `X.Stage`... references lead. */
  references(references: ReadonlyMap<string, JsonValue>): void;
}

/** A CloudFormation resource as the transform emits it. */
export interface CfnResource extends JsonObject {
  Type: string;
}

/** The resources one SAM resource turns into, keyed by logical ID, in creation order. */
export type GeneratedResources = Record<string, CfnResource>;

export class TransformContext {
  readonly parameters: Map<string, JsonValue>;
  readonly partition: string;
  /** Functions that asked for CodeDeploy, with the conditions they carry (for the shared resources). */
  readonly deploymentConditions: (string | undefined)[] = [];
  /** Logical IDs the transform renamed (layers get a hash), for references elsewhere. */
  readonly renamedIds = new Map<string, string>();
  /** `X.Alias`, `X.Version`, `X.Stage`... references, resolved after all resources are transformed. */
  readonly samReferences = new Map<string, JsonValue>();
  /** Some function's DeploymentPreference has no Role: the shared CodeDeploy service role is needed. */
  deploymentNeedsServiceRole = false;
  /** Functions pass their Condition to the shared CodeDeploy resources (PassthroughCondition). */
  deploymentPassthrough = false;
  /** The SHARED usage plan and key, extended by every API that asks for them. */
  sharedUsagePlan: CfnResource | undefined;
  sharedUsagePlanKey: CfnResource | undefined;
  /** The CloudFormation resources so far: the template's own, then what each SAM resource became. */
  readonly output: Record<string, JsonObject> = {};
  /** Conditions SAM adds to the template (negations for conditional destinations). */
  readonly addedConditions = new Map<string, JsonValue>();
  /** Strings the translator reads as unicode (the template's own), which its deployment hashes print `u'...'`. */
  readonly templateStrings: TemplateStrings;

  constructor(
    readonly template: JsonObject,
    options: SamTransformOptions,
  ) {
    this.partition = options.partition ?? 'aws';
    this.parameters = new Map<string, JsonValue>([
      ['AWS::Region', options.region ?? 'us-east-1'],
      ['AWS::Partition', this.partition],
    ]);
    const declared = isObject(template.Parameters) ? template.Parameters : {};
    for (const [name, declaration] of Object.entries(declared)) {
      if (isObject(declaration) && declaration.Default !== undefined) this.parameters.set(name, declaration.Default);
    }
    for (const [name, value] of Object.entries(options.parameterValues ?? {})) this.parameters.set(name, value);
    this.templateStrings = collectTemplateStrings(template, options.parameterValues);
  }

  get resources(): Record<string, JsonObject> {
    return this.template.Resources as Record<string, JsonObject>;
  }

  resource(logicalId: string): JsonObject | undefined {
    const found = this.resources[logicalId];
    return isObject(found) ? found : undefined;
  }

  resourceType(logicalId: string): string | undefined {
    const type = this.resource(logicalId)?.Type;
    return typeof type === 'string' ? type : undefined;
  }

  /** A condition that is true when `condition` is false, added to the template's Conditions. */
  negatedCondition(condition: string): string {
    const name = `NOT${condition}`;
    this.addedConditions.set(name, { 'Fn::Not': [{ Condition: condition }] });
    return name;
  }

  /** An ARN of an AWS managed policy, with the partition written literally as the translator does. */
  managedPolicyArn(name: string): string {
    return `arn:${this.partition}:iam::aws:policy/${name}`;
  }
}

/** Checks a property's JSON type the way the translator's resource models do ("Property 'X' should be a map."). */
export type PropertyKind = 'string' | 'map' | 'list' | 'boolean' | 'integer' | 'number' | 'any';

export function checkKind(
  logicalId: string,
  value: JsonValue | undefined,
  kind: PropertyKind,
  name: string,
  path: PropertyPath = ['Properties', ...name.split('.')],
): void {
  if (value === undefined || kind === 'any' || isIntrinsic(value)) return;
  const ok =
    kind === 'string'
      ? typeof value === 'string' || typeof value === 'number'
      : kind === 'map'
        ? isObject(value)
        : kind === 'list'
          ? Array.isArray(value)
          : kind === 'boolean'
            ? typeof value === 'boolean' || value === 'true' || value === 'false'
            : kind === 'integer'
              ? Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value))
              : typeof value === 'number' ||
                (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));
  if (!ok) throw new InvalidResourceError(logicalId, `Property '${name}' should be ${KIND_WORDS[kind]}.`, path);
}

const KIND_WORDS: Record<PropertyKind, string> = {
  string: 'a string',
  map: 'a map',
  list: 'a list',
  boolean: 'a boolean',
  integer: 'an integer',
  number: 'a number',
  any: 'a value',
};

/** Checks every listed property of a resource; returns the properties as a map. */
export function checkProperties(
  logicalId: string,
  properties: JsonObject,
  kinds: Readonly<Record<string, PropertyKind | readonly PropertyKind[]>>,
): void {
  for (const [name, kind] of Object.entries(kinds)) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    const options: readonly PropertyKind[] = typeof kind === 'string' ? [kind] : kind;
    const errors: unknown[] = [];
    for (const option of options) {
      try {
        checkKind(logicalId, value, option, name);
        break;
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === options.length) {
      if (options.length === 1) throw errors[0];
      throw new InvalidResourceError(logicalId, `Property '${name}' is of an invalid type.`, ['Properties', name]);
    }
  }
}

/** Copies the attributes the translator passes to every generated resource (Condition, DeletionPolicy...). */
export function passthroughAttributes(resource: JsonObject): JsonObject {
  const attributes: JsonObject = {};
  for (const name of ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy'] as const) {
    if (resource[name] !== undefined) attributes[name] = resource[name]!;
  }
  return attributes;
}
