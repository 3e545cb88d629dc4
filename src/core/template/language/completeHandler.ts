import type { CompletionItem } from './completionItem';
import type { CursorContext } from './cursorContext';
import { joinTemplatePath, type FileSystemView } from './fileSystemView';
import { listFunctionCode } from './functionCode';
import type { HandlerLanguage } from './handlerLocation';
import { listNodeExports, listPythonFunctions } from './handlerSources';
import type { TemplateDocument } from './templateDocument';

const SKIPPED_FOLDERS = new Set(['node_modules', '.aws-sam', '__pycache__', '.git', '.venv', 'venv', 'coverage']);
const MAX_DEPTH = 3;
const MAX_FILES = 200;
const NODE_SOURCE = /\.(?:js|mjs|cjs|ts|mts|cts)$/;

/** A source file under CodeUri, relative to it. */
interface SourceFile {
  relativePath: string;
  language: HandlerLanguage;
}

/** `Handler` values: each exported function of the Node.js or Python files under the function's CodeUri. */
export async function handlerItems(
  document: TemplateDocument,
  context: CursorContext,
  fileSystem: FileSystemView,
  logicalId: string,
): Promise<CompletionItem[]> {
  const code = listFunctionCode(document.parsed.root, document.symbols).find((entry) => entry.logicalId === logicalId);
  const codeUri = code?.codeUri?.value ?? '.';
  if ((await fileSystem.stat(codeUri)) !== 'directory') return [];
  const files = await listSourceFiles(fileSystem, codeUri, code?.language);
  const items: CompletionItem[] = [];
  for (const file of files) {
    const source = await fileSystem.readFile(joinTemplatePath(codeUri, file.relativePath));
    if (source === undefined || file.relativePath.endsWith('.d.ts')) continue;
    const exports = file.language === 'node' ? listNodeExports(source) : listPythonFunctions(source);
    const module = file.relativePath.replace(/\.[^./]+$/, '');
    const prefix = file.language === 'node' ? module : module.replace(/\//g, '.').replace(/\.__init__$/, '');
    for (const exported of exports.names) {
      if (file.language === 'python' && exported.name.startsWith('_')) continue;
      const value = `${prefix}.${exported.name}`;
      items.push({
        label: value,
        kind: 'function',
        detail: `${file.language === 'node' ? 'Export' : 'Function'} in ${joinTemplatePath(codeUri, file.relativePath)}`,
        insertText: context.quote ? value : document.parsed.format === 'json' ? JSON.stringify(value) : value,
        format: 'plain',
        range: context.replaceRange,
        // Handlers conventionally sit at the top of CodeUri and are called `handler`.
        sortText: `${module.split('/').length}_${/handler/i.test(exported.name) ? 0 : 1}_${value}`,
      });
    }
  }
  return items;
}

async function listSourceFiles(
  fileSystem: FileSystemView,
  codeUri: string,
  language: HandlerLanguage | undefined,
): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const visit = async (relative: string, depth: number): Promise<void> => {
    const entries = (await fileSystem.readDirectory(joinTemplatePath(codeUri, relative))) ?? [];
    for (const entry of entries.sort((left, right) => left.name.localeCompare(right.name))) {
      if (files.length >= MAX_FILES) return;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.kind === 'directory') {
        if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.'))
          await visit(path, depth + 1);
        continue;
      }
      const fileLanguage: HandlerLanguage | undefined = NODE_SOURCE.test(entry.name)
        ? 'node'
        : entry.name.endsWith('.py')
          ? 'python'
          : undefined;
      if (fileLanguage && (language === undefined || language === fileLanguage)) {
        files.push({ relativePath: path, language: fileLanguage });
      }
    }
  };
  await visit('', 0);
  return files;
}
