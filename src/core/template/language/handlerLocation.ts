import type { FileSystemView } from './fileSystemView';
import { joinTemplatePath } from './fileSystemView';
import { listNodeExports, listPythonFunctions, type SourceExports } from './handlerSources';

/** The languages whose handlers the engine resolves. */
export type HandlerLanguage = 'node' | 'python';

/** The handler language of a Lambda runtime identifier, if the engine resolves its handlers. */
export function handlerLanguageOf(runtime: string | undefined): HandlerLanguage | undefined {
  if (!runtime) return undefined;
  if (runtime.startsWith('nodejs')) return 'node';
  if (runtime.startsWith('python')) return 'python';
  return undefined;
}

/** Extensions tried for a Node handler module, in the runtime's order; `.ts` for esbuild-built functions. */
export const NODE_EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/** Where a handler string points: the candidate files and the exported name. */
export interface HandlerTarget {
  /** Template-relative candidate files, in the order the runtime tries them. */
  candidates: string[];
  /** The exported function (for Node, the first segment of the property path). */
  exportName: string;
}

/**
 * Splits a handler string: Node `src/nested/app.obj.fn` is module `src/nested/app`, export `obj` (the runtime walks
 * `obj.fn`); Python `pkg/module.function` or `pkg.module.function` is module `pkg/module`, function `function`.
 */
export function parseHandler(language: HandlerLanguage, codeUri: string, handler: string): HandlerTarget | undefined {
  if (handler.includes('..')) return undefined;
  if (language === 'node') {
    const slash = handler.lastIndexOf('/');
    const directory = handler.slice(0, slash + 1);
    const [module, exportName, ...rest] = handler.slice(slash + 1).split('.');
    if (!module || !exportName) return undefined;
    void rest;
    const base = joinTemplatePath(codeUri, directory, module);
    return { candidates: NODE_EXTENSIONS.map((extension) => base + extension), exportName };
  }
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return undefined;
  const module = handler.slice(0, dot).replace(/\./g, '/');
  const base = joinTemplatePath(codeUri, module);
  return { candidates: [`${base}.py`, `${base}/__init__.py`], exportName: handler.slice(dot + 1) };
}

/** The resolved handler: the file found and what it exports. */
export interface ResolvedHandler {
  file: string | undefined;
  source: string | undefined;
  exports: SourceExports | undefined;
  target: HandlerTarget;
}

/** Finds the handler's file and reads its exports. */
export async function resolveHandler(
  fileSystem: FileSystemView,
  language: HandlerLanguage,
  codeUri: string,
  handler: string,
): Promise<ResolvedHandler | undefined> {
  const target = parseHandler(language, codeUri, handler);
  if (!target) return undefined;
  for (const candidate of target.candidates) {
    if ((await fileSystem.stat(candidate)) !== 'file') continue;
    const source = await fileSystem.readFile(candidate);
    const exports =
      source === undefined ? undefined : language === 'node' ? listNodeExports(source) : listPythonFunctions(source);
    return { file: candidate, source, exports, target };
  }
  return { file: undefined, source: undefined, exports: undefined, target };
}
