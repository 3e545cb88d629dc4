import { yamlScalarText, type CompletionItem } from './completionItem';
import type { CursorContext } from './cursorContext';

const SECTIONS: [string, string][] = [
  ['AWSTemplateFormatVersion', 'The template format version: `2010-09-09`.'],
  ['Description', 'What the template is for.'],
  ['Metadata', 'Objects that give more information about the template.'],
  ['Parameters', 'Values passed in when the stack is created or updated.'],
  ['Rules', 'Checks on parameter values before the stack is created or updated.'],
  ['Mappings', 'Lookup tables of keys and values, read with `Fn::FindInMap`.'],
  ['Conditions', 'Named conditions that decide whether resources or outputs are created.'],
  ['Transform', 'Macros to process the template with, such as `AWS::Serverless-2016-10-31`.'],
  ['Globals', 'Properties shared by all SAM functions, APIs and tables.'],
  ['Resources', 'The resources of the stack. Required.'],
  ['Outputs', 'Values the stack returns or exports.'],
];

const TRANSFORMS = [
  'AWS::Serverless-2016-10-31',
  'AWS::LanguageExtensions',
  'AWS::Include',
  'AWS::CodeDeployBlueGreen',
];

/** Top-level sections, for templates without a schema at hand. */
export function sectionItems(context: CursorContext, format: 'yaml' | 'json'): CompletionItem[] {
  const present = new Set(context.siblingKeys);
  return SECTIONS.filter(([name]) => !present.has(name)).map(([name, documentation], index) => ({
    label: name,
    kind: 'section',
    documentation,
    insertText:
      format === 'json'
        ? `"${name}": `
        : `${name}:${name === 'Description' || name === 'AWSTemplateFormatVersion' ? ' ' : '\n  '}`,
    format: 'plain',
    range: context.replaceRange,
    sortText: String(index).padStart(2, '0'),
  }));
}

/** Values the engine knows without a schema: the format version and transforms. */
export function completeKnownValues(context: CursorContext, format: 'yaml' | 'json'): CompletionItem[] {
  const path = context.path;
  const values =
    path.length === 1 && path[0] === 'AWSTemplateFormatVersion'
      ? ['2010-09-09']
      : path[0] === 'Transform' && path.length <= 2
        ? TRANSFORMS
        : [];
  return values.map((value) => ({
    label: value,
    kind: 'value',
    insertText: context.quote ? value : format === 'json' ? JSON.stringify(value) : yamlScalarText(value),
    format: 'plain',
    range: context.replaceRange,
  }));
}
