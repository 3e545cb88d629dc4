// The peer: the npm yaml-language-server (the engine behind the Red Hat YAML extension and, until 2025, the AWS
// Toolkit), its language service used in-process, configured as a user would: a JSON schema associated with the
// file and the CloudFormation tags we contribute as yaml.customTags. Documents are versioned as the editor sends them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import { repoRoot } from '../scripts/codeServerPaths.mjs';
import { sharedDir } from '../test/support/paths';
import { measure, type EngineFigures, type IntelliSenseWorkload } from './intellisenseWorkload';

/** The schema each peer configuration uses. */
export const PEER_SCHEMAS = {
  // Ours (CloudFormation from @aws-cdk/aws-service-spec plus every SAM type): the full schema.
  'peer-full': join(repoRoot, 'schemas', 'template.schema.json'),
  // SAM's own schema: checks SAM types only and lets every CloudFormation resource through.
  'peer-sam': join(sharedDir, 'reference', 'sam-schema', 'sam.schema.json'),
} as const;

const ERROR_SEVERITY = 1;
const WARNING_SEVERITY = 2;

/** The CloudFormation tags exactly as package.json contributes them to the Red Hat YAML extension. */
function contributedCustomTags(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configurationDefaults: { 'yaml.customTags': string[] } };
  };
  return manifest.contributes.configurationDefaults['yaml.customTags'];
}

function createPeer(schemaPath: string): LanguageService {
  const service = getLanguageService({
    schemaRequestService: (uri) => Promise.resolve(readFileSync(fileURLToPath(uri), 'utf8')),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  service.configure({
    validate: true,
    completion: true,
    hover: true,
    customTags: contributedCustomTags(),
    schemas: [{ uri: pathToFileURL(schemaPath).href, fileMatch: ['*.yaml'] }],
  });
  return service;
}

export async function measurePeerEngine(
  engine: keyof typeof PEER_SCHEMAS,
  workload: IntelliSenseWorkload,
  runs: number,
): Promise<Omit<EngineFigures, 'rssMb' | 'heapUsedMb'>> {
  const service = createPeer(PEER_SCHEMAS[engine]);
  let version = 0;
  const open = (name: string, text: string) =>
    TextDocument.create(`file:///bench/${name}.yaml`, 'yaml', ++version, text);
  let problems: Awaited<ReturnType<LanguageService['doValidation']>> = [];
  const cold = await measure(1, async () => {
    problems = (await service.doValidation(open('cold', workload.text), false)).filter(
      (diagnostic) => diagnostic.severity === ERROR_SEVERITY || diagnostic.severity === WARNING_SEVERITY,
    );
  });
  const first = await measure(runs, (run) => service.doValidation(open(`first-${run}`, workload.text), false));
  // Each edit is a new version of one document, which the peer re-parses and re-validates whole.
  const revalidate = await measure(runs, (run) =>
    service.doValidation(open('edited', workload.editedText(run + 1)), false),
  );
  let labels: string[] = [];
  const complete = await measure(runs, async () => {
    const document = open('typing', workload.typing.text);
    const list = await service.doComplete(document, document.positionAt(workload.typing.offset), false);
    labels = list.items.map((item) => item.label);
  });
  const hovered = open('hover', workload.text);
  let hoverFound = false;
  const hover = await measure(runs, async () => {
    hoverFound = (await service.doHover(hovered, hovered.positionAt(workload.hoverOffset))) !== null;
  });
  return {
    engine,
    lines: workload.lines,
    operations: { cold, first, revalidate, complete, hover },
    falseProblems: problems.length,
    falseErrors: problems.filter((diagnostic) => diagnostic.severity === ERROR_SEVERITY).length,
    falseProblemSamples: [
      ...new Set(
        problems.map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message.split('\n')[0]}`),
      ),
    ].slice(0, 5),
    completionOffersDelaySeconds: labels.includes('DelaySeconds'),
    hoverFound,
  };
}
