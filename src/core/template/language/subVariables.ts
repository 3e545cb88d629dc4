import type { SourceRange, TemplateNode } from '../templateTree';

/** One `${...}` variable of an `Fn::Sub` string, located in the template text. */
export interface SubVariable {
  /** The whole variable text between `${` and `}`, e.g. `MyFunction.Arn`. */
  text: string;
  /** The name part: before the first dot, or the whole text for pseudo parameters (`AWS::Region`). */
  name: string;
  /** The attribute after the first dot, for `${Resource.Attribute}`. */
  attribute: string | undefined;
  /** Where the variable text is written (inside the braces). */
  range: SourceRange;
  nameRange: SourceRange;
  attributeRange: SourceRange | undefined;
}

/**
 * Finds the `${...}` variables of a Sub string. The scan reads the source text of the scalar rather than its
 * value, so ranges stay exact for quoted and block scalars; `${!Literal}` is an escape and is skipped.
 */
export function findSubVariables(text: string, scalar: TemplateNode): SubVariable[] {
  if (scalar.kind !== 'scalar') return [];
  const source = text.slice(scalar.range.start, scalar.range.end);
  const variables: SubVariable[] = [];
  const pattern = /\$\{([^}]*)\}/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const inner = match[1] ?? '';
    if (inner.startsWith('!')) continue;
    const start = scalar.range.start + match.index + 2;
    const trimmedStart = start + (inner.length - inner.trimStart().length);
    const trimmed = inner.trim();
    // Pseudo parameters contain `::` and no attribute; `A.B` is a GetAtt.
    const dot = trimmed.startsWith('AWS::') ? -1 : trimmed.indexOf('.');
    const name = dot === -1 ? trimmed : trimmed.slice(0, dot);
    const attribute = dot === -1 ? undefined : trimmed.slice(dot + 1);
    variables.push({
      text: trimmed,
      name,
      attribute,
      range: { start: trimmedStart, end: trimmedStart + trimmed.length },
      nameRange: { start: trimmedStart, end: trimmedStart + name.length },
      attributeRange: dot === -1 ? undefined : { start: trimmedStart + dot + 1, end: trimmedStart + trimmed.length },
    });
  }
  return variables;
}
