// Which source file runs a function's handler, so editors can put invoke lenses above handlers: the reverse of
// the runtime's handler resolution, on absolute paths of resolved FunctionDefinitions.
import { join, resolve } from 'node:path';
import { listNodeExports, listPythonFunctions } from '../template/language/handlerSources';
import { handlerLanguageOf, parseHandler, type HandlerLanguage } from '../template/language/handlerLocation';
import type { FunctionDefinition } from '../runtime/runtimeTypes';

/** The files a handler may live in, in the order the runtime tries them, and the export it calls. */
export interface HandlerFileTarget {
  language: HandlerLanguage;
  /** Absolute paths. */
  candidates: string[];
  exportName: string;
}

/** A function whose handler is in a given file. */
export interface HandlerBinding {
  templatePath: string;
  logicalId: string;
  exportName: string;
  language: HandlerLanguage;
}

/** Where a function's handler may be; undefined for runtimes or handler strings that cannot be mapped. */
export function handlerFileTarget(
  definition: Pick<FunctionDefinition, 'runtime' | 'handler' | 'codeDirectory' | 'build'>,
): HandlerFileTarget | undefined {
  const language = handlerLanguageOf(definition.runtime);
  if (!language) return undefined;
  const target = parseHandler(language, '', definition.handler);
  if (!target) return undefined;
  const fromHandler = target.candidates.map((candidate) => join(definition.codeDirectory, ...candidate.split('/')));
  // esbuild functions may name their entry files explicitly; those are the handler's sources.
  const entryPoints = (definition.build?.entryPoints ?? []).map((entry) => resolve(definition.codeDirectory, entry));
  return { language, candidates: [...new Set([...entryPoints, ...fromHandler])], exportName: target.exportName };
}

/** The functions whose handler is `file`: the first of each function's candidates that exists is its handler. */
export function functionsInFile(
  functions: ReadonlyArray<{ templatePath: string; logicalId: string; target: HandlerFileTarget }>,
  file: string,
  isFile: (path: string) => boolean,
): HandlerBinding[] {
  const bindings: HandlerBinding[] = [];
  for (const { templatePath, logicalId, target } of functions) {
    const index = target.candidates.indexOf(file);
    // A candidate tried earlier that exists wins (app.js before app.mjs), as in the runtime.
    if (index < 0 || !isFile(file) || target.candidates.slice(0, index).some(isFile)) continue;
    bindings.push({ templatePath, logicalId, exportName: target.exportName, language: target.language });
  }
  return bindings;
}

/** Where the handler's export is written in its source, or undefined when the scan cannot find it. */
export function findExportOffset(source: string, language: HandlerLanguage, exportName: string): number | undefined {
  const exports = language === 'node' ? listNodeExports(source) : listPythonFunctions(source);
  return exports.names.find((entry) => entry.name === exportName)?.offset;
}
