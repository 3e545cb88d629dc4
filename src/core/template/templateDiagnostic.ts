import type { SourceRange } from './templateTree';

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A problem in a template, at the exact range of the offending key or value. */
export interface TemplateDiagnostic {
  range: SourceRange;
  severity: DiagnosticSeverity;
  /** Stable identifier, e.g. `unknown-property`, `unresolved-ref` (shown in the Problems panel and CLI). */
  code: string;
  message: string;
  /** Places that explain the problem, e.g. the other duplicate key. */
  related?: { range: SourceRange; message: string }[];
}
