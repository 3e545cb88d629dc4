// One run of the SAM transform per template text, shared by the two things the editor needs from it: `lint`'s
// diagnostics (the translator's errors) and the names SAM generates (IntelliSense: completion, hover, references).
// The run goes on past a failing resource, so the resources that do transform still name what they generate.
import { describeError } from '../../errors';
import { isObject, type JsonObject } from '../../sam/intrinsics';
import { withLocalArtifactPlaceholders } from '../../sam/localArtifacts';
import { SamTransformError, type SamTransformProblem } from '../../sam/samTransformError';
import { transformSamTemplate, type SamTransformOptions } from '../../sam/transformSamTemplate';
import { templateNodeToJson, type JsonValue } from '../templateJson';
import { isKnownTransformGap } from './samTransformGaps';
import type { TemplateDocument } from './templateDocument';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** A resource the transform created, and the SAM resource it came from (undefined: shared by several). */
export interface SamGeneratedId {
  logicalId: string;
  type: string;
  source: string | undefined;
}

/** What one run of the transform on a template found. */
export interface SamTransformRun {
  /** The translator's errors (known gaps of ours left out); empty when the template transforms. */
  problems: SamTransformProblem[];
  /** Set when the transform failed on a fault of ours, not the template's: nothing to show the user. */
  internalFailure?: { message: string; stack?: string };
  /** Resources the transform created that the template does not declare, in order. */
  generated: SamGeneratedId[];
  /** `MyFunction.Alias`, `MyApi.Stage`...: the logical ID each SAM reference stands for. */
  references: Map<string, string>;
  /** SAM resources that did not transform (their problem, or the run failed before them). */
  untransformed: Set<string>;
}

/** How to run: the transform (tests give one that fails) and where runs are kept. */
export interface SamTransformRunOptions {
  transform?: (template: JsonValue, options: SamTransformOptions) => unknown;
  cache?: SamTransformCache;
}

/**
 * The runs of recent templates, keyed by their content (the template as JSON: whitespace, comments, quoting and
 * key style do not change what SAM sees, and problems are located by property path on the text being shown):
 * validation runs again for the same content when a file beside the template changes, when an edit is undone or only
 * touches a comment, and for every file of a `lint` run that repeats one; IntelliSense asks for the names of the
 * content validation just transformed.
 */
export class SamTransformCache {
  private readonly entries = new Map<string, SamTransformRun>();
  private readonly loggedFailures = new Set<string>();

  constructor(private readonly capacity = 8) {}

  get(key: string): SamTransformRun | undefined {
    const found = this.entries.get(key);
    if (found) {
      // Most recently used last, so the oldest is the first to go.
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  /** True when a run of this content is kept (without making it the most recently used). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, run: SamTransformRun): void {
    this.entries.set(key, run);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** True the first time a failure is seen: an internal error is logged once, not on every keystroke. */
  firstFailure(message: string): boolean {
    if (this.loggedFailures.has(message)) return false;
    this.loggedFailures.add(message);
    return true;
  }
}

/** The cache runs go to unless a caller keeps its own. */
export const sharedSamTransformCache = new SamTransformCache();

/** The template as the transform sees it, and its cache key, once per snapshot. */
interface TransformInput {
  json: JsonValue;
  key: string;
}
const inputs = new WeakMap<TemplateDocument, TransformInput>();
/** The run each snapshot got (or the latest earlier snapshot's, see `latestSamTransformRun`). */
const recordedRuns = new WeakMap<TemplateDocument, SamTransformRun>();

function transformInput(document: TemplateDocument): TransformInput {
  let input = inputs.get(document);
  if (!input) {
    const json = templateNodeToJson(document.parsed.root);
    input = { json, key: JSON.stringify(json) };
    inputs.set(document, input);
  }
  return input;
}

function asksForSamTransform(document: TemplateDocument): boolean {
  return document.parsed.root !== undefined && document.symbols.transforms.includes(SAM_TRANSFORM);
}

/**
 * The transform's run on the document's template, or undefined when the template does not ask for the SAM
 * transform. `Fn::ForEach` entries (AWS::LanguageExtensions) are left out: their resources exist only after that
 * transform, and the rest still tells what SAM generates.
 */
export function samTransformRun(
  document: TemplateDocument,
  options: SamTransformRunOptions = {},
): SamTransformRun | undefined {
  if (!asksForSamTransform(document)) return undefined;
  const cache = options.cache ?? sharedSamTransformCache;
  const { json, key } = transformInput(document);
  let run = cache.get(key);
  if (!run) {
    run = runTransform(json, options.transform ?? transformSamTemplate);
    cache.set(key, run);
  }
  recordedRuns.set(document, run);
  return run;
}

/** True when asking for the document's run costs nothing: it is kept, or the template has no SAM transform. */
export function isSamTransformRunReady(document: TemplateDocument, cache = sharedSamTransformCache): boolean {
  if (recordedRuns.has(document) || !asksForSamTransform(document)) return true;
  return cache.has(transformInput(document).key);
}

/**
 * The run of this snapshot if there is one, else the latest run of an earlier snapshot of the same document (what
 * the editor shows while typing, until the transform runs on the new text off the keystroke path); undefined when
 * no run was ever made.
 */
export function latestSamTransformRun(document: TemplateDocument): SamTransformRun | undefined {
  return recordedRuns.get(document) ?? document.earlierSamTransformRun;
}

/** What a new snapshot inherits from the one it was edited from. */
export function recordedSamTransformRun(document: TemplateDocument): SamTransformRun | undefined {
  return recordedRuns.get(document);
}

function runTransform(
  json: JsonValue,
  transform: (template: JsonValue, options: SamTransformOptions) => unknown,
): SamTransformRun {
  const run: SamTransformRun = { problems: [], generated: [], references: new Map(), untransformed: new Set() };
  if (!isObject(json)) return run;
  const template = withoutLoops(json);
  const declared = isObject(template.Resources) ? template.Resources : {};
  const generatedTypes = new Map<string, string>();
  const transformed = new Set<string>();
  try {
    transform(withLocalArtifactPlaceholders(template).template, {
      observer: {
        transformed: (source, resources) => {
          if (source) transformed.add(source);
          for (const [logicalId, resource] of Object.entries(resources)) {
            if (declared[logicalId] !== undefined || typeof resource.Type !== 'string') continue;
            generatedTypes.set(logicalId, resource.Type);
            run.generated.push({ logicalId, type: resource.Type, source });
          }
        },
        references: (references) => {
          for (const [name, value] of references) {
            const target = referenceTarget(value);
            if (target) run.references.set(name, target);
          }
        },
      },
    });
  } catch (error) {
    if (error instanceof SamTransformError) {
      run.problems = error.problems.filter((problem) => !isKnownTransformGap(problem, json));
    } else {
      run.internalFailure = {
        message: describeError(error),
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      };
    }
  }
  for (const [logicalId, resource] of Object.entries(declared)) {
    const type = isObject(resource) ? resource.Type : undefined;
    if (typeof type === 'string' && type.startsWith('AWS::Serverless::') && !transformed.has(logicalId))
      run.untransformed.add(logicalId);
  }
  return run;
}

function withoutLoops(template: JsonObject): JsonObject {
  const resources = template.Resources;
  if (!isObject(resources) || !Object.keys(resources).some((key) => key.startsWith('Fn::ForEach::'))) return template;
  const kept = Object.fromEntries(Object.entries(resources).filter(([key]) => !key.startsWith('Fn::ForEach::')));
  return { ...template, Resources: kept };
}

/** `{ Ref: X }` or `{ Fn::GetAtt: [X, ...] }`: X. */
function referenceTarget(value: JsonValue): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}
