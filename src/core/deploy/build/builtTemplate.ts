// The built template, as SAM CLI writes .aws-sam/build/template.yaml: built code locations become the folder named
// after the resource, and every other local path is rewritten relative to the build folder so packaging the built
// template finds the same files.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { JsonObject, JsonValue } from '../../template/templateJson';
import { PACKAGEABLE_METADATA, packageablePropertiesOf } from '../packageableProperties';
import type { BuildTarget } from './buildTargets';

/** A copy of `template` pointing at the build. */
export function writeBuiltTemplate(
  template: JsonObject,
  options: {
    templateDirectory: string;
    buildDirectory: string;
    targets: readonly BuildTarget[];
    /** Variables a build adds to its function (esbuild source maps). */
    environment: Record<string, Record<string, string>>;
  },
): JsonObject {
  const built = structuredClone(template);
  const relocate = (value: JsonValue | undefined): JsonValue | undefined => {
    if (typeof value !== 'string' || !value || /^(s3|https?):\/\//.test(value)) return value;
    const absolute = isAbsolute(value) ? value : resolve(options.templateDirectory, value);
    return relative(options.buildDirectory, absolute).split(sep).join('/') || '.';
  };
  const builtIds = new Map(options.targets.map((target) => [target.logicalId, target]));
  const resources = asObject(built['Resources']) ?? {};
  for (const [logicalId, value] of Object.entries(resources)) {
    const resource = asObject(value);
    const type = resource?.['Type'];
    if (!resource || typeof type !== 'string') continue;
    const target = builtIds.get(logicalId);
    const properties = asObject(resource['Properties']) ?? (target ? (resource['Properties'] = {}) : undefined);
    if (!properties) continue;
    if (target) {
      properties[target.codeProperty] = logicalId;
      addEnvironment(properties, options.environment[logicalId] ?? {});
      continue;
    }
    for (const exporter of packageablePropertiesOf(type)) {
      if (exporter.property.includes('*') || exporter.property.includes('.')) continue;
      const current = properties[exporter.property];
      if (current !== undefined) properties[exporter.property] = relocate(current) ?? null;
    }
  }
  const functionGlobals = asObject(asObject(built['Globals'])?.['Function']);
  if (functionGlobals && typeof functionGlobals['CodeUri'] === 'string') {
    functionGlobals['CodeUri'] = relocate(functionGlobals['CodeUri']) ?? null;
  }
  const metadata = asObject(built['Metadata']);
  for (const exporter of PACKAGEABLE_METADATA) {
    const section = asObject(metadata?.[exporter.resourceType]);
    if (section?.[exporter.property] !== undefined)
      section[exporter.property] = relocate(section[exporter.property]) ?? null;
  }
  relocateIncludes(built, relocate);
  return built;
}

function addEnvironment(properties: JsonObject, variables: Record<string, string>): void {
  if (Object.keys(variables).length === 0) return;
  const environment = asObject(properties['Environment']) ?? (properties['Environment'] = {});
  const existing = asObject(environment['Variables']) ?? (environment['Variables'] = {});
  Object.assign(existing, variables);
}

function relocateIncludes(node: JsonValue, relocate: (value: JsonValue | undefined) => JsonValue | undefined): void {
  if (Array.isArray(node)) {
    for (const item of node) relocateIncludes(item, relocate);
    return;
  }
  const object = asObject(node);
  if (!object) return;
  for (const [key, value] of Object.entries(object)) {
    const transform = asObject(value);
    const parameters = asObject(transform?.['Parameters']);
    if (key === 'Fn::Transform' && transform?.['Name'] === 'AWS::Include' && parameters?.['Location'] !== undefined) {
      parameters['Location'] = relocate(parameters['Location']) ?? null;
    } else relocateIncludes(value, relocate);
  }
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
