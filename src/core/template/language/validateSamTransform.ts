// `lint` on the SAM transform: a template that asks for AWS::Serverless-2016-10-31 runs through our transform
// (src/core/sam) as `sam validate` runs AWS's translator, and each translator error becomes a diagnostic at the
// property that causes it (cfn-lint puts them all on line 1). The transform can only be wrong where its coverage is
// incomplete, so lint never turns an unexpected exception or a known gap into an error.
import { silentLogger, type Logger } from '../../logger';
import { isObject } from '../../sam/intrinsics';
import type { SamTransformError, SamTransformProblem } from '../../sam/samTransformError';
import type { TemplateDiagnostic } from '../templateDiagnostic';
import { nodeAtPath, templateNodeToJson } from '../templateJson';
import type { SourceRange, TemplateNode } from '../templateTree';
import {
  isSamTransformRunReady,
  latestSamTransformRun,
  samTransformRun,
  sharedSamTransformCache,
  type SamTransformRun,
  type SamTransformRunOptions,
} from './samTransformRun';
import { isKnownTransformGap } from './samTransformGaps';
import { TemplateDocument } from './templateDocument';

/** The diagnostic code of a translator error. */
export const SAM_TRANSFORM_CODE = 'sam-transform';

export { SamTransformCache } from './samTransformRun';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
/** Transforms whose effect the SAM transform tolerates; any other (a macro) may rewrite what SAM sees. */
const COMPATIBLE_TRANSFORMS = new Set([SAM_TRANSFORM, 'AWS::LanguageExtensions']);

/** True when the template asks for the SAM transform and nothing else that could change what SAM sees. */
export function runsSamTransform(document: TemplateDocument): boolean {
  const transforms = document.symbols.transforms;
  if (!transforms.includes(SAM_TRANSFORM)) return false;
  if (transforms.some((transform) => !COMPATIBLE_TRANSFORMS.has(transform))) return false;
  // Fn::ForEach (AWS::LanguageExtensions) makes resources that exist only after that transform ran.
  return !(transforms.includes('AWS::LanguageExtensions') && /Fn::ForEach/.test(document.text));
}

/** How `validateSamTransform` runs. */
export interface SamTransformValidationOptions extends SamTransformRunOptions {
  logger?: Logger;
  /**
   * The editor's keystroke path: when this text has not been transformed yet, show the problems of the latest
   * earlier run (located on this text by their property paths) instead of transforming now; the editor transforms
   * the text after the fast diagnostics are shown.
   */
  deferred?: boolean;
}

/** The translator's errors for a SAM template, one diagnostic each, at the property that causes it. */
export function validateSamTransform(
  document: TemplateDocument,
  options: SamTransformValidationOptions = {},
): TemplateDiagnostic[] {
  const root = document.parsed.root;
  if (!root || !runsSamTransform(document)) return [];
  const run =
    options.deferred && !isSamTransformRunReady(document, options.cache)
      ? latestSamTransformRun(document)
      : samTransformRun(document, options);
  if (!run) return [];
  const known = runDiagnostics.get(document);
  if (known?.run === run) return known.diagnostics;
  let diagnostics: TemplateDiagnostic[] = [];
  const failure = run.internalFailure;
  if (failure) {
    // A bug of ours, not a fault of the template: nothing to show the user.
    const cache = options.cache ?? sharedSamTransformCache;
    if (cache.firstFailure(failure.message)) {
      const logger = options.logger ?? silentLogger;
      logger.warn(`SAM transform failed internally (no diagnostic shown): ${failure.message}`);
      if (failure.stack) logger.debug(failure.stack);
    }
  } else {
    diagnostics = run.problems.map((problem) => problemToDiagnostic(document, root, problem));
  }
  runDiagnostics.set(document, { run, diagnostics });
  return diagnostics;
}

/** The diagnostics of each snapshot's run, so the same text gives the same diagnostics (and is located once). */
const runDiagnostics = new WeakMap<TemplateDocument, { run: SamTransformRun; diagnostics: TemplateDiagnostic[] }>();

/**
 * The text each transform diagnostic is about (its property, key to end of value: where its twins may be), and
 * whether it marks a value (another check's error on the very same value is the same fault).
 */
const problemScopes = new WeakMap<TemplateDiagnostic, { scope: SourceRange; onValue: boolean }>();

function problemToDiagnostic(
  document: TemplateDocument,
  root: TemplateNode,
  problem: SamTransformProblem,
): TemplateDiagnostic {
  const { range, scope, onValue } = problemRange(document, root, problem);
  const diagnostic: TemplateDiagnostic = {
    range,
    severity: 'error',
    code: SAM_TRANSFORM_CODE,
    message: problem.message,
  };
  problemScopes.set(diagnostic, { scope, onValue });
  return diagnostic;
}

/** Where the editor and `lint` show a transform problem (for tools that report SamTransformError themselves). */
export function locateTransformProblem(document: TemplateDocument, problem: SamTransformProblem): SourceRange {
  const root = document.parsed.root;
  return root ? problemRange(document, root, problem).range : { start: 0, end: 0 };
}

/** A refusal as the transform's readers show it (`serverless-workbench transform`, Show Transformed Template). */
export interface TransformRefusal {
  /** `file:line:column: message` for each problem, at the place `lint` shows it. */
  located: string[];
  /** True when every problem is a known gap of our transform: AWS's translator accepts the template. */
  ourGap: boolean;
}

/** Places each problem of a refused template (`text`, shown as `file`) at its line. */
export function describeTransformRefusal(text: string, file: string, error: SamTransformError): TransformRefusal {
  const document = TemplateDocument.parse(text);
  const json = templateNodeToJson(document.parsed.root);
  const located = error.problems.map((problem) => {
    const position = document.lines.positionAt(locateTransformProblem(document, problem).start);
    return `${file}:${position.line + 1}:${position.character + 1}: ${problem.message}`;
  });
  const ourGap = isObject(json) && error.problems.every((problem) => isKnownTransformGap(problem, json));
  return { located, ourGap };
}

/**
 * Where a problem shows: a scalar value the path names exactly; else the key of the deepest property the path
 * reaches (a map, a list, or the parent of a missing property); else the resource's logical ID; else `Transform`.
 */
function problemRange(
  document: TemplateDocument,
  root: TemplateNode,
  problem: SamTransformProblem,
): { range: SourceRange; scope: SourceRange; onValue: boolean } {
  const found = problem.path.length > 0 ? nodeAtPath(root, problem.path) : undefined;
  if (found && found.depth > 0) {
    const scope = { start: found.keyRange?.start ?? found.node.range.start, end: found.node.range.end };
    const exact = found.depth === problem.path.length;
    if (exact && found.node.kind === 'scalar' && found.node.range.end > found.node.range.start) {
      return { range: found.node.range, scope, onValue: true };
    }
    if (found.keyRange) return { range: found.keyRange, scope, onValue: false };
    // A list item: its first key (`- SQSPollerPolicy:`), or its first line.
    const firstKey = found.node.kind === 'map' ? found.node.pairs[0]?.key.range : undefined;
    return { range: firstKey ?? firstLine(document.text, found.node.range), scope, onValue: false };
  }
  const resource = problem.logicalId ? document.symbols.resources.get(problem.logicalId) : undefined;
  if (resource) return { range: resource.keyRange, scope: resource.node?.range ?? resource.keyRange, onValue: false };
  const transform = root.kind === 'map' ? root.pairs.find((pair) => pair.key.value === 'Transform') : undefined;
  const range = transform?.key.range ?? { start: 0, end: 0 };
  return { range, scope: range, onValue: false };
}

/** A node's range cut at its first line end, so a list item that is a whole map does not underline its block. */
function firstLine(text: string, range: SourceRange): SourceRange {
  const lineEnd = text.indexOf('\n', range.start);
  return { start: range.start, end: lineEnd >= 0 && lineEnd < range.end ? lineEnd : range.end };
}

/**
 * One diagnostic per fault: when another check found the same fault (an error inside the property the translator
 * names, about the same properties: the schema's `missing-required-property`, `mutually-exclusive-properties`...),
 * that diagnostic stays, as it marks the exact key or value and names what is expected, and the translator's words
 * (what a deployment would answer) join it as related information. A different fault at the same place shows twice.
 */
export function mergeTransformDiagnostics(text: string, diagnostics: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const transform = diagnostics.filter((diagnostic) => diagnostic.code === SAM_TRANSFORM_CODE);
  if (transform.length === 0) return diagnostics;
  const others = diagnostics.filter((diagnostic) => diagnostic.code !== SAM_TRANSFORM_CODE);
  const kept: TemplateDiagnostic[] = [];
  // Other checks may hand out diagnostics they keep: related information goes on copies.
  const joined = new Map<TemplateDiagnostic, NonNullable<TemplateDiagnostic['related']>>();
  for (const problem of transform) {
    const { scope, onValue } = problemScopes.get(problem) ?? { scope: problem.range, onValue: false };
    const twin = others.find(
      (other) =>
        other.severity === 'error' &&
        other.range.start >= scope.start &&
        other.range.end <= scope.end &&
        ((onValue && sameRange(other.range, problem.range)) || namesSameProperties(other, problem.message, text)),
    );
    if (!twin) {
      kept.push(problem);
      continue;
    }
    const related = joined.get(twin) ?? [...(twin.related ?? [])];
    related.push({ range: problem.range, message: `AWS SAM: ${problem.message}` });
    joined.set(twin, related);
  }
  const merged = others.map((other) => {
    const related = joined.get(other);
    return related ? { ...other, related } : other;
  });
  return [...merged, ...kept];
}

function sameRange(left: SourceRange, right: SourceRange): boolean {
  return left.start === right.start && left.end === right.end;
}

/**
 * True when every name the other check's message quotes ('Handler'; in "'SNS' is not an allowed value. Did you mean
 * 'SQS'?" the suggestion, not the offending value itself) is a word of the translator's message.
 */
function namesSameProperties(other: TemplateDiagnostic, transformMessage: string, text: string): boolean {
  const offending = text.slice(other.range.start, other.range.end).replace(/^["']|["']$/g, '');
  const quoted = [...other.message.matchAll(/'([A-Za-z][A-Za-z0-9]*)'/g)]
    .map((match) => match[1]!)
    .filter((name) => name !== offending);
  if (quoted.length === 0) return false;
  const words = new Set(transformMessage.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []);
  return quoted.every((name) => words.has(name.toLowerCase()));
}
