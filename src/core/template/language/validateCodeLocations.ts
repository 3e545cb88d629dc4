import type { TemplateDiagnostic } from '../templateDiagnostic';
import type { FileSystemView } from './fileSystemView';
import { listFunctionCode } from './functionCode';
import { NODE_EXTENSIONS, resolveHandler } from './handlerLocation';
import type { TemplateDocument } from './templateDocument';

/**
 * Warns when a Node.js or Python function's CodeUri folder, handler file or handler export is missing, looking
 * through the injected file-system view. Settings inherited from Globals are reported once, where written.
 */
export async function validateCodeLocations(
  document: TemplateDocument,
  fileSystem: FileSystemView,
): Promise<TemplateDiagnostic[]> {
  const diagnostics: TemplateDiagnostic[] = [];
  const reported = new Set<string>();
  const report = (diagnostic: TemplateDiagnostic) => {
    const key = `${diagnostic.range.start}:${diagnostic.code}`;
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.push(diagnostic);
  };
  for (const code of listFunctionCode(document.parsed.root, document.symbols)) {
    const { codeUri, handler, language } = code;
    if (!codeUri || !language) continue;
    const kind = await fileSystem.stat(codeUri.value);
    if (kind === undefined) {
      report({
        range: codeUri.node.range,
        severity: 'warning',
        code: 'codeuri-missing',
        message: `CodeUri '${codeUri.value}' of ${code.logicalId} does not exist next to the template.`,
      });
      continue;
    }
    // An archive (`.zip`, `.jar`) is deployed as is; its contents are not checked.
    if (kind !== 'directory' || !handler) continue;
    const resolved = await resolveHandler(fileSystem, language, codeUri.value, handler.value);
    if (!resolved) {
      report({
        range: handler.node.range,
        severity: 'warning',
        code: 'handler-invalid',
        message: `Handler '${handler.value}' is not a valid ${language === 'node' ? 'Node.js (file.function)' : 'Python (module.function)'} handler.`,
      });
      continue;
    }
    if (!resolved.file) {
      const tried =
        language === 'node'
          ? describeNodeCandidates(resolved.target.candidates)
          : resolved.target.candidates.join(' or ');
      report({
        range: handler.node.range,
        severity: 'warning',
        code: 'handler-file-missing',
        message: `Handler '${handler.value}' of ${code.logicalId}: no ${tried} found.`,
      });
      continue;
    }
    const exports = resolved.exports;
    if (exports?.complete && !exports.names.some((name) => name.name === resolved.target.exportName)) {
      const available = exports.names.map((name) => name.name).slice(0, 8);
      report({
        range: handler.node.range,
        severity: 'warning',
        code: 'handler-export-missing',
        message: `Handler '${handler.value}' of ${code.logicalId}: ${resolved.file} has no ${language === 'node' ? 'export' : 'top-level function'} '${resolved.target.exportName}'${available.length > 0 ? ` (it has ${available.join(', ')})` : ''}.`,
      });
    }
  }
  return diagnostics;
}

function describeNodeCandidates(candidates: string[]): string {
  const base = candidates[0] ?? '';
  return `${base}{${NODE_EXTENSIONS.filter((extension) => extension !== '').join(',')}}`;
}
