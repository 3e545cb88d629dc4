// The debug configuration that attaches the editor's debugger to a worker the runtime started under a debugger:
// js-debug's `node` attach for the inspector; for Python, our own debug type, whose adapter is the debugpy server
// the worker runs (so no Python extension is needed).
import type { DebugSession } from '../runtime/runtimeTypes';

/** The debug type the extension contributes for Python workers: the editor talks DAP straight to debugpy. */
export const PYTHON_DEBUG_TYPE = 'serverless-workbench-python';

/** What the configuration needs beyond the runtime's debug session. */
export interface DebugAttachOptions {
  /** The session's name in the debug toolbar. */
  name: string;
  /** Folders whose source maps may be read: the function's sources and the workspace. */
  sourceRoots: readonly string[];
  /** The runtime's bootstrap folder, whose frames are skipped when stepping. */
  runtimeDirectory?: string;
}

/** A plain debug configuration (the editor's DebugConfiguration shape). */
export type AttachConfiguration = Record<string, unknown> & { type: string; name: string; request: 'attach' };

/** Builds the attach configuration for a session the pool reported listening. */
export function debugConfigurationFor(session: DebugSession, options: DebugAttachOptions): AttachConfiguration {
  if (session.protocol === 'debugpy') {
    return {
      type: PYTHON_DEBUG_TYPE,
      name: options.name,
      request: 'attach',
      connect: { host: session.host, port: session.port },
      // The worker runs the files in place, so local and remote paths are the same.
      pathMappings: [{ localRoot: session.codeDirectory, remoteRoot: session.codeDirectory }],
      justMyCode: true,
    };
  }
  const roots = [...new Set([session.codeDirectory, ...options.sourceRoots])];
  return {
    type: 'node',
    name: options.name,
    request: 'attach',
    address: session.host,
    port: session.port,
    // The worker waits for a debugger before loading the handler; run on once attached so breakpoints bind.
    continueOnAttach: true,
    sourceMaps: true,
    // esbuild bundles live outside the workspace (a cache folder): allow their maps, or TypeScript breakpoints
    // would not bind.
    outFiles: [...roots.map((root) => `${root}/**/*.{js,mjs,cjs}`), '!**/node_modules/**'],
    resolveSourceMapLocations: [...roots.map((root) => `${root}/**`), '!**/node_modules/**'],
    skipFiles: ['<node_internals>/**', ...(options.runtimeDirectory ? [`${options.runtimeDirectory}/**`] : [])],
    // The session ends when the invocation does; do not try to reconnect to the exited worker.
    restart: false,
  };
}
