// The resources and references SAM generates, for IntelliSense (completion, hover, go to definition, reference
// checks), read from the SAM transform's own run on the template (samTransformRun.ts): one implementation of SAM's
// naming rules, the transform's. The schema only adds the words that document each generated resource.
import type { GeneratedResourceSpec, TemplateSchema } from '../schema/templateSchema';
import type { SourceRange } from '../templateTree';
import type { SamTransformRun } from './samTransformRun';

/** A resource or reference SAM creates while transforming a template, that other resources may name. */
export interface GeneratedResource {
  /** A logical ID (`MyFunctionRole`) or a SAM reference form (`MyFunction.Alias`). */
  name: string;
  /** The CloudFormation type SAM creates. */
  type: string;
  /** The logical ID of the SAM resource that generates it. */
  source: string;
  /** Where the generating resource's logical ID is written, for go-to-definition. */
  sourceRange: SourceRange;
  documentation: string;
}

/** A resource the template declares, as the generated list needs it. */
export interface DeclaredResource {
  type: string | undefined;
  keyRange: SourceRange;
}

/** What SAM generates: exact names, and patterns for names known only in part. */
export interface GeneratedResources {
  resources: GeneratedResource[];
  patterns: RegExp[];
}

/** Resource types whose logical IDs end in a content hash that changes with the code or the API. */
const HASHED_TYPES = new Set(['AWS::Lambda::Version', 'AWS::ApiGateway::Deployment', 'AWS::Lambda::LayerVersion']);
const HASH_SUFFIX = /^(.*?)([0-9a-f]{10})$/;

/**
 * Lists what the transform generated for the template's SAM resources. Names made by resources that did not
 * transform (a fault being typed, a gap of ours) stay unknown in part: any name that starts with such a resource's
 * logical ID counts as known, so a fault in one place does not make every reference to its resources an error.
 */
export function listGeneratedResources(
  run: SamTransformRun | undefined,
  declared: ReadonlyMap<string, DeclaredResource>,
  schema?: TemplateSchema,
): GeneratedResources {
  const result: GeneratedResources = { resources: [], patterns: [] };
  if (!run) return result;
  // Implicit APIs and shared CodeDeploy resources come from several resources: the first function stands for them.
  const samResources = [...declared].filter(([, resource]) => resource.type?.startsWith('AWS::Serverless::'));
  const fallback =
    samResources.find(([, resource]) => resource.type === 'AWS::Serverless::Function') ?? samResources[0];
  const sourceOf = (id: string | undefined): [string, DeclaredResource] | undefined => {
    const found = id === undefined ? undefined : declared.get(id);
    return found && id !== undefined ? [id, found] : fallback;
  };
  const types = new Map<string, string>();
  const add = (name: string, type: string, sourceId: string | undefined) => {
    const source = sourceOf(sourceId);
    if (!source) return;
    const [sourceName, resource] = source;
    const documentation = documentationOf(schema, resource.type, sourceName, name, type);
    result.resources.push({ name, type, source: sourceName, sourceRange: resource.keyRange, documentation });
  };
  for (const generated of run.generated) {
    types.set(generated.logicalId, generated.type);
    add(generated.logicalId, generated.type, generated.source);
    const hashed = HASHED_TYPES.has(generated.type) ? HASH_SUFFIX.exec(generated.logicalId) : null;
    if (hashed) result.patterns.push(new RegExp(`^${escapeRegExp(hashed[1]!)}[0-9a-fA-F]+$`));
  }
  for (const [name, target] of run.references) {
    const type = types.get(target) ?? declared.get(target)?.type;
    if (type) add(name, type, name.slice(0, name.indexOf('.')));
  }
  for (const logicalId of run.untransformed) {
    result.patterns.push(new RegExp(`^${escapeRegExp(logicalId)}[A-Za-z0-9]*(\\.[A-Za-z0-9]+)?$`));
  }
  // The run stopped before any resource (Globals, the template's structure): the implicit APIs are unknown too.
  if (run.untransformed.size > 0 && run.generated.length === 0) result.patterns.push(/^Serverless[A-Za-z0-9]+$/);
  return result;
}

/** The schema's words for what a SAM type generates (SAM's "generated resources" pages), else a plain sentence. */
function documentationOf(
  schema: TemplateSchema | undefined,
  sourceType: string | undefined,
  sourceName: string,
  name: string,
  type: string,
): string {
  const specs = (sourceType && schema?.resourceType(sourceType)?.generated) || [];
  const spec = specs.find((candidate) => candidate.type === type && namePattern(candidate, sourceName).test(name));
  return spec?.documentation ?? `The \`${type}\` the SAM transform generates.`;
}

/** A spec's reference or logical ID with its placeholders (`{id}`, `{eventId}`, `{StageName}`, `*`) as patterns. */
function namePattern(spec: GeneratedResourceSpec, sourceName: string): RegExp {
  const toPattern = (template: string) =>
    template
      .split(/(\{\w+\}|\*)/)
      .map((part) =>
        part === '{id}' ? escapeRegExp(sourceName) : /^\{\w+\}$|^\*$/.test(part) ? '[A-Za-z0-9]*' : escapeRegExp(part),
      )
      .join('');
  const forms = [spec.reference, ...(spec.logicalId ? [spec.logicalId] : [])].map(toPattern);
  return new RegExp(`^(?:${forms.join('|')})$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
