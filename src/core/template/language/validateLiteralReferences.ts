import type { TemplateDiagnostic } from '../templateDiagnostic';
import type { TemplateNode } from '../templateTree';
import { attributesOf } from './completeReferences';
import { readIntrinsic } from './intrinsicFunctions';
import type { TemplateSymbols } from './templateSymbols';
import type { TemplateSchema } from '../schema/templateSchema';

/**
 * Warns about plain strings that spell a resource attribute (`Resource: MyQueue.Arn`): a forgotten `!GetAtt`
 * that deploys the literal text. Only exact `LogicalId.Attribute` matches of the template's own resources count.
 */
export function validateLiteralReferences(
  root: TemplateNode | undefined,
  symbols: TemplateSymbols,
  schema: TemplateSchema | undefined,
): TemplateDiagnostic[] {
  const diagnostics: TemplateDiagnostic[] = [];
  if (root?.kind !== 'map' || symbols.resources.size === 0) return diagnostics;
  const visit = (node: TemplateNode | undefined) => {
    if (!node || readIntrinsic(node)) return;
    if (node.kind === 'map') for (const pair of node.pairs) visit(pair.value);
    else if (node.kind === 'seq') for (const item of node.items) visit(item);
    else if (typeof node.value === 'string' && !node.tag) check(node.value, node);
  };
  const check = (value: string, node: TemplateNode) => {
    const match = /^([A-Za-z0-9]+)\.([A-Za-z0-9.]+)$/.exec(value);
    if (!match || !symbols.resources.has(match[1]!)) return;
    const attributes = attributesOf(symbols, schema, match[1]!);
    if (schema && !attributes.some((attribute) => attribute.name === match[2])) return;
    diagnostics.push({
      range: node.range,
      severity: 'warning',
      code: 'literal-reference',
      message: `'${value}' is a plain string, deployed as written. To use ${match[1]}'s ${match[2]}, write !GetAtt ${value}.`,
    });
  };
  for (const section of root.pairs) {
    if (section.key.value !== 'Resources' && section.key.value !== 'Outputs') continue;
    if (section.value?.kind !== 'map') continue;
    for (const entry of section.value.pairs) {
      visit(
        section.key.value === 'Resources' ? entryValue(entry.value, 'Properties') : entryValue(entry.value, 'Value'),
      );
    }
  }
  return diagnostics;
}

function entryValue(entry: TemplateNode | undefined, key: string): TemplateNode | undefined {
  return entry?.kind === 'map' ? entry.pairs.find((pair) => pair.key.value === key)?.value : undefined;
}
