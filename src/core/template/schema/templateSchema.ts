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
  deprecated?: boolean;
}

/** A nested property type (e.g. `AWS::Lambda::Function.Environment`) or a resource's Properties block. */
export interface ObjectTypeSpec {
  name: string;
  documentation: string;
  properties: ReadonlyMap<string, PropertySpec>;
  /** True when keys are free (e.g. Environment.Variables, Tags as a map). */
  additionalProperties?: boolean;
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
}

/** Lookup over the generated schema. Built once, lazily, on first use. */
export interface TemplateSchema {
  resourceTypeNames(): readonly string[];
  resourceType(name: string): ResourceTypeSpec | undefined;
  objectType(name: string): ObjectTypeSpec | undefined;
}
