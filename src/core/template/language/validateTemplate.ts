import { describeError } from '../../errors';
import { silentLogger, type Logger } from '../../logger';
import { SHORT_FORM_TAGS, type ParsedTemplate, type TemplateProblem } from '../parseTemplate';
import type { TemplateDiagnostic } from '../templateDiagnostic';
import type { TemplateSchema } from '../schema/templateSchema';
import { validateWithSchema } from '../schema/validateWithSchema';
import { closestName } from '../closestName';
import type { TemplateDocument } from './templateDocument';
import { validateDependsOn } from './validateDependsOn';
import { validateLiteralReferences } from './validateLiteralReferences';
import { validateReferences } from './validateReferences';
import { validateRuleFunctions } from './validateRuleFunctions';
import { samTransformRun } from './samTransformRun';
import { mergeTransformDiagnostics, validateSamTransform, type SamTransformCache } from './validateSamTransform';

/** The schema's structural check: unknown properties, wrong types, missing required ones, values not allowed. */
export type SchemaValidator = (parsed: ParsedTemplate, schema: TemplateSchema) => TemplateDiagnostic[];

/** What template validation needs besides the document. */
export interface ValidationOptions {
  /** Defaults to the document's schema. */
  schema?: TemplateSchema;
  /** Defaults to the schema module's `validateWithSchema`. */
  validateWithSchema?: SchemaValidator;
  /** The moment runtime deprecation is judged at (tests pin it). */
  now?: Date;
  logger?: Logger;
  /** Where the SAM transform's results are kept by content (defaults to one shared cache). */
  samTransformCache?: SamTransformCache;
  /**
   * The editor's keystroke path: do not run the SAM transform on a text it has not seen; its problems are the latest
   * earlier run's, and references to SAM's names use the earlier names (see `isSamTransformRunReady`: the caller
   * validates again once the transform ran).
   */
  deferSamTransform?: boolean;
}

/**
 * All diagnostics that need only the template: syntax and duplicate keys, the schema's checks, and references
 * (unresolved Ref/GetAtt/`${}`/conditions/mappings, invalid attributes, circular DependsOn, unused parameters),
 * and, for SAM templates, the SAM transform's errors (one diagnostic per fault). Sorted by position. Never throws: a failing check is logged and reported as one diagnostic.
 */
export function validateTemplate(document: TemplateDocument, options: ValidationOptions = {}): TemplateDiagnostic[] {
  const logger = options.logger ?? silentLogger;
  const diagnostics = document.parsed.problems.map((problem) => problemToDiagnostic(document.text, problem));
  if (!document.parsed.root) return diagnostics;
  const run = (name: string, check: () => TemplateDiagnostic[]) => {
    try {
      diagnostics.push(...check());
    } catch (error) {
      logger.error(`template check '${name}' failed: ${describeError(error)}`);
      diagnostics.push({
        range: { start: 0, end: 0 },
        severity: 'warning',
        code: 'internal-error',
        message: `The ${name} check failed on this template: ${describeError(error)}`,
      });
    }
  };
  const schema = options.schema ?? document.schema;
  const validate: SchemaValidator =
    options.validateWithSchema ??
    ((parsed, against) => validateWithSchema(parsed, against, options.now ? { now: options.now } : {}));
  if (schema) run('schema', () => validate(document.parsed, schema));
  // References to what SAM generates are checked against this very text's transform (an edited snapshot may still
  // answer with the names of the one before it, for completion's sake).
  if (!options.deferSamTransform)
    run('SAM transform', () => {
      samTransformRun(document, options.samTransformCache ? { cache: options.samTransformCache } : {});
      return [];
    });
  run('reference', () =>
    softenWhereMacrosRun(document, validateReferences(document.symbols, document.references, schema)),
  );
  run('DependsOn', () => validateDependsOn(document.references));
  run('literal reference', () => validateLiteralReferences(document.parsed.root, document.symbols, schema));
  run('rule function', () => validateRuleFunctions(document.parsed.root, document.text));
  run('SAM transform', () =>
    validateSamTransform(document, {
      logger,
      ...(options.samTransformCache ? { cache: options.samTransformCache } : {}),
      ...(options.deferSamTransform ? { deferred: true } : {}),
    }),
  );
  return sortDiagnostics(mergeTransformDiagnostics(document.text, diagnostics));
}

// The transforms whose output the engine knows; any other (a macro, AWS::Include) may add names of its own.
const KNOWN_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);

/** With macros in play, a name that does not resolve may come from the macro: a warning, not an error. */
function softenWhereMacrosRun(document: TemplateDocument, diagnostics: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const macros =
    document.symbols.transforms.some((transform) => !KNOWN_TRANSFORMS.has(transform)) ||
    /(?:Fn::|!)Transform\b/.test(document.text);
  if (!macros) return diagnostics;
  return diagnostics.map((diagnostic) =>
    diagnostic.severity === 'error' &&
    (diagnostic.code.startsWith('unresolved-') || diagnostic.code === 'invalid-attribute')
      ? {
          ...diagnostic,
          severity: 'warning',
          message: `${diagnostic.message} (The template runs macros, which may define it.)`,
        }
      : diagnostic,
  );
}

/** Orders diagnostics by position, then severity, for stable output. */
export function sortDiagnostics(diagnostics: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const rank = { error: 0, warning: 1, information: 2, hint: 3 };
  return diagnostics.sort(
    (left, right) =>
      left.range.start - right.range.start ||
      left.range.end - right.range.end ||
      rank[left.severity] - rank[right.severity],
  );
}

const QUOTED_OR_PLAIN_KEY = /^(?:"[^"\n]*"|'[^'\n]*'|[^:\n]*?)(?=\s*:(?:\s|$))/;

function problemToDiagnostic(text: string, problem: TemplateProblem): TemplateDiagnostic {
  if (problem.code === 'DUPLICATE_KEY') {
    // The parser marks only the key's first character; the whole key is the offending range.
    const key = QUOTED_OR_PLAIN_KEY.exec(text.slice(problem.range.start, problem.range.start + 1024))?.[0] ?? '';
    const end = Math.max(problem.range.end, problem.range.start + key.trimEnd().length);
    const name = key.trim().replace(/^["']|["']$/g, '');
    return {
      range: { start: problem.range.start, end },
      severity: 'error',
      code: 'duplicate-key',
      message: name ? `Duplicate key '${name}': keys in a map must be unique.` : 'Keys in a map must be unique.',
    };
  }
  if (problem.code === 'TAG_RESOLVE_FAILED') {
    const tag = /(![A-Za-z0-9:]+)/.exec(problem.message)?.[1] ?? '';
    const suggestion = closestName(tag, SHORT_FORM_TAGS);
    return {
      range: tagRange(text, problem, tag),
      severity: 'error',
      code: 'unknown-tag',
      message: `Unknown tag '${tag}': CloudFormation does not define it.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
    };
  }
  const known = ['alias-bomb', 'too-large', 'binary', 'too-deep'];
  return {
    range: problem.range,
    severity: problem.severity,
    code: known.includes(problem.code) ? problem.code : 'syntax',
    message: problem.message,
  };
}

function tagRange(text: string, problem: TemplateProblem, tag: string): TemplateProblem['range'] {
  const found = tag ? text.lastIndexOf(tag, problem.range.start + tag.length) : -1;
  return found >= 0 && found >= problem.range.start - 200 ? { start: found, end: found + tag.length } : problem.range;
}
