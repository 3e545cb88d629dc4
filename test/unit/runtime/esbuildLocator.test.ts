import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import { ensureEsbuild, findEsbuild, TOOL_ESBUILD_VERSION } from '../../../src/core/runtime/esbuildLocator';

/** An `npm` stand-in that records its arguments and lays out a loadable esbuild under --prefix. */
function fakeNpm(folder: string, { fail }: { fail?: string } = {}): string {
  const script = join(folder, 'npm');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      `echo "$@" >> "${join(folder, 'calls.txt')}"`,
      fail ? `echo "${fail}" >&2; exit 1` : '',
      'prefix=""; previous=""',
      'for argument in "$@"; do [ "$previous" = "--prefix" ] && prefix="$argument"; previous="$argument"; done',
      'mkdir -p "$prefix/node_modules/esbuild"',
      `echo '{"name":"esbuild","main":"index.js"}' > "$prefix/node_modules/esbuild/package.json"`,
      `echo 'exports.build = async () => ({ fromStore: true });' > "$prefix/node_modules/esbuild/index.js"`,
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return script;
}

describe('esbuild for BuildMethod: esbuild', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'sw-esbuild-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('pins the version of package-lock.json', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    assert.equal(TOOL_ESBUILD_VERSION, lock.packages['node_modules/esbuild']?.version);
  });

  it('finds the extension’s own esbuild in a development checkout', () => {
    assert.equal(typeof findEsbuild(folder, { storeDirectory: join(folder, 'store') })?.build, 'function');
  });

  it('installs the pinned esbuild into the tool store once when neither the project nor the extension has one', async () => {
    const npm = fakeNpm(folder);
    const lookup = { storeDirectory: join(folder, 'store'), npmCommand: npm, searchExtension: false };
    assert.equal(findEsbuild(folder, lookup), undefined);
    const esbuild = await ensureEsbuild(folder, silentLogger, lookup);
    assert.deepEqual(await esbuild.build({}), { fromStore: true });
    await ensureEsbuild(folder, silentLogger, lookup);
    const calls = readFileSync(join(folder, 'calls.txt'), 'utf8').trim().split('\n');
    assert.equal(calls.length, 1, 'installed once');
    assert.match(calls[0] ?? '', new RegExp(`esbuild@${TOOL_ESBUILD_VERSION.replace(/\./g, '\\.')}$`));
  });

  it('names the fix when the install fails', async () => {
    const npm = fakeNpm(folder, { fail: 'npm error network request failed' });
    writeFileSync(join(folder, 'package.json'), '{}');
    const lookup = { storeDirectory: join(folder, 'store'), npmCommand: npm, searchExtension: false };
    await assert.rejects(ensureEsbuild(folder, silentLogger, lookup), (error: unknown) => {
      assert.ok(error instanceof WorkbenchError);
      assert.equal(error.code, 'EsbuildNotFound');
      assert.match(error.message, /network request failed/);
      assert.match(error.hint ?? '', /npm install --save-dev esbuild/);
      return true;
    });
  });
});
