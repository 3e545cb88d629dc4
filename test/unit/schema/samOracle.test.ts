import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SCHEMA_TYPES,
  type ObjectTypeSpec,
  type TemplateSchema,
  type ValueShape,
} from '../../../src/core/template/schema/templateSchema';
import { sharedDir } from '../../support/paths';
import { testTemplateSchema } from '../../support/testTemplateSchema';

// SAM's own JSON schema (reference data, read in place, never shipped) is the oracle: every property it lists for
// a SAM resource type, a Globals section or an event source, at any depth it describes, must be known to ours.

interface OracleNode {
  $ref?: string;
  allOf?: OracleNode[];
  anyOf?: OracleNode[];
  items?: OracleNode;
  additionalProperties?: OracleNode | boolean;
  properties?: Record<string, OracleNode>;
  enum?: string[];
}

const oraclePath = join(sharedDir, 'reference', 'sam-schema', 'sam.schema.json');

describe('the template schema against SAM’s schema (oracle)', () => {
  let oracle: Record<string, OracleNode>;
  let schema: TemplateSchema;

  before(() => {
    oracle = (JSON.parse(readFileSync(oraclePath, 'utf8')) as { definitions: Record<string, OracleNode> }).definitions;
    schema = testTemplateSchema();
  });

  /** The object definitions a node stands for, through $ref, allOf and anyOf. */
  function objectsOf(node: OracleNode | undefined): OracleNode[] {
    if (!node) return [];
    if (node.$ref) return objectsOf(oracle[node.$ref.replace('#/definitions/', '')]);
    if (node.allOf) return node.allOf.flatMap(objectsOf);
    if (node.anyOf) return node.anyOf.flatMap(objectsOf);
    return node.properties ? [node] : [];
  }

  /** The object definitions found inside a property's value: directly, as list items or as map values. */
  function nestedObjectsOf(node: OracleNode | undefined): OracleNode[] {
    if (!node) return [];
    const direct = objectsOf(node);
    const options = [node, ...(node.anyOf ?? []), ...(node.allOf ?? [])];
    const inner = options.flatMap((option) => [
      ...(option.items ? nestedObjectsOf(option.items) : []),
      ...(typeof option.additionalProperties === 'object' ? nestedObjectsOf(option.additionalProperties) : []),
    ]);
    return [...direct, ...inner];
  }

  /** Our object types reachable from a shape, event families expanded to their variants. */
  function ourObjectTypes(shape: ValueShape): ObjectTypeSpec[] {
    switch (shape.kind) {
      case 'object': {
        const type = schema.objectType(shape.typeName);
        if (!type) return [];
        const variants = [...(type.discriminator?.mapping.values() ?? [])].map((name) => schema.objectType(name));
        return [type, ...variants.filter((variant): variant is ObjectTypeSpec => variant !== undefined)];
      }
      case 'array':
        return ourObjectTypes(shape.items);
      case 'map':
        return ourObjectTypes(shape.values);
      case 'union':
        return shape.options.flatMap(ourObjectTypes);
      case 'primitive':
        return [];
    }
  }

  /** Compares an oracle object with ours, recursively; returns the property paths ours does not know. */
  function compare(path: string, theirs: OracleNode, ours: ObjectTypeSpec, seen: Set<string>): string[] {
    const key = `${path}|${ours.name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const missing: string[] = [];
    for (const [name, node] of Object.entries(theirs.properties ?? {})) {
      const property = ours.properties.get(name);
      if (!property) {
        if (!ours.additionalProperties) missing.push(`${path}.${name}`);
        continue;
      }
      const candidates = ourObjectTypes(property.shape);
      for (const nested of nestedObjectsOf(node)) {
        const match = bestMatch(nested, candidates);
        if (match) missing.push(...compare(`${path}.${name}`, nested, match, seen));
      }
    }
    return missing;
  }

  /** Our type for an oracle object: the event variant its Type names, else the one sharing most properties. */
  function bestMatch(theirs: OracleNode, candidates: ObjectTypeSpec[]): ObjectTypeSpec | undefined {
    const eventType = theirs.properties?.Type?.enum?.[0];
    const variant = candidates.find((candidate) => candidate.name.endsWith(`.${eventType}Event`));
    if (eventType && variant) return variant;
    const names = Object.keys(theirs.properties ?? {});
    let best: ObjectTypeSpec | undefined;
    let bestScore = 0;
    for (const candidate of candidates) {
      const score = names.filter((name) => candidate.properties.has(name)).length;
      if (score > bestScore) [best, bestScore] = [candidate, score];
    }
    return best;
  }

  function samResourceDefinitions(): [string, OracleNode][] {
    return Object.entries(oracle)
      .filter(([name]) => /aws_serverless_[a-z_]+__Resource$/.test(name))
      .map(([, definition]) => [definition.properties?.Type?.enum?.[0] ?? '', definition]);
  }

  it('knows all eleven SAM resource types the oracle lists', () => {
    const types = samResourceDefinitions().map(([type]) => type);
    assert.equal(types.length, 11);
    for (const type of types) assert.ok(schema.resourceType(type), type);
  });

  it('knows every property of every SAM resource type, at every depth the oracle describes', () => {
    const missing: string[] = [];
    for (const [type, definition] of samResourceDefinitions()) {
      const ours = schema.resourceType(type);
      for (const properties of objectsOf(definition.properties?.Properties)) {
        missing.push(...compare(type, properties, ours!.properties, new Set()));
      }
    }
    assert.deepEqual(missing, []);
  });

  it('knows the resource attributes SAM accepts on each SAM type (Connectors, IgnoreGlobals...)', () => {
    const entry = schema.objectType(SCHEMA_TYPES.resource)!;
    const missing: string[] = [];
    for (const [type, definition] of samResourceDefinitions()) {
      for (const name of Object.keys(definition.properties ?? {})) {
        const attribute = entry.properties.get(name);
        if (!attribute || (attribute.appliesTo && !attribute.appliesTo.includes(type))) missing.push(`${type} ${name}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('knows every Globals section and every property the oracle allows in it', () => {
    const globals = oracle['__main____Globals']!;
    const missing: string[] = [];
    for (const [section, node] of Object.entries(globals.properties ?? {})) {
      const ours = schema.objectType(`Globals.${section}`);
      if (!ours) {
        missing.push(section);
        continue;
      }
      for (const definition of objectsOf(node))
        missing.push(...compare(`Globals.${section}`, definition, ours, new Set()));
    }
    assert.deepEqual(missing, []);
  });

  it('knows every event source of functions and state machines, with all their properties', () => {
    const missing: string[] = [];
    let compared = 0;
    for (const owner of ['function', 'statemachine']) {
      const ownerType = owner === 'function' ? 'AWS::Serverless::Function' : 'AWS::Serverless::StateMachine';
      const events = schema.objectType(`${ownerType}.Event`)!;
      const properties = objectsOf(
        oracle[`samtranslator__internal__schema_source__aws_serverless_${owner}__Properties`],
      );
      const eventsNode = properties[0]?.properties?.Events;
      const eventDefinitions =
        typeof eventsNode?.additionalProperties === 'object' ? objectsOf(eventsNode.additionalProperties) : [];
      for (const event of eventDefinitions) {
        const eventType = event.properties?.Type?.enum?.[0] ?? '';
        const variant = events.discriminator?.mapping.get(eventType);
        if (!variant) {
          missing.push(`${ownerType} event ${eventType}`);
          continue;
        }
        compared++;
        missing.push(...compare(`${ownerType}.${eventType}`, event, schema.objectType(variant)!, new Set()));
      }
    }
    assert.equal(compared, 24);
    assert.deepEqual(missing, []);
  });
});
