// Our template engine on one workload, as the editor drives it (see src/features/intellisense): one snapshot per
// document updated incrementally on each edit, completion from the last parse and the text just typed.
import { join } from 'node:path';
import { completeTemplate } from '../src/core/template/language/completeTemplate';
import { hoverTemplate } from '../src/core/template/language/hoverTemplate';
import { TemplateDocument } from '../src/core/template/language/templateDocument';
import { validateTemplate } from '../src/core/template/language/validateTemplate';
import { SamTransformCache, validateSamTransform } from '../src/core/template/language/validateSamTransform';
import { loadTemplateSchema } from '../src/core/template/schema/loadTemplateSchema';
import { validateWithSchema } from '../src/core/template/schema/validateWithSchema';
import type { TemplateDiagnostic } from '../src/core/template/templateDiagnostic';
import { repoRoot } from '../scripts/codeServerPaths.mjs';
import { measure, type EngineFigures, type IntelliSenseWorkload } from './intellisenseWorkload';

function validate(document: TemplateDocument, deferSamTransform = false): TemplateDiagnostic[] {
  return validateTemplate(document, {
    validateWithSchema: (parsed, schema) => validateWithSchema(parsed, schema),
    deferSamTransform,
  });
}

export async function measureOurEngine(
  workload: IntelliSenseWorkload,
  runs: number,
): Promise<Omit<EngineFigures, 'rssMb' | 'heapUsedMb'>> {
  let document: TemplateDocument | undefined;
  let diagnostics: TemplateDiagnostic[] = [];
  const cold = await measure(1, () => {
    const schema = loadTemplateSchema({ schemaPath: join(repoRoot, 'schemas', 'template.schema.json') });
    document = TemplateDocument.parse(workload.text, schema);
    diagnostics = validate(document);
  });
  if (!document) throw new Error(`our engine failed on the first validation: ${cold.error}`);
  const base = document;
  const first = await measure(runs, () => validate(TemplateDocument.parse(workload.text, base.schema)));
  // As the editor validates after a keystroke (src/features/intellisense/templateDiagnostics.ts): the fast pass,
  // with the SAM transform deferred (its problems are the earlier run's, located on the new text).
  let snapshot = base;
  const revalidate = await measure(runs, (run) => {
    snapshot = snapshot.update(workload.editedText(run + 1));
    validate(snapshot, true);
  });
  // The pass the editor runs after it, off the keystroke path, when the user stops typing: the transform on the new
  // content (every edit makes content the cache has not seen) and the diagnostics again with its results.
  let edited = base;
  const revalidateTransform = await measure(runs, (run) => {
    edited = edited.update(workload.editedText(run + 1));
    validate(edited, true);
    const started = performance.now();
    validate(edited);
    return { measuredMs: performance.now() - started };
  });
  // Of which the transform itself (lint on it, with a fresh cache).
  let transformed = base;
  const transformOnly = await measure(runs, (run) => {
    transformed = transformed.update(workload.editedText(run + 1));
    const started = performance.now();
    validateSamTransform(transformed, { cache: new SamTransformCache() });
    return { measuredMs: performance.now() - started };
  });
  let labels: string[] = [];
  const complete = await measure(runs, async () => {
    const result = await completeTemplate({
      document: base,
      text: workload.typing.text,
      offset: workload.typing.offset,
    });
    labels = result.items.map((item) => item.label);
  });
  const completeAfterReparse = await measure(runs, () =>
    completeTemplate({ document: base.update(workload.typing.text), offset: workload.typing.offset }),
  );
  // A Ref target right after an edit, before validation transformed the new text: SAM's names are the snapshot
  // before's (a keystroke never waits for a transform).
  let refSnapshot = base;
  let refLabels: string[] = [];
  const completeRefAfterEdit = await measure(runs, async (run) => {
    refSnapshot = refSnapshot.update(workload.editedText(run + 1));
    const result = await completeTemplate({ document: refSnapshot, offset: workload.refOffset });
    refLabels = result.items.map((item) => item.label);
  });
  if (!refLabels.some((label) => /^Item\d+FunctionRole$/.test(label)))
    throw new Error(`!Ref completion lists no generated role: ${refLabels.slice(0, 20).join(', ')}`);
  let hoverFound = false;
  const hover = await measure(runs, () => (hoverFound = hoverTemplate(base, workload.hoverOffset) !== undefined));
  const problems = diagnostics.filter(
    (diagnostic) => diagnostic.severity === 'error' || diagnostic.severity === 'warning',
  );
  return {
    engine: 'ours',
    lines: workload.lines,
    operations: {
      cold,
      first,
      revalidate,
      revalidateTransform,
      transformOnly,
      complete,
      completeAfterReparse,
      completeRefAfterEdit,
      hover,
    },
    falseProblems: problems.length,
    falseErrors: problems.filter((diagnostic) => diagnostic.severity === 'error').length,
    falseProblemSamples: problems.slice(0, 5).map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`),
    completionOffersDelaySeconds: labels.includes('DelaySeconds'),
    hoverFound,
  };
}
