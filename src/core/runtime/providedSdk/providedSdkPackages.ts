// The AWS SDK that each Lambda runtime provides to functions that do not bundle it: Node.js up to 16 has the v2
// `aws-sdk`, Node.js 18 and later the v3 `@aws-sdk/*` clients, Python boto3 (with botocore). Real functions import
// it without declaring it; locally it must come from somewhere, after the function's own packages and its layers,
// as on Lambda (NODE_PATH ends with /var/runtime/node_modules; boto3 sits after /opt/python in sys.path).
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { RuntimeIdentifier } from '../runtimeIdentifier';

/** Which SDK a runtime provides. */
export type ProvidedSdkKind = 'aws-sdk-v2' | 'aws-sdk-v3' | 'boto3';

/** The SDK the runtime provides on Lambda. */
export function providedSdkKind(runtime: RuntimeIdentifier): ProvidedSdkKind {
  if (runtime.family === 'python') return 'boto3';
  return Number(runtime.version) <= 16 ? 'aws-sdk-v2' : 'aws-sdk-v3';
}

/** True when `packageName` is part of the SDK of that kind. */
export function isProvidedPackage(kind: ProvidedSdkKind, packageName: string): boolean {
  switch (kind) {
    case 'aws-sdk-v2':
      return packageName === 'aws-sdk';
    case 'aws-sdk-v3':
      return packageName.startsWith('@aws-sdk/');
    case 'boto3':
      return packageName === 'boto3' || packageName === 'botocore';
  }
}

/** The version range installed for a package of that kind (the major the runtime provides). */
export function packageSpecifier(kind: ProvidedSdkKind, packageName: string): string {
  return kind === 'aws-sdk-v2' ? `${packageName}@^2` : `${packageName}@^3`;
}

/** `pkg/sub/path` -> `pkg`; `@scope/pkg/sub` -> `@scope/pkg`. */
export function packageNameOf(specifier: string): string {
  const segments = specifier.split('/');
  return specifier.startsWith('@') ? segments.slice(0, 2).join('/') : (segments[0] ?? specifier);
}

/** The package an ImportModuleError payload says is missing (`Cannot find module 'aws-sdk'`), if any. */
export function missingPackageIn(errorPayload: string): string | undefined {
  const node = /Cannot find (?:module|package) '((?:@[^/'\s]+\/)?[^/'\s]+)/.exec(errorPayload)?.[1];
  if (node) return node;
  return /No module named '([A-Za-z0-9_]+)/.exec(errorPayload)?.[1];
}

const NODE_SOURCES = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.aws-sam', '__pycache__', 'dist', 'cdk.out']);
const MAX_FILES = 2000;
const MAX_FILE_BYTES = 1024 * 1024;
// require('x'), import('x'), import ... from 'x', import 'x', export ... from 'x'
const NODE_IMPORT = /(?:require\s*\(\s*|import\s*\(\s*|from\s+|import\s+)(['"])([^'"\n]+)\1/g;
const PYTHON_IMPORT = /^\s*(?:from\s+([A-Za-z0-9_]+)[\s.]|import\s+([A-Za-z0-9_]+))/gm;

/**
 * The SDK packages the function's own sources import (not its node_modules): what must be at hand before it runs.
 * Bounded: at most 2,000 files of at most 1 MB each.
 */
export function scanSdkImports(codeDirectory: string, kind: ProvidedSdkKind): string[] {
  const found = new Set<string>();
  const python = kind === 'boto3';
  let budget = MAX_FILES;
  const visit = (directory: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(directory);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (budget <= 0) return;
      if (entry.startsWith('.') || SKIPPED_DIRECTORIES.has(entry)) continue;
      const path = join(directory, entry);
      let stats;
      try {
        stats = statSync(path);
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        visit(path);
        continue;
      }
      const extension = extname(entry);
      if (python ? extension !== '.py' : !NODE_SOURCES.has(extension)) continue;
      if (stats.size > MAX_FILE_BYTES) continue;
      budget--;
      const text = readFileSync(path, 'utf8');
      const pattern = python ? PYTHON_IMPORT : NODE_IMPORT;
      for (const match of text.matchAll(pattern)) {
        const name = python ? (match[1] ?? match[2] ?? '') : packageNameOf(match[2] ?? '');
        if (isProvidedPackage(kind, name)) found.add(name);
      }
    }
  };
  visit(codeDirectory);
  return [...found].sort();
}
