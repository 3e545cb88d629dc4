// Compiles the hand-written SAM definitions (samFunction.mjs, samEvents.mjs, samApis.mjs...) to JSON Schema
// definitions next to the CloudFormation ones, which pass-through properties copy from.
import { compare } from './cloudFormationDefinitions.mjs';
import {
  arrayPosition,
  definitionRef,
  enumPosition,
  mapPosition,
  objectPosition,
  primitivePosition,
  unionPosition,
} from './schemaPositions.mjs';

const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'json', 'any']);
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/**
 * Adds the definitions of `resources` (SAM resource types) and `eventFamilies` to `definitions`, which must
 * already hold the CloudFormation types. Returns the Globals sections: `{ Function: definitionName, ... }`.
 */
export function addSamDefinitions(definitions, resources, eventFamilies) {
  const compiler = new SamCompiler(definitions);
  for (const family of eventFamilies) compiler.addEventFamily(family);
  const globals = {};
  for (const resource of resources) {
    compiler.addResource(resource);
    if (resource.globals) globals[resource.type.split('::')[2]] = compiler.addGlobals(resource);
  }
  return globals;
}

class SamCompiler {
  constructor(definitions) {
    this.definitions = definitions;
    /** Resources each owner's event sources generate, by owner type. */
    this.eventGenerated = new Map();
  }

  addResource(resource) {
    const owner = resource.type;
    for (const [name, spec] of Object.entries(resource.objects ?? {})) this.addObject(owner, name, spec);
    const definition = this.objectDefinition(owner, resource);
    definition.markdownDescription = resource.doc;
    const underlying = resource.underlying ? this.definitions[resource.underlying]?.['x-resource'] : undefined;
    if (resource.underlying && !underlying) throw new Error(`${owner}: unknown underlying type ${resource.underlying}`);
    const metadata = {
      documentationUrl: resource.documentationUrl,
      transform: SAM_TRANSFORM,
      attributes: underlying?.attributes ?? {},
    };
    if (resource.ref) metadata.ref = resource.ref;
    else if (underlying?.ref) metadata.ref = underlying.ref;
    if (resource.attributePrefixes) metadata.attributePrefixes = resource.attributePrefixes;
    const generated = [...(resource.generated ?? []), ...(this.eventGenerated.get(owner) ?? [])];
    if (generated.length > 0) metadata.generated = generated.map((entry) => this.generatedEntry(owner, entry));
    definition['x-resource'] = metadata;
    this.definitions[owner] = definition;
  }

  generatedEntry(owner, { reference, logicalId, type, when, unless, whenEventType, doc }) {
    if (!this.definitions[type]) throw new Error(`${owner}: generated type ${type} is unknown`);
    const entry = { reference, type, documentation: doc };
    if (logicalId) entry.logicalId = logicalId;
    if (when) entry.when = when;
    if (unless) entry.unless = unless;
    if (whenEventType) entry.whenEventType = whenEventType;
    return entry;
  }

  /** `Globals.<Section>`: the listed properties of the resource, with the same shapes and documentation. */
  addGlobals(resource) {
    const name = `Globals.${resource.type.split('::')[2]}`;
    const resourceDefinition = this.definitions[resource.type];
    const properties = {};
    for (const property of [...resource.globals].sort(compare)) {
      const position = resourceDefinition.properties[property];
      if (!position) throw new Error(`${name}: ${property} is not a property of ${resource.type}`);
      properties[property] = position;
    }
    this.definitions[name] = {
      type: 'object',
      markdownDescription: `Defaults for every \`${resource.type}\` in the template. A resource's own value wins; lists are concatenated and maps merged.`,
      properties,
      additionalProperties: false,
    };
    return name;
  }

  addEventFamily(family) {
    const owner = family.owner;
    for (const [name, spec] of Object.entries(family.objects ?? {})) this.addObject(owner, name, spec);
    const mapping = {};
    const generated = [];
    for (const eventType of Object.keys(family.variants).sort(compare)) {
      const variant = family.variants[eventType];
      const propertiesName = `${owner}.${eventType}EventProperties`;
      this.addObject(owner, `.${eventType}EventProperties`, variant);
      const variantName = `${owner}.${eventType}Event`;
      this.definitions[variantName] = {
        type: 'object',
        markdownDescription: variant.doc,
        properties: {
          Type: { ...enumPosition([eventType]), markdownDescription: 'The kind of event source.' },
          Properties: {
            ...objectPosition(propertiesName),
            markdownDescription: `Settings of the \`${eventType}\` event source.`,
          },
        },
        required: variant.propertiesOptional ? ['Type'] : ['Type', 'Properties'],
        additionalProperties: false,
      };
      mapping[eventType] = variantName;
      if (variant.creates) {
        generated.push({
          reference: '{id}{eventId}',
          type: variant.creates,
          whenEventType: eventType,
          doc: `The resource SAM creates for a \`${eventType}\` event, named after the resource and the event.`,
        });
      }
    }
    const eventTypes = Object.keys(mapping);
    this.definitions[`${owner}.Event`] = {
      type: 'object',
      markdownDescription: 'An event source. `Type` says which, and decides what `Properties` accepts.',
      properties: {
        Type: { ...enumPosition(eventTypes), markdownDescription: 'The kind of event source.' },
        Properties: { type: 'object', markdownDescription: 'Settings of the event source; they depend on `Type`.' },
      },
      required: ['Type'],
      additionalProperties: false,
      'x-discriminator': { property: 'Type', mapping },
      // For generic JSON Schema validators: apply the variant that matches the Type.
      allOf: eventTypes.map((eventType) => ({
        if: { properties: { Type: { const: eventType } }, required: ['Type'] },
        then: { $ref: definitionRef(mapping[eventType]) },
      })),
    };
    this.eventGenerated.set(owner, generated);
  }

  addObject(owner, name, spec) {
    const fullName = name.startsWith('.') ? `${owner}${name}` : name;
    if (this.definitions[fullName]) throw new Error(`Duplicate definition ${fullName}`);
    this.definitions[fullName] = this.objectDefinition(owner, spec);
  }

  objectDefinition(owner, spec) {
    const properties = {};
    for (const name of Object.keys(spec.properties).sort(compare)) {
      properties[name] = this.property(owner, name, spec.properties[name]);
    }
    const definition = { type: 'object' };
    if (spec.doc) definition.markdownDescription = spec.doc;
    definition.properties = properties;
    for (const name of spec.required ?? []) {
      if (!properties[name]) throw new Error(`${owner}: required ${name} is not a property`);
    }
    if (spec.required?.length) definition.required = [...spec.required].sort(compare);
    definition.additionalProperties = spec.additional === true;
    if (spec.exclusive?.length) definition['x-mutuallyExclusive'] = spec.exclusive;
    return definition;
  }

  property(owner, name, spec) {
    if (spec.pass) return this.passThrough(owner, name, spec);
    const position = { ...this.position(owner, spec.shape), markdownDescription: spec.doc };
    if (spec.suggest) position['x-suggestions'] = spec.suggest;
    if (spec.deprecated) position.deprecated = true;
    return position;
  }

  passThrough(owner, name, spec) {
    const source = this.definitions[spec.pass];
    const sourceName = spec.property ?? name;
    const position = source?.properties?.[sourceName];
    if (!position) throw new Error(`${owner}.${name}: no ${spec.pass}.${sourceName} to pass through`);
    const documentation = spec.doc ?? position.markdownDescription;
    return {
      ...position,
      markdownDescription: `${documentation} SAM passes it to \`${spec.pass}\` as \`${sourceName}\`.`,
    };
  }

  position(owner, shape) {
    if (Array.isArray(shape)) return unionPosition(shape.map((member) => this.position(owner, member)));
    if (typeof shape === 'string') {
      if (PRIMITIVES.has(shape)) return primitivePosition(shape);
      const name = shape.startsWith('.') ? `${owner}${shape}` : shape;
      return objectPosition(name);
    }
    if (shape.enum) return enumPosition(shape.enum);
    if (shape.array) return arrayPosition(this.position(owner, shape.array));
    if (shape.map) return mapPosition(this.position(owner, shape.map));
    throw new Error(`${owner}: unknown shape ${JSON.stringify(shape)}`);
  }
}
