#!/usr/bin/env node
// Bundles the extension (and, as they exist, the CLI, the local cloud server and webview scripts) with esbuild.
// --production minifies and drops source maps from the package; --watch rebuilds on change; --tests also
// bundles the integration and e2e suites into out/.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './codeServerPaths.mjs';
import { generateSchemaIfStale } from './generateSchema.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests') || args.has('--only-tests');
const onlyTests = args.has('--only-tests');

/** Node entry points: [source, output name]. Optional ones are bundled once their source exists. */
const nodeEntries = [
  ['src/extension.ts', 'extension'],
  ['src/cli.ts', 'cli'],
  ['src/localcloud/main.ts', 'localcloud'],
  ['src/core/aws/awsClients.ts', 'awsClients'],
].filter(([source]) => existsSync(join(repoRoot, source)));

/**
 * Heavy modules are separate bundles loaded on first use: `import('./awsClients')` anywhere in the sources becomes
 * `require('./awsClients.js')` at run time instead of pulling the AWS SDK into dist/extension.js. Through a small
 * bundled stub that calls `require`: an external `import()` would go through Node's ESM loader, whose CommonJS
 * export scan (cjs-module-lexer) over the 2.2 MB SDK bundle costs more CPU than loading it (bench/deploy.ts).
 */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /(^|\/)awsClients$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: 'awsClients', namespace: 'lazy-bundle' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-bundle' }, (args) => ({
      contents: `module.exports = require('./${args.path}.js');`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/awsClients\.js$/ }, (args) =>
      args.kind === 'require-call' && args.namespace === 'lazy-bundle'
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/** Webview scripts, bundled for the browser. */
const webviewDir = join(repoRoot, 'src', 'webviews');
const webviewEntries = existsSync(webviewDir)
  ? readdirSync(webviewDir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => join(webviewDir, name))
  : [];

function listFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, suffix) : full.endsWith(suffix) ? [full] : [];
  });
}

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: repoRoot,
};

const builds = onlyTests
  ? []
  : [
      {
        ...common,
        entryPoints: Object.fromEntries(nodeEntries.map(([source, name]) => [name, source])),
        outdir: join(repoRoot, 'dist'),
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['vscode'],
        plugins: [lazyBundles],
      },
    ];
if (webviewEntries.length > 0 && !onlyTests) {
  builds.push({
    ...common,
    entryPoints: webviewEntries,
    outdir: join(repoRoot, 'dist', 'webviews'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}
if (withTests) {
  const testEntries = [...listFiles(join(repoRoot, 'test', 'integration'), '.ts')].filter(
    (file) => !file.endsWith('.d.ts'),
  );
  builds.push({
    ...common,
    sourcemap: 'inline',
    entryPoints: testEntries,
    outbase: join(repoRoot, 'test'),
    outdir: join(repoRoot, 'out', 'test'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

// Only a production build starts from an empty dist/, so parallel development builds never wipe each other.
if (production) rmSync(join(repoRoot, 'dist'), { recursive: true, force: true });
if (withTests) rmSync(join(repoRoot, 'out'), { recursive: true, force: true });

// The local runtime's bootstraps run as plain files in worker processes, so they are copied, not bundled.
if (!onlyTests) {
  const bootstrapSource = join(repoRoot, 'src', 'core', 'runtime', 'bootstrap');
  if (existsSync(bootstrapSource)) {
    mkdirSync(join(repoRoot, 'dist'), { recursive: true });
    cpSync(bootstrapSource, join(repoRoot, 'dist', 'runtime-bootstrap'), { recursive: true });
  }
}

// The template schema ships in schemas/ next to dist/; it is generated, so make sure it exists and is current.
await generateSchemaIfStale();

const started = Date.now();
if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('[build] watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  const outputs = onlyTests ? [] : nodeEntries.map(([, name]) => `dist/${name}.js`);
  console.log(`[build] ${outputs.join(', ')}${withTests ? ' + tests' : ''} in ${Date.now() - started} ms`);
}
