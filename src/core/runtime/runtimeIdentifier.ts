import type { RuntimeFamily } from './runtimeTypes';

/** A Lambda runtime identifier taken apart: `nodejs20.x` is nodejs 20, `python3.12` is python 3.12. */
export interface RuntimeIdentifier {
  family: RuntimeFamily;
  /** The version Lambda runs: `20` for nodejs20.x, `3.12` for python3.12. */
  version: string;
}

/** Parses a runtime identifier, or undefined for runtimes that cannot run locally (java, dotnet, provided...). */
export function parseRuntimeIdentifier(runtime: string): RuntimeIdentifier | undefined {
  const node = /^nodejs(\d+)\.x$/.exec(runtime);
  if (node?.[1]) return { family: 'nodejs', version: node[1] };
  const python = /^python(3\.\d+)$/.exec(runtime);
  if (python?.[1]) return { family: 'python', version: python[1] };
  return undefined;
}

/** The family of a runtime identifier, or undefined when it cannot run locally. */
export function runtimeFamilyOf(runtime: string): RuntimeFamily | undefined {
  return parseRuntimeIdentifier(runtime)?.family;
}

/**
 * The part of a local interpreter's version that must match the template's runtime: the major for Node
 * (`20.11.1` -> `20`), major.minor for Python (`3.11.7` -> `3.11`).
 */
export function comparableVersion(family: RuntimeFamily, localVersion: string): string {
  const parts = localVersion.replace(/^v/, '').split('.');
  return family === 'nodejs' ? (parts[0] ?? '') : parts.slice(0, 2).join('.');
}
