import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSamTemplate } from '../../../src/core/sam/transformSamTemplate';
import { templateTextToJson, type JsonObject } from '../../../src/core/template/templateJson';
import { sharedDir } from '../../support/paths';

// The oracle test compares (logical ID, type) sets; some families of fixtures are compared property by property:
// every resource a connector generates (policies, permissions, their Metadata and DependsOn) and the DependsOn it
// adds to event source mappings; every resource of WebSocket API, GraphQL API and capacity provider templates. They must equal what AWS's
// translator writes.
const referenceDir = join(sharedDir, 'reference', 'sam-translator');

function fixtures(pattern: RegExp): string[] {
  return readdirSync(join(referenceDir, 'input'))
    .filter((file) => pattern.test(file))
    .map((file) => file.replace(/\.yaml$/, ''));
}

/** IAM reads actions as a set (one fixture predates the translator's current order). */
function sortedActions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedActions);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === 'Action' && Array.isArray(item) ? [...(item as string[])].sort() : sortedActions(item),
    ]),
  );
}

/** The resources a connector made (its metadata says so) and the event source mappings / state machines. */
function connectorView(resources: Record<string, JsonObject>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [id, resource] of Object.entries(resources)) {
    const metadata = resource.Metadata as JsonObject | undefined;
    if (metadata?.['aws:sam:connectors']) view[id] = sortedActions(resource);
    else if (
      resource.Type === 'AWS::Lambda::EventSourceMapping' ||
      resource.Type === 'AWS::StepFunctions::StateMachine'
    )
      view[id] = resource.DependsOn ?? null;
  }
  return view;
}

const FAMILIES: { title: string; pattern: RegExp; view: (resources: Record<string, JsonObject>) => unknown }[] = [
  { title: 'connectors', pattern: /^(embedded_)?connector.*\.yaml$/, view: connectorView },
  { title: 'WebSocket APIs', pattern: /^websocket_.*\.yaml$/, view: (resources) => resources },
  { title: 'GraphQL APIs', pattern: /^graphqlapi_.*\.yaml$/, view: (resources) => resources },
  { title: 'capacity providers', pattern: /^capacity_provider_.*\.yaml$/, view: (resources) => resources },
];

for (const family of FAMILIES) {
  describe(`SAM ${family.title} against the translator, property by property`, () => {
    for (const name of fixtures(family.pattern)) {
      it(name, () => {
        const input = readFileSync(join(referenceDir, 'input', `${name}.yaml`), 'utf8');
        const expected = JSON.parse(readFileSync(join(referenceDir, 'output', `${name}.json`), 'utf8')) as {
          Resources: Record<string, JsonObject>;
        };
        const output = transformSamTemplate(templateTextToJson(input).json ?? null, { region: 'ap-southeast-1' });
        assert.deepEqual(family.view(output.Resources as Record<string, JsonObject>), family.view(expected.Resources));
      });
    }
  });
}
