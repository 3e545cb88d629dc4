import { describeError } from '../../errors';
import { silentLogger, type Logger } from '../../logger';
import { LineIndex, type LinePosition } from '../lineIndex';
import type { SourceRange } from '../templateTree';
import { joinTemplatePath, type FileSystemView } from './fileSystemView';
import { listFunctionCode } from './functionCode';
import { resolveHandler } from './handlerLocation';
import { referenceAtOffset, type ReferencePart } from './referenceAtOffset';
import type { TemplateDocument } from './templateDocument';
import type { TemplateReference } from './templateReferences';

/** Where a definition is: in the template, in a source file beside it, or a folder. */
export type DefinitionTarget =
  | { kind: 'template'; range: SourceRange }
  | { kind: 'file'; path: string; range: { start: LinePosition; end: LinePosition } }
  | { kind: 'folder'; path: string };

/**
 * Go to definition: from Ref, GetAtt, `${}`, conditions, FindInMap (map and keys) and DependsOn to where the name
 * is defined; from Handler to the function in its source file; from CodeUri to its folder. Paths are relative to
 * the template's folder. Never rejects.
 */
export async function findDefinition(
  document: TemplateDocument,
  offset: number,
  fileSystem?: FileSystemView,
  logger: Logger = silentLogger,
): Promise<DefinitionTarget[]> {
  try {
    const found = referenceAtOffset(document.references, offset);
    if (found) return withoutQuotes(document.text, definitionOfReference(document, found.reference, found.part));
    return fileSystem ? await definitionInFiles(document, offset, fileSystem) : [];
  } catch (error) {
    logger.error(`go to definition failed: ${describeError(error)}`);
    return [];
  }
}

/** JSON keys are quoted; like references and rename, a definition points at the name itself. */
function withoutQuotes(text: string, targets: DefinitionTarget[]): DefinitionTarget[] {
  return targets.map((target) => {
    if (target.kind !== 'template') return target;
    const { start, end } = target.range;
    const quote = text[start];
    const quoted = end - start >= 2 && (quote === '"' || quote === "'") && text[end - 1] === quote;
    return quoted ? { ...target, range: { start: start + 1, end: end - 1 } } : target;
  });
}

function inTemplate(range: SourceRange | undefined): DefinitionTarget[] {
  return range ? [{ kind: 'template', range }] : [];
}

/** Where a name that `Ref` or `${}` can use is defined. */
export function definitionOfName(document: TemplateDocument, name: string): SourceRange | undefined {
  const symbols = document.symbols;
  return (
    symbols.parameters.get(name)?.keyRange ??
    symbols.resources.get(name)?.keyRange ??
    symbols.generated.get(name)?.sourceRange
  );
}

function definitionOfReference(
  document: TemplateDocument,
  reference: TemplateReference,
  part: ReferencePart,
): DefinitionTarget[] {
  const symbols = document.symbols;
  switch (reference.kind) {
    case 'ref':
      return inTemplate(reference.local ?? definitionOfName(document, reference.name));
    case 'sub':
      return inTemplate(
        reference.local ?? definitionOfName(document, reference.text) ?? definitionOfName(document, reference.name),
      );
    case 'getatt':
      return inTemplate(definitionOfName(document, reference.resource));
    case 'dependson':
      return inTemplate(definitionOfName(document, reference.name));
    case 'condition':
      return inTemplate(symbols.conditions.get(reference.name)?.keyRange);
    case 'findinmap': {
      const mapping = symbols.mappings.get(reference.name);
      if (!mapping) return [];
      const top = reference.topLevelKey && mapping.topLevelKeys.get(reference.topLevelKey.value);
      if (part === 'topLevelKey') return inTemplate(top?.keyRange);
      if (part === 'secondLevelKey' && reference.secondLevelKey) {
        const key = reference.secondLevelKey.value;
        // With a computed top-level key (`!Ref Stage`), every entry holding the key is a candidate.
        const entries = top ? [top] : [...mapping.topLevelKeys.values()];
        return entries.flatMap((entry) => inTemplate(entry.secondLevelKeys.get(key)));
      }
      return inTemplate(mapping.keyRange);
    }
  }
}

function within(range: SourceRange, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

async function definitionInFiles(
  document: TemplateDocument,
  offset: number,
  fileSystem: FileSystemView,
): Promise<DefinitionTarget[]> {
  for (const code of listFunctionCode(document.parsed.root, document.symbols)) {
    if (code.codeUri && within(code.codeUri.node.range, offset)) {
      const kind = await fileSystem.stat(code.codeUri.value);
      if (kind === 'directory') return [{ kind: 'folder', path: joinTemplatePath(code.codeUri.value) }];
      if (kind === 'file') return [fileTarget(joinTemplatePath(code.codeUri.value), undefined, 0, 0)];
      return [];
    }
    if (!code.handler || !within(code.handler.node.range, offset) || !code.language) continue;
    const resolved = await resolveHandler(fileSystem, code.language, code.codeUri?.value ?? '.', code.handler.value);
    if (!resolved?.file) return [];
    const exported = resolved.exports?.names.find((name) => name.name === resolved.target.exportName);
    return [fileTarget(resolved.file, resolved.source, exported?.offset ?? 0, exported?.name.length ?? 0)];
  }
  return [];
}

function fileTarget(path: string, source: string | undefined, offset: number, length: number): DefinitionTarget {
  const lines = new LineIndex(source ?? '');
  return { kind: 'file', path, range: { start: lines.positionAt(offset), end: lines.positionAt(offset + length) } };
}
