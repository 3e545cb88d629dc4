// Module resolution hooks that let ES modules import packages from layers, as Lambda's Node.js runtimes do (issue
// #4). require() finds layer packages through NODE_PATH, which ES module resolution ignores, so a bare specifier
// that Node's own resolution (the importer's node_modules, walking up) cannot find is looked up once more in the
// layers' module folders, in NODE_PATH's order: `nodejs/nodeXX/node_modules` before `nodejs/node_modules`, a later
// layer before an earlier one (its files overwrite the earlier layer's in /opt on Lambda).
// nodeBootstrap.cjs installs them with module.registerHooks (synchronous, in-thread) where Node has it, else with
// module.register (off-thread; Node 20.6+, runtime-deprecated from Node 26, so never the first choice).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

let registeredDirectories = [];

/** module.register's initialize hook: the folders come from the bootstrap as `data`. */
export function initialize(data) {
  registeredDirectories = Array.isArray(data?.moduleDirectories) ? data.moduleDirectories : [];
}

/** The resolve hook for module.register (asynchronous). */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const parentURL = layerParentFor(specifier, error, registeredDirectories);
    if (parentURL === undefined) throw error;
    return nextResolve(specifier, { ...context, parentURL });
  }
}

/** The same resolve hook for module.registerHooks (synchronous). */
export function createSyncResolve(moduleDirectories) {
  return (specifier, context, nextResolve) => {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const parentURL = layerParentFor(specifier, error, moduleDirectories);
      if (parentURL === undefined) throw error;
      return nextResolve(specifier, { ...context, parentURL });
    }
  };
}

/**
 * For a package Node could not find, a parent URL inside the first module folder that holds it: resolving from
 * there lets Node apply the package's own rules (exports, conditions, main). Undefined when no folder has it, so
 * the original ERR_MODULE_NOT_FOUND (and its message) reaches the handler's loader unchanged.
 */
function layerParentFor(specifier, error, moduleDirectories) {
  if (!error || error.code !== 'ERR_MODULE_NOT_FOUND' || !isBareSpecifier(specifier)) return undefined;
  const name = packageName(specifier);
  // The folder check keeps Node from walking up from the layer into unrelated node_modules folders.
  const directory = moduleDirectories.find((candidate) => isDirectory(join(candidate, name)));
  return directory === undefined ? undefined : pathToFileURL(join(directory, 'layer-import.mjs')).href;
}

function isBareSpecifier(specifier) {
  // Relative and absolute paths, URLs (file:, node:, data:) and package imports (#name) are not looked up in folders.
  return !/^(\.{0,2}\/|#|[a-zA-Z][a-zA-Z\d+.-]*:)/.test(specifier) && !specifier.startsWith('\\');
}

/** `pkg/sub/path` -> `pkg`; `@scope/pkg/sub` -> `@scope/pkg`. */
function packageName(specifier) {
  const segments = specifier.split('/');
  return specifier.startsWith('@') ? segments.slice(0, 2).join('/') : (segments[0] ?? specifier);
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
