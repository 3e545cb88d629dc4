// Completion at schema positions delegates to the schema module (src/core/template/schema/schemaCompletions.ts)
// and adapts its candidates: replace ranges from the cursor context, keys already typed (the tree may not have them
// yet), `Key: value` lines where only the key is missing, and a fuzzy ranking of the 1,800 resource types.
import {
  completePropertiesAtPath,
  completeResourceTypes,
  completeValuesAtPath,
  resolveResourceTypeCandidate,
  type CompletionCandidate,
} from '../schema/schemaCompletions';
import type { TemplateSchema } from '../schema/templateSchema';
import type { TemplateNode } from '../templateTree';
import { snippetText, yamlScalarText, type CompletionItem, type CompletionResult } from './completionItem';
import type { CursorContext } from './cursorContext';
import { fuzzyScore } from './fuzzyMatch';
import { INTRINSIC_FUNCTIONS } from './intrinsicFunctions';

/** What schema-driven completion needs. */
export interface SchemaCompletionInput {
  context: CursorContext;
  root: TemplateNode | undefined;
  schema: TemplateSchema;
  format: 'yaml' | 'json';
  text: string;
}

const MAX_RESOURCE_TYPES = 100;
const DOCUMENTED_RESOURCE_TYPES = 20;

function toItem(
  candidate: CompletionCandidate,
  input: SchemaCompletionInput,
  kind: CompletionItem['kind'],
): CompletionItem {
  const item: CompletionItem = {
    label: candidate.label,
    kind,
    detail: candidate.detail,
    insertText: candidate.snippet ?? snippetText(candidate.insertText),
    format: 'snippet',
    range: input.context.replaceRange,
    sortText: candidate.sortText,
  };
  if (candidate.documentation) item.documentation = candidate.documentation;
  return item;
}

/** Property names for the object at the cursor: required first, with snippets for their structure. */
export function propertyKeyItems(input: SchemaCompletionInput, path = input.context.path): CompletionItem[] {
  const { context, format } = input;
  const present = new Set(context.siblingKeys);
  return completePropertiesAtPath(input.root, input.schema, path, { format })
    .filter((candidate) => !present.has(candidate.label))
    .map((candidate) => {
      const item = toItem(candidate, input, candidate.kind === 'property' ? 'property' : 'section');
      if (format === 'yaml' && context.colonFollows) item.insertText = snippetText(candidate.label);
      if (format === 'json' && context.quote) {
        // Replace the quotes too, so the inserted `"Name": ...` is whole.
        const range = context.replaceRange;
        item.range = { start: range.start - 1, end: input.text[range.end] === '"' ? range.end + 1 : range.end };
      }
      return item;
    });
}

/** Allowed and suggested values at the cursor (runtimes, event types, deployment types, booleans...). */
export function propertyValueItems(input: SchemaCompletionInput, path = input.context.path): CompletionItem[] {
  return completeValuesAtPath(input.root, input.schema, path, { format: input.format }).map((candidate) => {
    const item = toItem(candidate, input, 'value');
    item.insertText = snippetText(valueText(input, candidate.insertText));
    return item;
  });
}

function valueText(input: SchemaCompletionInput, value: string): string {
  const literal = value === 'true' || value === 'false';
  if (input.context.quote) return value;
  if (input.format === 'json') return literal ? value : JSON.stringify(value);
  return literal ? value : yamlScalarText(value);
}

/**
 * Resource types ranked by a fuzzy match on what is typed (`lambdafunc`, `sqsq`); the best matches carry their
 * documentation and, when the resource has no Properties yet, a snippet opening Properties with required ones.
 */
export function resourceTypeItems(input: SchemaCompletionInput, withProperties: boolean): CompletionResult {
  const query = input.context.prefix;
  const ranked = completeResourceTypes(input.schema, { format: input.format })
    .map((candidate) => ({ candidate, score: fuzzyScore(query, candidate.label) }))
    .filter((entry): entry is { candidate: CompletionCandidate; score: number } => entry.score !== undefined)
    .sort((left, right) => right.score - left.score || left.candidate.sortText.localeCompare(right.candidate.sortText));
  const items = ranked.slice(0, MAX_RESOURCE_TYPES).map(({ candidate }, index) => {
    const resolved =
      index < DOCUMENTED_RESOURCE_TYPES
        ? resolveResourceTypeCandidate(input.schema, candidate, { format: input.format })
        : candidate;
    const item = toItem(resolved, input, 'resourceType');
    const snippet = withProperties && input.format === 'yaml' ? resolved.snippet : undefined;
    item.insertText = snippet ?? snippetText(valueText(input, candidate.label));
    item.sortText = String(index).padStart(4, '0');
    // The editor filters on this text: keep every ranked item visible for what was typed.
    item.filterText = `${query}${candidate.label}`;
    return item;
  });
  return { items, isIncomplete: ranked.length > MAX_RESOURCE_TYPES };
}

const SHORT_FORM_SNIPPETS: Record<string, string> = {
  Ref: '!Ref ${1}',
  'Fn::GetAtt': '!GetAtt ${1}',
  'Fn::Sub': "!Sub '${1}'",
  'Fn::Join': "!Join ['${1}', [${2}]]",
  'Fn::Select': '!Select [${1:0}, ${2}]',
  'Fn::Split': "!Split ['${1}', ${2}]",
  'Fn::If': '!If [${1}, ${2}, ${3}]',
  'Fn::Equals': '!Equals [${1}, ${2}]',
  'Fn::And': '!And [${1}, ${2}]',
  'Fn::Or': '!Or [${1}, ${2}]',
  'Fn::Not': '!Not [${1}]',
  'Fn::FindInMap': '!FindInMap [${1}, ${2}, ${3}]',
  'Fn::ImportValue': '!ImportValue ${1}',
  'Fn::Base64': '!Base64 ${1}',
  'Fn::Cidr': '!Cidr [${1}, ${2}, ${3}]',
  'Fn::GetAZs': "!GetAZs '${1}'",
  Condition: '!Condition ${1}',
  'Fn::ToJsonString': '!ToJsonString ${1}',
  'Fn::Length': '!Length ${1}',
  'Fn::Contains': '!Contains [[${1}], ${2}]',
  'Fn::EachMemberEquals': '!EachMemberEquals [${1}, ${2}]',
  'Fn::EachMemberIn': '!EachMemberIn [${1}, [${2}]]',
  'Fn::RefAll': '!RefAll ${1}',
  'Fn::ValueOf': '!ValueOf [${1}, ${2}]',
  'Fn::ValueOfAll': '!ValueOfAll [${1}, ${2}]',
};

/** Intrinsic functions as values: short forms in YAML, one-key objects in JSON. */
export function intrinsicFunctionItems(context: CursorContext, format: 'yaml' | 'json'): CompletionItem[] {
  if (context.quote) return [];
  const items: CompletionItem[] = [];
  for (const fn of INTRINSIC_FUNCTIONS.values()) {
    const snippet = SHORT_FORM_SNIPPETS[fn.name];
    // Rule functions are offered where CloudFormation accepts them: in Rules only.
    if (!snippet || (fn.rulesOnly === true && context.path[0] !== 'Rules')) continue;
    const label = format === 'yaml' ? fn.shortTag! : fn.name;
    items.push({
      label,
      kind: 'intrinsic',
      detail: fn.signature,
      documentation: fn.documentation,
      insertText: format === 'yaml' ? snippet : `{ "${fn.name}": \${1} }`,
      format: 'snippet',
      range: context.replaceRange,
      sortText: `9_${label}`,
    });
  }
  return items;
}
