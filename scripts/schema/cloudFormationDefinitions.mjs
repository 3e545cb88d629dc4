// Turns the CloudFormation resource specification of @aws-cdk/aws-service-spec into JSON Schema definitions:
// one per resource type (its Properties block, with GetAtt attributes and what Ref returns under
// `x-resource`) and one per nested property type (`AWS::Lambda::Function.Environment`).
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { summarizeDocumentation } from './summarizeDocumentation.mjs';
import {
  arrayPosition,
  enumPosition,
  mapPosition,
  objectPosition,
  primitivePosition,
  unionPosition,
} from './schemaPositions.mjs';

/** Types whose Properties accept any key: custom resources take whatever their provider reads. */
const FREE_FORM_RESOURCE_TYPES = new Set(['AWS::CloudFormation::CustomResource']);

/**
 * Builds the CloudFormation definitions. `overrides` refines properties the specification leaves loose
 * (e.g. Lambda's Runtime, which it types as a plain string): `{ 'Type.Property': position }`, or a function of
 * the specified position.
 */
export function buildCloudFormationDefinitions({ skipTypes, overrides, strictEnums }) {
  const options = { overrides, strictEnums };
  const db = loadAwsServiceSpecSync();
  const definitions = {};
  const resourceTypes = db
    .all('resource')
    .filter((resource) => !skipTypes.has(resource.cloudFormationType))
    .sort((a, b) => compare(a.cloudFormationType, b.cloudFormationType));

  for (const resource of resourceTypes) {
    const typeName = resource.cloudFormationType;
    const nestedNames = new Map();
    const nameOf = (reference) => {
      const typeDefinition = db.get('typeDefinition', reference);
      let name = nestedNames.get(typeDefinition.$id);
      if (!name) {
        name = `${typeName}.${typeDefinition.name}`;
        nestedNames.set(typeDefinition.$id, name);
        definitions[name] = objectDefinition(typeDefinition, typeName, name, nameOf, options);
      }
      return name;
    };
    const definition = objectDefinition(resource, typeName, typeName, nameOf, options);
    if (FREE_FORM_RESOURCE_TYPES.has(typeName)) definition.additionalProperties = true;
    definition.markdownDescription = summarizeDocumentation(resource.documentation, 400);
    definition['x-resource'] = resourceMetadata(resource);
    definitions[typeName] = definition;
  }
  return definitions;
}

function resourceMetadata(resource) {
  const attributes = {};
  for (const name of Object.keys(resource.attributes).sort(compare)) {
    attributes[name] = summarizeDocumentation(resource.attributes[name].documentation, 120);
  }
  const refIdentifier = resource.cfnRefIdentifier ?? resource.primaryIdentifier ?? [];
  const metadata = { documentationUrl: documentationUrl(resource.cloudFormationType), attributes };
  if (refIdentifier.length > 0) {
    metadata.ref = `the ${refIdentifier.map((part) => `\`${part}\``).join(' and ')} of the resource`;
  }
  return metadata;
}

/** The CloudFormation Template Reference page of a resource type. */
function documentationUrl(typeName) {
  const [, service = '', resource = ''] = typeName.toLowerCase().split('::');
  return `https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-${service}-${resource}.html`;
}

function objectDefinition(entity, typeName, definitionName, nameOf, { overrides, strictEnums }) {
  const properties = {};
  const required = [];
  for (const name of Object.keys(entity.properties).sort(compare)) {
    const property = entity.properties[name];
    const override = overrides[`${definitionName}.${name}`];
    const types = [property.type, ...(property.previousTypes ?? [])];
    // Templates written against an older specification still deploy: accept earlier types as well.
    const specified = unionPosition(dedupe(types.map((type) => positionOf(type, nameOf))));
    const position = typeof override === 'function' ? override(specified) : (override ?? specified);
    const documented = { ...position, markdownDescription: summarizeDocumentation(property.documentation, 120) };
    // The specification's enumerations can lag behind the services (a new instance type, a new option): a value
    // outside one is only a warning, unless the enumeration is known to be closed.
    const key = `${definitionName}.${name}`;
    if (!override && !strictEnums.has(key) && JSON.stringify(position).includes('"enum"')) {
      documented['x-allowedValuesIncomplete'] = true;
    }
    if (property.deprecated === 'WARN') documented.deprecated = true;
    if (property.deprecated === 'IGNORE') continue;
    properties[name] = documented;
    if (property.required) required.push(name);
  }
  const definition = { type: 'object' };
  if (entity.documentation && definitionName !== typeName) {
    definition.markdownDescription = summarizeDocumentation(entity.documentation, 160);
  }
  definition.properties = properties;
  if (required.length > 0) definition.required = required;
  // A nested type the specification declares without properties is a free-form object.
  definition.additionalProperties = Object.keys(properties).length === 0;
  return definition;
}

function positionOf(type, nameOf) {
  switch (type.type) {
    case 'string':
      return type.allowedValues?.length ? enumPosition([...type.allowedValues]) : primitivePosition('string');
    case 'date-time':
      return primitivePosition('string');
    case 'integer':
      return type.allowedValues?.length ? enumPosition([...type.allowedValues]) : primitivePosition('integer');
    case 'number':
      return primitivePosition('number');
    case 'boolean':
      return primitivePosition('boolean');
    case 'json':
      return primitivePosition('json');
    case 'null':
      return primitivePosition('any');
    case 'tag':
      return objectPosition('Tag');
    case 'ref':
      return objectPosition(nameOf(type.reference));
    case 'array':
      return arrayPosition(positionOf(type.element, nameOf));
    case 'map':
      return mapPosition(positionOf(type.element, nameOf));
    case 'union':
      return unionPosition(dedupe(type.types.map((member) => positionOf(member, nameOf))));
    default:
      throw new Error(`Unknown specification type ${JSON.stringify(type)}`);
  }
}

function dedupe(positions) {
  const seen = new Set();
  return positions.filter((position) => {
    const key = JSON.stringify(position);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Plain code-point order: stable across machines and locales. */
export function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The version of the specification package, recorded in the output. */
export function serviceSpecVersion(require) {
  return require('@aws-cdk/aws-service-spec/package.json').version;
}
