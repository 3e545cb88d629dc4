import type { TemplateDiagnostic } from '../templateDiagnostic';
import type { SourceRange, TemplateNode } from '../templateTree';
import { readIntrinsic } from './intrinsicFunctions';

/**
 * The rule-specific functions (`Fn::Contains`, `Fn::EachMemberEquals`, `Fn::EachMemberIn`, `Fn::RefAll`,
 * `Fn::ValueOf`, `Fn::ValueOfAll`) are valid in the `Rules` section; anywhere else CloudFormation rejects the
 * template, so they are errors there.
 */
export function validateRuleFunctions(root: TemplateNode | undefined, text: string): TemplateDiagnostic[] {
  const diagnostics: TemplateDiagnostic[] = [];
  if (root?.kind !== 'map') return diagnostics;
  const visit = (node: TemplateNode | undefined): void => {
    if (!node) return;
    const call = readIntrinsic(node);
    if (call?.function.rulesOnly) {
      diagnostics.push({
        range: call.keyNode?.range ?? shortTagRange(text, node.range, call.function.shortTag ?? ''),
        severity: 'error',
        code: 'rule-function-outside-rules',
        message: `${call.function.name} is a rule function: CloudFormation accepts it only in the Rules section.`,
      });
    }
    if (node.kind === 'map') for (const pair of node.pairs) visit(pair.value);
    else if (node.kind === 'seq') for (const item of node.items) visit(item);
  };
  for (const section of root.pairs) {
    if (section.key.value !== 'Rules') visit(section.value);
  }
  return diagnostics;
}

/** The tree keeps the tagged value's range; the tag is written just before it. */
function shortTagRange(text: string, valueRange: SourceRange, tag: string): SourceRange {
  const found = tag ? text.lastIndexOf(tag, valueRange.start) : -1;
  return found >= 0 && found >= valueRange.start - 200
    ? { start: found, end: found + tag.length }
    : { start: valueRange.start, end: valueRange.start };
}
