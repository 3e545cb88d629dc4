import type { SourceRange } from '../templateTree';

/** What kind of thing a completion inserts (the editor maps it to an icon). */
export type CompletionKind =
  | 'section'
  | 'property'
  | 'value'
  | 'resourceType'
  | 'parameter'
  | 'resource'
  | 'pseudoParameter'
  | 'attribute'
  | 'condition'
  | 'mapping'
  | 'function'
  | 'intrinsic'
  | 'file';

/** One completion proposal, with offsets into the template text. */
export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label (a type, "Parameter (String)"...). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `snippet` when `insertText` has tab stops (`$1`, `${1:name}`, `$0`). */
  format: 'plain' | 'snippet';
  range: SourceRange;
  /** Orders items when the editor's filter scores tie. */
  sortText?: string;
  filterText?: string;
}

/** The proposals at a position. */
export interface CompletionResult {
  items: CompletionItem[];
  /** True when the list was cut short: the editor should ask again as the user types. */
  isIncomplete: boolean;
}

/** Writes a scalar for YAML, quoting what would otherwise parse as something else. */
export function yamlScalarText(value: string): string {
  const needsQuotes =
    value === '' ||
    /^[\s!&*%@`'"#|>{}[\],?:-]/.test(value) ||
    /[:#]\s|\s$|:$/.test(value) ||
    /^(?:true|false|yes|no|on|off|null|~|[-+]?\d[\d_.:eE+-]*)$/i.test(value);
  return needsQuotes ? `'${value.replace(/'/g, "''")}'` : value;
}

/** Escapes text for a snippet (where `$`, `}` and `\` are special). */
export function snippetText(value: string): string {
  return value.replace(/[$}\\]/g, '\\$&');
}
