// The contract between the generated schema (schemas/, built by `npm run schema`) and the language engine.
// The engine never walks JSON Schema by hand: it asks this index. See issue #3.

/** The value shape a property accepts. Every value position also accepts an intrinsic function. */
export type ValueShape =
  | { kind: 'primitive'; type: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'any' }
  | { kind: 'object'; typeName: string }
  | { kind: 'array'; items: ValueShape }
  | { kind: 'map'; values: ValueShape }
  | { kind: 'union'; options: ValueShape[] };

/** One property of a resource or nested property type. */
export interface PropertySpec {
  name: string;
  required: boolean;
  shape: ValueShape;
  /** Markdown documentation. */
  documentation: string;
  /** Allowed values, when the property is an enumeration (e.g. Runtime, Architectures). */
  allowedValues?: readonly string[];
  /**
   * True when `allowedValues` come from the CloudFormation specification, which can lag behind the service:
   * a value outside them deserves a warning, not an error.
   */
  allowedValuesIncomplete?: boolean;
  deprecated?: boolean;
  /** Values worth offering in completion that do not limit what is valid (DeploymentPreference Type, Parameter Type). */
  suggestedValues?: readonly string[];
  /** When set, the property is valid only in resources of these types (SAM's `Connectors`, `IgnoreGlobals`). */
  appliesTo?: readonly string[];
}

/** A nested property type (e.g. `AWS::Lambda::Function.Environment`) or a resource's Properties block. */
export interface ObjectTypeSpec {
  name: string;
  documentation: string;
  properties: ReadonlyMap<string, PropertySpec>;
  /** True when keys are free (e.g. Environment.Variables, Tags as a map). */
  additionalProperties?: boolean;
  /** Groups of properties of which at most one may be set (e.g. SAM's CodeUri and InlineCode). */
  mutuallyExclusive?: readonly (readonly string[])[];
  /**
   * When set, the object is one of several variants told apart by the value of `property` (SAM event sources by
   * `Type`): `mapping` gives the object type of each variant, whose properties replace this type's.
   */
  discriminator?: { property: string; mapping: ReadonlyMap<string, string> };
}

/** A resource SAM's transform adds for a SAM resource, which templates may reference (Ref, GetAtt, Sub). */
export interface GeneratedResourceSpec {
  /**
   * How templates refer to it. `{id}` stands for the SAM resource's logical ID and `{eventId}` for an event's name:
   * `{id}Role` (a logical ID), `{id}.Alias` (SAM's dotted reference), or a fixed name such as `ServerlessRestApi`.
   */
  reference: string;
  /** The logical ID SAM gives it, when it differs from `reference`; `*` marks a hash, `{Prop}` a property value. */
  logicalId?: string;
  type: string;
  /** Generated only when this property (a dotted path, e.g. `Auth.UsagePlan`) is set on the SAM resource. */
  when?: string;
  /** Generated only when this property is not set (e.g. `Role`: SAM creates a role unless one is given). */
  unless?: string;
  /** Generated once per event of this `Type` (or, for fixed names, when any event of this type exists). */
  whenEventType?: string;
  documentation: string;
}

/** A resource type: AWS::*, AWS::Serverless::*, and anything else the schema knows. */
export interface ResourceTypeSpec {
  name: string;
  documentation: string;
  documentationUrl?: string;
  /** The Properties block. */
  properties: ObjectTypeSpec;
  /** Fn::GetAtt attributes, with documentation. SAM types include what SAM generates. */
  attributes: ReadonlyMap<string, { documentation: string }>;
  /** What `Ref` returns for this type, in words (e.g. "the function name"). */
  refReturns?: string;
  /** The transform the type needs (`AWS::Serverless-2016-10-31` for SAM types). */
  transform?: string;
  /** GetAtt names starting with one of these are valid too (`Outputs.` of nested stacks and SAM applications). */
  attributePrefixes?: ReadonlyMap<string, { documentation: string }>;
  /** True when any GetAtt name is valid (custom resources return whatever their provider sends). */
  anyAttribute?: boolean;
  /** Resources SAM generates from this one (SAM types only). */
  generated?: readonly GeneratedResourceSpec[];
}

/** Lookup over the generated schema. Built once, lazily, on first use. */
export interface TemplateSchema {
  resourceTypeNames(): readonly string[];
  /** Also answers `Custom::*` types (free-form properties, any attribute). */
  resourceType(name: string): ResourceTypeSpec | undefined;
  /** Nested types by full name (`AWS::Lambda::Function.Environment`) and the structural types in SCHEMA_TYPES. */
  objectType(name: string): ObjectTypeSpec | undefined;
}

/** Names of the schema's structural object types, for `TemplateSchema.objectType`. */
export const SCHEMA_TYPES = {
  /** The template's top-level sections. */
  template: 'Template',
  /** One entry of Resources: Type, Properties, DependsOn, Condition... */
  resource: 'Resource',
  parameter: 'Parameter',
  output: 'Output',
  /** The Globals section; its properties (Function, Api...) are `Globals.<Section>` types. */
  globals: 'Globals',
} as const;
