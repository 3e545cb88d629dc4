import type { SourceRange } from '../templateTree';
import type { TemplateReference } from './templateReferences';

function contains(range: SourceRange | undefined, offset: number): boolean {
  return range !== undefined && range.start <= offset && offset <= range.end;
}

/** Which part of a reference an offset is on. */
export type ReferencePart = 'name' | 'attribute' | 'topLevelKey' | 'secondLevelKey';

/** The reference written at an offset, and the part of it under the offset. */
export function referenceAtOffset(
  references: readonly TemplateReference[],
  offset: number,
): { reference: TemplateReference; part: ReferencePart } | undefined {
  for (const reference of references) {
    if (contains(reference.range, offset)) return { reference, part: 'name' };
    if ((reference.kind === 'getatt' || reference.kind === 'sub') && contains(reference.attributeRange, offset)) {
      return { reference, part: 'attribute' };
    }
    if (reference.kind === 'findinmap') {
      if (contains(reference.topLevelKey?.range, offset)) return { reference, part: 'topLevelKey' };
      if (contains(reference.secondLevelKey?.range, offset)) return { reference, part: 'secondLevelKey' };
    }
  }
  return undefined;
}
