import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../errors';
import { silentLogger, type Logger } from '../../logger';
import type {
  GeneratedResourceSpec,
  ObjectTypeSpec,
  PropertySpec,
  ResourceTypeSpec,
  TemplateSchema,
  ValueShape,
} from './templateSchema';

// Reads schemas/template.schema.json (written by scripts/generateSchema.mjs) back into the TemplateSchema
// contract. The file follows the conventions of scripts/schema/schemaPositions.mjs: a value position is either
// a $ref to a primitive definition (String, Integer...) or `anyOf: [<concrete>..., {$ref: Intrinsic}]`.
// Parsing the JSON is the only eager work; each type is converted on first use and cached.

const SCHEMA_FILE_NAME = 'template.schema.json';
const INTRINSIC_REF = '#/definitions/Intrinsic';
const DEFINITION_PREFIX = '#/definitions/';
const CUSTOM_RESOURCE_TYPE = 'AWS::CloudFormation::CustomResource';

const PRIMITIVE_DEFINITIONS: Readonly<Record<string, ValueShape>> = {
  String: { kind: 'primitive', type: 'string' },
  Number: { kind: 'primitive', type: 'number' },
  Integer: { kind: 'primitive', type: 'integer' },
  Boolean: { kind: 'primitive', type: 'boolean' },
  Json: { kind: 'primitive', type: 'json' },
  Any: { kind: 'primitive', type: 'any' },
};

/** A JSON Schema node as the generator writes it (only the keywords we read). */
interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  enum?: (string | number)[];
  type?: string | string[];
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  markdownDescription?: string;
  deprecated?: boolean;
  'x-suggestions'?: string[];
  'x-allowedValuesIncomplete'?: boolean;
  'x-appliesTo'?: string[];
  'x-mutuallyExclusive'?: string[][];
  'x-discriminator'?: { property: string; mapping: Record<string, string> };
  'x-resource'?: ResourceMetadata;
}

interface ResourceMetadata {
  documentationUrl?: string;
  ref?: string;
  transform?: string;
  attributes?: Record<string, string>;
  attributePrefixes?: Record<string, string>;
  generated?: GeneratedResourceSpec[];
}

interface SchemaDocument {
  definitions?: Record<string, SchemaNode>;
}

/** Where to find the schema. */
export interface LoadTemplateSchemaOptions {
  /** The schema file; by default found next to the bundle (dist/../schemas) or in the repository. */
  schemaPath?: string;
  logger?: Logger;
}

/** Candidate locations of the schema, nearest first: bundled in dist/, or the source tree during development. */
export function defaultSchemaPaths(baseDirectory: string = __dirname): string[] {
  return [
    join(baseDirectory, '..', 'schemas', SCHEMA_FILE_NAME),
    join(baseDirectory, '..', '..', '..', '..', 'schemas', SCHEMA_FILE_NAME),
  ];
}

/**
 * The template schema index. Nothing is read until the first lookup; a missing or unreadable file then throws a
 * WorkbenchError saying how to regenerate it.
 */
export function loadTemplateSchema(options: LoadTemplateSchemaOptions = {}): TemplateSchema {
  const logger = options.logger ?? silentLogger;
  return new TemplateSchemaIndex(() => {
    const path = options.schemaPath ?? defaultSchemaPaths().find((candidate) => existsSync(candidate));
    if (!path) {
      throw new WorkbenchError('The template schema is missing.', {
        code: 'SchemaMissing',
        hint: 'Run `npm run schema` (or `npm run build`) to generate schemas/template.schema.json.',
      });
    }
    const started = performance.now();
    try {
      const definitions = indexSchemaFile(readFileSync(path));
      logger.debug(`[schema] indexed ${path} in ${(performance.now() - started).toFixed(0)} ms`);
      return definitions;
    } catch (error) {
      throw WorkbenchError.chain(error, `Cannot read the template schema ${path}`, {
        code: 'SchemaUnreadable',
        hint: 'Run `npm run schema` to regenerate it.',
      });
    }
  });
}

/** An index over an already parsed schema document (tests, or a schema received some other way). */
export function templateSchemaFromDocument(document: unknown): TemplateSchema {
  const definitions = (document as SchemaDocument).definitions ?? {};
  return new TemplateSchemaIndex(() => new Map(Object.entries(definitions).map(([name, node]) => [name, () => node])));
}

/** Definitions by name, each parsed on first use. */
type LazyDefinitions = Map<string, () => SchemaNode>;

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * Indexes the generated file without parsing all of it: the generator writes one definition per line
 * (`"Name":{...},`), so each definition is parsed only when asked for. Parsing the whole 11 MB document would
 * cost a few hundred milliseconds; this costs a scan for newlines. Any other layout is parsed as a whole.
 */
export function indexSchemaFile(content: Buffer): LazyDefinitions {
  const definitions: LazyDefinitions = new Map();
  const firstLineEnd = content.indexOf(NEWLINE);
  const head = content.toString('utf8', 0, Math.max(firstLineEnd, 0));
  if (firstLineEnd < 0 || !head.endsWith('"definitions":{')) {
    const document = JSON.parse(content.toString('utf8')) as SchemaDocument;
    for (const [name, node] of Object.entries(document.definitions ?? {})) definitions.set(name, () => node);
    return definitions;
  }
  let lineStart = firstLineEnd + 1;
  while (lineStart < content.length) {
    let lineEnd = content.indexOf(NEWLINE, lineStart);
    if (lineEnd < 0) lineEnd = content.length;
    // Lines read `"Name":{...}` with a trailing comma on all but the last; the file ends with `}}`.
    const separator = content.indexOf('":', lineStart);
    if (content[lineStart] === 0x22 && separator > lineStart && separator < lineEnd) {
      const name = content.toString('utf8', lineStart + 1, separator);
      const valueEnd = content[lineEnd - 1] === COMMA ? lineEnd - 1 : lineEnd;
      const valueStart = separator + 2;
      let parsed: SchemaNode | undefined;
      definitions.set(
        name,
        () => (parsed ??= JSON.parse(content.toString('utf8', valueStart, valueEnd)) as SchemaNode),
      );
    }
    lineStart = lineEnd + 1;
  }
  return definitions;
}

/** Resource type names have three `::` parts and no `.` (nested types are `Type.Name`). */
const RESOURCE_TYPE_NAME = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

class TemplateSchemaIndex implements TemplateSchema {
  private definitions: LazyDefinitions | undefined;
  private resourceNames: string[] | undefined;
  private readonly objectTypes = new Map<string, ObjectTypeSpec | undefined>();
  private readonly resourceTypes = new Map<string, ResourceTypeSpec | undefined>();

  constructor(private readonly readDefinitions: () => LazyDefinitions) {}

  resourceTypeNames(): readonly string[] {
    this.resourceNames ??= [...this.allDefinitions().keys()].filter((name) => RESOURCE_TYPE_NAME.test(name)).sort();
    return this.resourceNames;
  }

  resourceType(name: string): ResourceTypeSpec | undefined {
    if (this.resourceTypes.has(name)) return this.resourceTypes.get(name);
    const spec = name.startsWith('Custom::') ? this.customResourceType(name) : this.convertResourceType(name);
    this.resourceTypes.set(name, spec);
    return spec;
  }

  objectType(name: string): ObjectTypeSpec | undefined {
    if (this.objectTypes.has(name)) return this.objectTypes.get(name);
    const node = this.definition(name);
    const spec = node?.properties ? convertObjectType(name, node) : undefined;
    this.objectTypes.set(name, spec);
    return spec;
  }

  private allDefinitions(): LazyDefinitions {
    this.definitions ??= this.readDefinitions();
    return this.definitions;
  }

  private definition(name: string): SchemaNode | undefined {
    const parse = this.allDefinitions().get(name);
    try {
      return parse?.();
    } catch (error) {
      throw WorkbenchError.chain(error, `The template schema's definition of ${name} is corrupt`, {
        code: 'SchemaUnreadable',
        hint: 'Run `npm run schema` to regenerate it.',
      });
    }
  }

  private convertResourceType(name: string): ResourceTypeSpec | undefined {
    const node = this.definition(name);
    const metadata = node?.['x-resource'];
    const properties = this.objectType(name);
    if (!node || !metadata || !properties) return undefined;
    const spec: ResourceTypeSpec = {
      name,
      documentation: node.markdownDescription ?? '',
      properties,
      attributes: new Map(
        Object.entries(metadata.attributes ?? {}).map(([attribute, documentation]) => [attribute, { documentation }]),
      ),
    };
    if (metadata.documentationUrl) spec.documentationUrl = metadata.documentationUrl;
    if (metadata.ref) spec.refReturns = metadata.ref;
    if (metadata.transform) spec.transform = metadata.transform;
    if (metadata.attributePrefixes) {
      spec.attributePrefixes = new Map(
        Object.entries(metadata.attributePrefixes).map(([prefix, documentation]) => [prefix, { documentation }]),
      );
    }
    if (name === CUSTOM_RESOURCE_TYPE) spec.anyAttribute = true;
    if (metadata.generated) spec.generated = metadata.generated;
    return spec;
  }

  /** `Custom::Anything` behaves like AWS::CloudFormation::CustomResource under its own name. */
  private customResourceType(name: string): ResourceTypeSpec | undefined {
    const base = this.resourceType(CUSTOM_RESOURCE_TYPE);
    if (!base) return undefined;
    return { ...base, name, properties: { ...base.properties, name } };
  }
}

function convertObjectType(name: string, node: SchemaNode): ObjectTypeSpec {
  const required = new Set(node.required ?? []);
  const properties = new Map<string, PropertySpec>();
  for (const [propertyName, position] of Object.entries(node.properties ?? {})) {
    properties.set(propertyName, convertProperty(propertyName, position, required.has(propertyName)));
  }
  const spec: ObjectTypeSpec = { name, documentation: node.markdownDescription ?? '', properties };
  if (node.additionalProperties === true) spec.additionalProperties = true;
  const exclusive = node['x-mutuallyExclusive'];
  if (exclusive) spec.mutuallyExclusive = exclusive;
  const discriminator = node['x-discriminator'];
  if (discriminator) {
    spec.discriminator = { property: discriminator.property, mapping: new Map(Object.entries(discriminator.mapping)) };
  }
  return spec;
}

function convertProperty(name: string, position: SchemaNode, required: boolean): PropertySpec {
  const spec: PropertySpec = {
    name,
    required,
    shape: shapeOf(position),
    documentation: position.markdownDescription ?? '',
  };
  const allowedValues = findEnum(position);
  if (allowedValues) spec.allowedValues = allowedValues;
  if (position['x-allowedValuesIncomplete']) spec.allowedValuesIncomplete = true;
  if (position.deprecated) spec.deprecated = true;
  if (position['x-suggestions']) spec.suggestedValues = position['x-suggestions'];
  if (position['x-appliesTo']) spec.appliesTo = position['x-appliesTo'];
  return spec;
}

/** The value shape of a position (intrinsic alternatives dropped: every position accepts one). */
export function shapeOf(position: SchemaNode): ValueShape {
  if (position.anyOf) {
    const options = position.anyOf.filter((option) => option.$ref !== INTRINSIC_REF).map(shapeOf);
    if (options.length === 1 && options[0]) return options[0];
    return options.length === 0 ? { kind: 'primitive', type: 'any' } : { kind: 'union', options };
  }
  if (position.$ref) {
    const name = position.$ref.slice(DEFINITION_PREFIX.length);
    return PRIMITIVE_DEFINITIONS[name] ?? { kind: 'object', typeName: name };
  }
  if (position.enum) {
    const numeric = position.enum.every((value) => typeof value === 'number');
    return { kind: 'primitive', type: numeric ? 'integer' : 'string' };
  }
  if (position.type === 'array') {
    return { kind: 'array', items: position.items ? shapeOf(position.items) : { kind: 'primitive', type: 'any' } };
  }
  if (position.type === 'object') {
    const values = position.additionalProperties;
    if (typeof values === 'object') return { kind: 'map', values: shapeOf(values) };
    return { kind: 'primitive', type: 'json' };
  }
  return { kind: 'primitive', type: 'any' };
}

/** The enumeration at a position, looking through arrays and unions (Architectures is an array of enums). */
function findEnum(position: SchemaNode): string[] | undefined {
  if (position.enum) return position.enum.map(String);
  if (position.items) return findEnum(position.items);
  for (const option of position.anyOf ?? []) {
    const found = findEnum(option);
    if (found) return found;
  }
  return undefined;
}
