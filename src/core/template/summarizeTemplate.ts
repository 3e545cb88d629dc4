import { isTemplateText } from './isTemplateText';
import { LineIndex, type LinePosition } from './lineIndex';
import { parseTemplate } from './parseTemplate';
import { listFunctions } from './templateResources';
import { getMapValue, scalarString } from './templateTree';

/** A function as the explorer shows it. */
export interface FunctionSummary {
  logicalId: string;
  type: string;
  runtime: string | undefined;
  handler: string | undefined;
  /** Where the logical ID is written: its start and end. */
  position: LinePosition;
  endPosition: LinePosition;
}

/** What a file holds, from the explorer's point of view. */
export type TemplateSummary =
  | { kind: 'not-a-template' }
  | {
      kind: 'template';
      functions: FunctionSummary[];
      syntaxError: { message: string; position: LinePosition } | undefined;
    };

/** Decides whether the text is a template and, if so, lists its functions. Never throws. */
export function summarizeTemplate(text: string): TemplateSummary {
  if (!isTemplateText(text)) return { kind: 'not-a-template' };
  const parsed = parseTemplate(text);
  const lines = new LineIndex(text);
  const globalRuntime = scalarString(
    getMapValue(getMapValue(getMapValue(parsed.root, 'Globals'), 'Function'), 'Runtime'),
  );
  const functions = listFunctions(parsed).map((resource) => {
    const properties = getMapValue(resource.node, 'Properties');
    return {
      logicalId: resource.logicalId,
      type: resource.type ?? '',
      runtime: scalarString(getMapValue(properties, 'Runtime')) ?? globalRuntime,
      handler: scalarString(getMapValue(properties, 'Handler')),
      position: lines.positionAt(resource.keyRange.start),
      endPosition: lines.positionAt(resource.keyRange.end),
    };
  });
  const firstError = parsed.problems.find((problem) => problem.severity === 'error');
  return {
    kind: 'template',
    functions,
    syntaxError: firstError && { message: firstError.message, position: lines.positionAt(firstError.range.start) },
  };
}
