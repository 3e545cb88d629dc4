import type { ParsedTemplate } from '../parseTemplate';
import type { TemplateDiagnostic } from '../templateDiagnostic';
import { getMapPair, scalarString, type SourceRange, type TemplateMap, type TemplateNode } from '../templateTree';
import { closestName } from '../closestName';
import { describeShape, objectTypeLabel } from './describeShape';
import { isIntrinsicNode } from './isIntrinsicNode';
import { objectTypeFor } from './resolveSchemaAtPath';
import { isRuntimeProperty, runtimeDiagnostic, samFunctionPackageDiagnostics } from './samFunctionRules';
import { samResolvedConflict, samToleratedUnknownKey } from './samLeniency';
import { resourceTypeNameProblem } from './resourceTypeName';
import { samLiteralOnlyDiagnostic } from './samLiteralProperties';
import { scalarMismatch, describeNodeKind } from './scalarMismatch';
import {
  SCHEMA_TYPES,
  type ObjectTypeSpec,
  type PropertySpec,
  type ResourceTypeSpec,
  type TemplateSchema,
  type ValueShape,
} from './templateSchema';

/** Options of the schema checks. */
export interface SchemaValidationOptions {
  /** The moment runtime deprecation is judged at; tests pin it. Defaults to now. */
  now?: Date;
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
// Only types in AWS's own namespaces are known in full; others may be registry or third-party types.
const CHECKED_TYPE_NAMESPACE = /^(AWS|Alexa)::/;
const FOR_EACH_KEY = /^Fn::ForEach::/;

/** Where a value sits, for messages and for the checks that depend on its surroundings. */
interface ValueContext {
  /** Range to report a missing property at: the key holding the object (or the object itself). */
  anchor: SourceRange;
  resource?: { type: string; spec: ResourceTypeSpec };
  /** Enumeration of the enclosing property, checked at its scalar leaves (through lists and unions). */
  property?: PropertySpec;
  parentType?: ObjectTypeSpec;
  /** Properties the Globals section supplies to this object (a SAM resource's Properties). */
  suppliedByGlobals?: ReadonlySet<string>;
  /**
   * True inside Globals, and inside a SAM resource's property that Globals also sets: SAM merges the two, so
   * either side alone may lack required parts.
   */
  partial?: boolean;
}

/**
 * Checks a parsed template against the schema: unknown properties (with "did you mean"), wrong types, missing
 * required properties, values not allowed, unknown resource types, SAM types without the SAM transform,
 * mutually exclusive properties and deprecated runtimes (a warning). Intrinsic functions are accepted at every
 * value position, short and long form. Never throws on any template (a corrupt schema file raises WorkbenchError).
 */
export function validateWithSchema(
  parsed: ParsedTemplate,
  schema: TemplateSchema,
  options: SchemaValidationOptions = {},
): TemplateDiagnostic[] {
  const root = parsed.root;
  if (root?.kind !== 'map') return [];
  const validator = new SchemaValidator(schema, root, options.now ?? new Date());
  validator.validateTemplate();
  return validator.diagnostics;
}

class SchemaValidator {
  readonly diagnostics: TemplateDiagnostic[] = [];
  private readonly hasSamTransform: boolean;
  private readonly globals: TemplateNode | undefined;

  constructor(
    private readonly schema: TemplateSchema,
    private readonly root: TemplateMap,
    private readonly now: Date,
  ) {
    this.hasSamTransform = namesIn(getMapPair(root, 'Transform')?.value).includes(SAM_TRANSFORM);
    this.globals = getMapPair(root, 'Globals')?.value;
  }

  validateTemplate(): void {
    const templateType = this.schema.objectType(SCHEMA_TYPES.template);
    if (!templateType) return;
    // A missing section is reported on the first key of the document: there is no enclosing key.
    const firstKey = this.root.pairs[0]?.key.range ?? { start: 0, end: 0 };
    this.validateObject(this.root, templateType, { anchor: firstKey });
    const globals = getMapPair(this.root, 'Globals');
    if (globals && !this.hasSamTransform) {
      this.report(
        globals.key.range,
        'error',
        'missing-transform',
        `Globals needs the SAM transform (Transform: ${SAM_TRANSFORM}).`,
      );
    }
  }

  private validateResources(node: TemplateNode): void {
    if (node.kind !== 'map') {
      if (!isIntrinsicNode(node))
        this.report(node.range, 'error', 'wrong-type', 'Resources must be an object of resources by logical ID.');
      return;
    }
    const entryType = this.schema.objectType(SCHEMA_TYPES.resource);
    if (!entryType) return;
    for (const pair of node.pairs) {
      const logicalId = String(pair.key.value);
      if (FOR_EACH_KEY.test(logicalId) || !pair.value) continue;
      if (pair.value.kind !== 'map') {
        this.report(
          pair.value.range,
          'error',
          'wrong-type',
          `Resource ${logicalId} must be an object with Type and Properties.`,
        );
        continue;
      }
      this.validateResource(pair.key.range, pair.value, entryType);
    }
  }

  private validateResource(keyRange: SourceRange, entry: TemplateMap, entryType: ObjectTypeSpec): void {
    const typePair = getMapPair(entry, 'Type');
    const typeName = scalarString(typePair?.value);
    const spec = typeName === undefined ? undefined : this.schema.resourceType(typeName);
    if (typePair?.value && typeName !== undefined && !spec) {
      const suggestion = closestName(typeName, this.schema.resourceTypeNames());
      const problem = CHECKED_TYPE_NAMESPACE.test(typeName)
        ? `Unknown resource type '${typeName}'.`
        : resourceTypeNameProblem(typeName);
      if (problem) {
        const didYouMean = suggestion ? ` Did you mean '${suggestion}'?` : '';
        this.report(typePair.value.range, 'error', 'unknown-resource-type', `${problem}${didYouMean}`);
      }
    }
    if (spec?.transform === SAM_TRANSFORM && !this.hasSamTransform && typePair?.value) {
      this.report(
        typePair.value.range,
        'error',
        'missing-transform',
        `${spec.name} needs the SAM transform (Transform: ${SAM_TRANSFORM}).`,
      );
    }
    const resource = spec && typeName !== undefined ? { type: typeName, spec } : undefined;
    this.validateObject(entry, entryType, { anchor: keyRange, ...(resource ? { resource } : {}) });
    if (!spec) return;

    const propertiesPair = getMapPair(entry, 'Properties');
    const properties = propertiesPair?.value;
    const ignoredGlobals = new Set(namesIn(getMapPair(entry, 'IgnoreGlobals')?.value));
    const supplied = new Set(
      [...this.globalsFor(spec)].filter((name) => !ignoredGlobals.has(name) && !ignoredGlobals.has('*')),
    );
    const anchor = propertiesPair?.key.range ?? keyRange;
    const context: ValueContext = { anchor, resource: { type: spec.name, spec }, suppliedByGlobals: supplied };
    const conditionIsProperty = spec.properties.properties.has('Condition');
    if (properties === undefined) {
      if (!propertiesPair) this.reportMissing(undefined, spec.properties, context);
    } else if (isIntrinsicNode(properties, { conditionIsProperty })) {
      return;
    } else if (properties.kind === 'map') {
      this.validateObject(properties, spec.properties, context);
    } else {
      this.report(
        properties.range,
        'error',
        'wrong-type',
        `Properties of ${spec.name} must be an object, not ${describeNodeKind(properties)}.`,
      );
    }
    if (spec.name === 'AWS::Serverless::Function' && (properties === undefined || properties.kind === 'map')) {
      const globalsFunction = getMapPair(this.globals, 'Function')?.value;
      this.diagnostics.push(...samFunctionPackageDiagnostics(properties, globalsFunction, anchor, ignoredGlobals));
    }
  }

  /** The properties the Globals section sets for resources of this SAM type. */
  private globalsFor(spec: ResourceTypeSpec): ReadonlySet<string> {
    if (spec.transform !== SAM_TRANSFORM) return new Set();
    const section = getMapPair(this.globals, spec.name.split('::')[2] ?? '')?.value;
    return new Set(section?.kind === 'map' ? section.pairs.map((pair) => String(pair.key.value)) : []);
  }

  private validateObject(node: TemplateMap, declared: ObjectTypeSpec, context: ValueContext): void {
    const type =
      (declared.discriminator
        ? objectTypeFor(this.schema, { kind: 'object', typeName: declared.name }, node)
        : undefined) ?? declared;
    const label = typeLabel(type);
    for (const pair of node.pairs) {
      const key = String(pair.key.value);
      if (FOR_EACH_KEY.test(key)) continue;
      const property = type.properties.get(key);
      if (!property) {
        if (type.additionalProperties) continue;
        this.reportUnknownProperty(pair.key.range, key, type, context);
        continue;
      }
      if (property.appliesTo && !(context.resource && property.appliesTo.includes(context.resource.type))) {
        const where = context.resource ? ` ${context.resource.type}` : '';
        this.report(
          pair.key.range,
          'error',
          'unknown-property',
          `'${key}' is not valid in a${where} resource; it applies to ${property.appliesTo.join(', ')}.`,
        );
        continue;
      }
      if (property.deprecated)
        this.report(pair.key.range, 'warning', 'deprecated-property', `'${key}' is deprecated in ${label}.`);
      if (!pair.value) continue;
      const childContext: ValueContext = { anchor: pair.key.range, property, parentType: type };
      if (context.resource) childContext.resource = context.resource;
      const inGlobals = type.name === SCHEMA_TYPES.globals || context.suppliedByGlobals?.has(key) === true;
      if (context.partial || inGlobals) childContext.partial = true;
      if (type.name === SCHEMA_TYPES.template && key === 'Resources') this.validateResources(pair.value);
      else if (!(type.name === SCHEMA_TYPES.resource && key === 'Properties'))
        this.validateValue(pair.value, property.shape, childContext);
    }
    this.reportMissing(node, type, context);
    for (const group of type.mutuallyExclusive ?? []) {
      const present = node.pairs.filter((pair) => group.includes(String(pair.key.value)));
      const winner = samResolvedConflict(
        type.name,
        present.map((pair) => String(pair.key.value)),
      );
      for (const pair of present.filter((candidate) => candidate.key.value !== (winner ?? present[0]?.key.value))) {
        const name = String(pair.key.value);
        if (winner)
          this.report(
            pair.key.range,
            'warning',
            'ignored-property',
            `SAM uses '${winner}' and ignores '${name}' in ${label}.`,
          );
        else
          this.report(
            pair.key.range,
            'error',
            'mutually-exclusive-properties',
            `'${name}' cannot be used together with '${String(present[0]?.key.value)}' in ${label}.`,
          );
      }
    }
  }

  private reportUnknownProperty(range: SourceRange, key: string, type: ObjectTypeSpec, context: ValueContext): void {
    const suggestion = closestName(key, type.properties.keys());
    const didYouMean = suggestion ? ` Did you mean '${suggestion}'?` : '';
    // SAM drops attributes it does not know from its own resources, where CloudFormation would reject them.
    if (type.name === SCHEMA_TYPES.resource && context.resource?.spec.transform === SAM_TRANSFORM) {
      this.report(
        range,
        'warning',
        'unknown-property',
        `SAM ignores '${key}' on ${context.resource.type}.${didYouMean}`,
      );
      return;
    }
    const entryType = this.schema.objectType(SCHEMA_TYPES.resource);
    if (type.name === context.resource?.type && entryType?.properties.has(key)) {
      this.report(
        range,
        'error',
        'unknown-property',
        `'${key}' is a resource attribute: write it beside Type, not under Properties.`,
      );
      return;
    }
    const tolerated = samToleratedUnknownKey(this.schema, type, key);
    if (tolerated) this.report(range, 'warning', 'unknown-property', `${tolerated}${didYouMean}`);
    else
      this.report(range, 'error', 'unknown-property', `Unknown property '${key}' in ${typeLabel(type)}.${didYouMean}`);
  }

  private reportMissing(node: TemplateMap | undefined, type: ObjectTypeSpec, context: ValueContext): void {
    if (context.partial) return;
    const present = new Set(node?.pairs.map((pair) => String(pair.key.value)) ?? []);
    const missing = [...type.properties.values()]
      .filter(
        (property) =>
          property.required && !present.has(property.name) && !context.suppliedByGlobals?.has(property.name),
      )
      .map((property) => property.name);
    if (missing.length === 0) return;
    const names = missing.map((name) => `'${name}'`).join(', ');
    const noun = missing.length === 1 ? 'property' : 'properties';
    this.report(
      context.anchor,
      'error',
      'missing-required-property',
      `Missing required ${noun} ${names} in ${typeLabel(type)}.`,
    );
  }

  private validateValue(node: TemplateNode, shape: ValueShape, context: ValueContext): void {
    const objectType = shape.kind === 'object' ? this.schema.objectType(shape.typeName) : undefined;
    if (isIntrinsicNode(node, { conditionIsProperty: objectType?.properties.has('Condition') ?? false })) {
      const literalOnly = samLiteralOnlyDiagnostic(context.property, context.parentType, node.range);
      if (literalOnly) this.diagnostics.push(literalOnly);
      return;
    }
    if (node.kind === 'scalar' && node.value === null) return;
    switch (shape.kind) {
      case 'primitive':
        return this.validateScalar(node, shape, context);
      case 'object':
        if (node.kind !== 'map') return this.reportWrongType(node, shape);
        if (objectType) this.validateObject(node, objectType, { ...context, suppliedByGlobals: new Set() });
        return;
      case 'array':
        if (node.kind !== 'seq') return this.reportWrongType(node, shape);
        for (const item of node.items) this.validateValue(item, shape.items, { ...context, anchor: item.range });
        return;
      case 'map':
        if (node.kind !== 'map') return this.reportWrongType(node, shape);
        for (const pair of node.pairs) {
          if (pair.value && !FOR_EACH_KEY.test(String(pair.key.value))) {
            this.validateValue(pair.value, shape.values, { ...context, anchor: pair.key.range });
          }
        }
        return;
      case 'union':
        return this.validateUnion(node, shape.options, context);
    }
  }

  private validateUnion(node: TemplateNode, options: readonly ValueShape[], context: ValueContext): void {
    const free = options.find(
      (option) => option.kind === 'primitive' && (option.type === 'json' || option.type === 'any'),
    );
    const fitting = options.filter((option) => fitsKind(option, node));
    if (fitting.length === 0) {
      if (!free) this.reportWrongType(node, { kind: 'union', options: [...options] });
      return;
    }
    if (free) return;
    // Several options of the node's kind (e.g. two object types): keep the first that raises nothing.
    let fewest: TemplateDiagnostic[] | undefined;
    for (const option of fitting) {
      const attempt = new SchemaValidator(this.schema, this.root, this.now);
      attempt.validateValue(node, option, context);
      if (attempt.diagnostics.length === 0) return;
      if (!fewest || attempt.diagnostics.length < fewest.length) fewest = attempt.diagnostics;
    }
    this.diagnostics.push(...(fewest ?? []));
  }

  private validateScalar(node: TemplateNode, shape: ValueShape & { kind: 'primitive' }, context: ValueContext): void {
    const mismatch = scalarMismatch(node, shape.type);
    if (mismatch) {
      this.report(node.range, 'error', 'wrong-type', mismatch);
      return;
    }
    const property = context.property;
    if (node.kind !== 'scalar' || !property?.allowedValues || node.value === null) return;
    const value = String(node.value);
    if (isRuntimeProperty(property, context.parentType)) {
      const diagnostic = runtimeDiagnostic(value, node.range, this.now);
      if (diagnostic) this.diagnostics.push(diagnostic);
      return;
    }
    if (property.allowedValues.includes(value)) return;
    const suggestion = closestName(value, property.allowedValues);
    const listed = property.allowedValues.length <= 12 ? ` Allowed: ${property.allowedValues.join(', ')}.` : '';
    const hint = suggestion ? ` Did you mean '${suggestion}'?` : listed;
    if (property.allowedValuesIncomplete) {
      this.report(
        node.range,
        'warning',
        'value-not-allowed',
        `'${value}' is not one of the values the CloudFormation specification lists for ${property.name}.${hint}`,
      );
      return;
    }
    this.report(
      node.range,
      'error',
      'value-not-allowed',
      `'${value}' is not an allowed value of ${property.name}.${hint}`,
    );
  }

  private reportWrongType(node: TemplateNode, shape: ValueShape): void {
    this.report(
      node.range,
      'error',
      'wrong-type',
      `Expected ${describeShape(shape)}, found ${describeNodeKind(node)}.`,
    );
  }

  private report(range: SourceRange, severity: TemplateDiagnostic['severity'], code: string, message: string): void {
    this.diagnostics.push({ range, severity, code, message });
  }
}

/** Whether a node's kind can satisfy a shape (before looking inside). */
function fitsKind(shape: ValueShape, node: TemplateNode): boolean {
  switch (shape.kind) {
    case 'primitive':
      return shape.type === 'json' || shape.type === 'any' || node.kind === 'scalar';
    case 'object':
    case 'map':
      return node.kind === 'map';
    case 'array':
      return node.kind === 'seq';
    case 'union':
      return shape.options.some((option) => fitsKind(option, node));
  }
}

function typeLabel(type: ObjectTypeSpec): string {
  if (type.name.startsWith('Globals.') || (type.name.includes('::') && !type.name.includes('.'))) return type.name;
  return objectTypeLabel(type.name);
}

/** The names in a one-name-or-list value (Transform, IgnoreGlobals). */
function namesIn(node: TemplateNode | undefined): string[] {
  if (node?.kind === 'seq') return node.items.map((item) => scalarString(item) ?? '');
  const name = scalarString(node);
  return name === undefined ? [] : [name];
}
