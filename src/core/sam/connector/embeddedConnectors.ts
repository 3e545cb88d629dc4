// Connectors embedded in a resource (`Connectors: { Id: { Properties: {...} } }`, any resource type): each
// becomes an AWS::Serverless::Connector named <resource><Id> whose Source is the resource (plus its
// SourceReference), carrying the entry's attributes. The `Connectors` attribute itself is removed, as
// CloudFormation would refuse it. Problems are reported and the other connectors still transformed.
import { isObject, type JsonObject } from '../intrinsics';
import type { SamTransformProblem } from '../samTransformError';

const ATTRIBUTES = ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'DependsOn', 'Metadata'] as const;

export function expandEmbeddedConnectors(resources: Record<string, JsonObject>): SamTransformProblem[] {
  const problems: SamTransformProblem[] = [];
  const problem = (logicalId: string, detail: string, path: (string | number)[]) =>
    problems.push({
      logicalId,
      message: `Resource with id [${logicalId}] is invalid. ${detail}`,
      path: ['Resources', ...path],
    });
  for (const [sourceId, resource] of Object.entries(resources)) {
    if (!('Connectors' in resource)) continue;
    const connectors = resource.Connectors;
    delete resource.Connectors;
    if (!isObject(connectors)) {
      problem(sourceId, `Attribute '${sourceId}.Connectors' should be a map.`, [sourceId, 'Connectors']);
      continue;
    }
    for (const [name, entry] of Object.entries(connectors)) {
      const logicalId = `${sourceId}${name}`;
      const path = [sourceId, 'Connectors', name];
      if (!isObject(entry)) {
        problem(logicalId, `${sourceId}.${logicalId} should be a map.`, path);
        continue;
      }
      const properties = entry.Properties;
      if (!isObject(properties)) {
        problem(sourceId, `Attribute 'Connectors.${name}.Properties' should be a map.`, path);
        continue;
      }
      const { SourceReference: reference = {}, ...rest } = properties;
      if (!isObject(reference)) {
        problem(sourceId, `Property 'Connectors.${name}.Properties.SourceReference' should be a map.`, [
          ...path,
          'Properties',
          'SourceReference',
        ]);
        continue;
      }
      if ('Id' in reference) {
        // The translator names the entry here, not the connector it would have made.
        problem(name, "'Id' shouldn't be defined in 'SourceReference'.", [...path, 'Properties', 'SourceReference']);
        continue;
      }
      if (logicalId in resources) {
        problems.push({
          logicalId: sourceId,
          message: `Transforming resource with id [${sourceId}] attempts to create a new resource with id [${logicalId}] and type "AWS::Serverless::Connector". A resource with that id already exists within this template. Please use a different id for that resource.`,
          path,
        });
        continue;
      }
      const connector: JsonObject = { Type: 'AWS::Serverless::Connector' };
      for (const attribute of ATTRIBUTES) if (entry[attribute] !== undefined) connector[attribute] = entry[attribute]!;
      connector.Properties = { Source: { Id: sourceId, ...reference }, ...rest };
      resources[logicalId] = connector;
    }
  }
  return problems;
}
