import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApplication, type BuildProgress } from '../../../src/core/deploy/build/buildApplication';
import { readTemplateFile } from '../../../src/core/deploy/templateFile';
import type { WorkbenchError } from '../../../src/core/errors';
import { repoRoot } from '../../support/paths';
import { pythonWheel, writeTree } from './buildFixtures';

type Resources = Record<string, { Properties: Record<string, unknown> }>;

describe('deploy: build (.aws-sam/build as SAM CLI lays it out)', function () {
  this.timeout(60000);
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'sw-build-'));
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  async function build(extra: { only?: string[]; force?: boolean } = {}) {
    const events: BuildProgress[] = [];
    const result = await buildApplication({
      templatePath: join(project, 'template.yaml'),
      onProgress: (event) => events.push(event),
      ...extra,
    });
    const built = (await readTemplateFile(result.builtTemplatePath)).template;
    const status = Object.fromEntries(events.map((event) => [event.logicalId, event.status]));
    return { result, built, resources: built['Resources'] as Resources, events, status };
  }

  it('builds the sample app, points the built template at it, and rebuilds only what changed', async () => {
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
    const first = await build();
    assert.deepEqual(first.status, { UsersFunction: 'built', OrderProcessorFunction: 'built' });
    assert.equal(first.resources['UsersFunction']!.Properties['CodeUri'], 'UsersFunction');
    assert.deepEqual(readdirSync(join(project, '.aws-sam', 'build', 'UsersFunction')), ['app.mjs']);
    assert.deepEqual(readdirSync(join(project, '.aws-sam', 'build', 'OrderProcessorFunction')), ['app.py']);

    const second = await build();
    assert.deepEqual(second.status, { UsersFunction: 'up to date', OrderProcessorFunction: 'up to date' });

    writeFileSync(
      join(project, 'src', 'users', 'app.mjs'),
      'export const handler = async () => ({ statusCode: 201 });\n',
    );
    const third = await build();
    assert.deepEqual(third.status, { UsersFunction: 'built', OrderProcessorFunction: 'up to date' });
    assert.match(readFileSync(join(project, '.aws-sam', 'build', 'UsersFunction', 'app.mjs'), 'utf8'), /201/);
  });

  it('copies Node.js code with production dependencies only, installed once per package.json', async () => {
    writeTree(project, {
      'lib/prod/package.json': '{"name":"prod-lib","version":"1.0.0","main":"index.js"}',
      'lib/prod/index.js': 'module.exports = "prod";',
      'lib/dev/package.json': '{"name":"dev-lib","version":"1.0.0"}',
      'fn/app.js': 'exports.handler = async () => require("prod-lib");',
      'fn/node_modules/stale/index.js': 'left out',
      'fn/package.json': JSON.stringify({
        name: 'fn',
        dependencies: { 'prod-lib': 'file:../lib/prod' },
        devDependencies: { 'dev-lib': 'file:../lib/dev' },
      }),
      'template.yaml': `Resources:
  One:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: fn/, Handler: app.handler, Runtime: nodejs20.x }
  Two:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: fn/, Handler: app.handler, Runtime: nodejs20.x, MemorySize: 256 }
`,
    });
    const { events } = await build();
    const details = events.map((event) => event.detail).sort();
    assert.deepEqual(details, ['dependencies from the cache', 'dependencies installed'].sort());
    for (const id of ['One', 'Two']) {
      const modules = join(project, '.aws-sam', 'build', id, 'node_modules');
      assert.equal(readFileSync(join(modules, 'prod-lib', 'index.js'), 'utf8'), 'module.exports = "prod";');
      assert.equal(existsSync(join(modules, 'dev-lib')), false, 'no dev dependencies');
      assert.equal(existsSync(join(modules, 'stale')), false, 'the source node_modules is not copied');
    }
  });

  it('installs with npm ci when a lockfile exists', async () => {
    writeTree(project, {
      'dep/package.json': '{"name":"locked-dep","version":"2.0.0","main":"index.js"}',
      'dep/index.js': 'module.exports = 2;',
      'template.yaml':
        'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: fn/, Handler: app.handler, Runtime: nodejs20.x }\n',
      'fn/app.js': 'exports.handler = async () => require("locked-dep");',
    });
    const tarball = execFileSync('npm', ['pack', '--silent', join(project, 'dep')], {
      cwd: project,
      encoding: 'utf8',
    }).trim();
    writeTree(project, {
      'fn/package.json': JSON.stringify({
        name: 'fn',
        version: '1.0.0',
        dependencies: { 'locked-dep': `file:${join(project, tarball)}` },
      }),
    });
    execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--silent'], {
      cwd: join(project, 'fn'),
    });
    assert.ok(existsSync(join(project, 'fn', 'package-lock.json')));
    await build();
    assert.equal(
      readFileSync(join(project, '.aws-sam', 'build', 'Fn', 'node_modules', 'locked-dep', 'index.js'), 'utf8'),
      'module.exports = 2;',
    );
    // A lockfile out of step with package.json fails as npm ci does, with a hint.
    writeTree(project, {
      'fn/package.json': JSON.stringify({
        name: 'fn',
        version: '1.0.0',
        dependencies: { 'locked-dep': `file:${join(project, tarball)}`, other: '1.0.0' },
      }),
    });
    await assert.rejects(build(), (error: WorkbenchError) => {
      assert.equal(error.code, 'DependencyInstallFailed');
      assert.match(error.message, /npm ci failed for Fn/);
      return true;
    });
  });

  it('bundles TypeScript with esbuild as SAM does: minified, source maps on request, incremental on its inputs', async () => {
    writeTree(project, {
      'ts/app.ts':
        'import { greet } from "./greet";\nexport const handler = async (): Promise<string> => greet("ts");\n',
      'ts/greet.ts': 'export function greet(name: string): string {\n  return `hello ${name}`;\n}\n',
      'template.yaml': `Resources:
  TsFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ts/, Handler: app.handler, Runtime: nodejs20.x }
    Metadata:
      BuildMethod: esbuild
      BuildProperties: { EntryPoints: [app.ts], Sourcemap: true, Target: es2022 }
  EsmFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ts/, Handler: app.handler, Runtime: nodejs20.x }
    Metadata:
      BuildMethod: esbuild
      BuildProperties: { Minify: false, Format: esm, OutExtension: [.js=.mjs], External: [aws-sdk] }
`,
    });
    const first = await build();
    const tsOut = join(project, '.aws-sam', 'build', 'TsFunction');
    assert.deepEqual(readdirSync(tsOut).sort(), ['app.js', 'app.js.map']);
    const bundle = readFileSync(join(tsOut, 'app.js'), 'utf8');
    assert.ok(bundle.split('\n').length <= 4, 'minified by default');
    assert.match(bundle, /hello /);
    const variables = (
      first.resources['TsFunction']!.Properties['Environment'] as { Variables: Record<string, string> }
    ).Variables;
    assert.equal(variables['NODE_OPTIONS'], '--enable-source-maps');
    const esm = readFileSync(join(project, '.aws-sam', 'build', 'EsmFunction', 'app.mjs'), 'utf8');
    assert.match(esm, /export\s*\{/);
    assert.ok(esm.split('\n').length > 4, 'Minify: false');

    assert.deepEqual((await build()).status, { TsFunction: 'up to date', EsmFunction: 'up to date' });
    writeFileSync(
      join(project, 'ts', 'greet.ts'),
      'export function greet(name: string): string {\n  return `hi ${name}`;\n}\n',
    );
    assert.deepEqual((await build()).status, { TsFunction: 'built', EsmFunction: 'built' });
    assert.match(readFileSync(join(tsOut, 'app.js'), 'utf8'), /hi /);
  });

  it('installs requirements.txt with pip (a local wheel, offline) and names a package it cannot get', async () => {
    writeTree(project, {
      'py/app.py': 'import localdep\ndef handler(event, context):\n    return localdep.VALUE\n',
      'py/requirements.txt': './wheels/localdep-1.0-py3-none-any.whl\n',
      'py/wheels/localdep-1.0-py3-none-any.whl': pythonWheel('localdep', 'VALUE = 42\n'),
      'layer/requirements.txt': '--no-index\n./wheels/localdep-1.0-py3-none-any.whl\n',
      'layer/wheels/localdep-1.0-py3-none-any.whl': pythonWheel('localdep', 'VALUE = 7\n'),
      'template.yaml': `Resources:
  PyFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: py/, Handler: app.handler, Runtime: python3.12, Architectures: [${process.arch === 'arm64' ? 'arm64' : 'x86_64'}] }
  PyLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layer/ }
    Metadata: { BuildMethod: python3.12 }
`,
    });
    const { resources } = await build();
    assert.equal(
      readFileSync(join(project, '.aws-sam', 'build', 'PyFunction', 'localdep', '__init__.py'), 'utf8'),
      'VALUE = 42\n',
    );
    assert.equal(
      readFileSync(join(project, '.aws-sam', 'build', 'PyLayer', 'python', 'localdep', '__init__.py'), 'utf8'),
      'VALUE = 7\n',
    );
    assert.equal(resources['PyLayer']!.Properties['ContentUri'], 'PyLayer');

    writeFileSync(join(project, 'py', 'requirements.txt'), '--no-index\nsurely-not-a-real-package-xyz==1.0\n');
    await assert.rejects(build(), (error: WorkbenchError) => {
      assert.equal(error.code, 'DependencyInstallFailed');
      assert.match(error.message, /pip could not install surely-not-a-real-package-xyz==1\.0 for PyFunction/);
      assert.match(error.hint ?? '', /surely-not-a-real-package-xyz/);
      return true;
    });
  });

  it('runs make build-<LogicalId> with ARTIFACTS_DIR, and explains a missing target', async () => {
    writeTree(project, {
      'made/Makefile':
        'build-Made:\n\tmkdir -p $(ARTIFACTS_DIR)\n\techo "exports.handler = async () => 1;" > $(ARTIFACTS_DIR)/index.js\n',
      'template.yaml': `Resources:
  Made:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: made/, Handler: index.handler, Runtime: provided.al2023 }
    Metadata: { BuildMethod: makefile }
`,
    });
    await build();
    assert.match(readFileSync(join(project, '.aws-sam', 'build', 'Made', 'index.js'), 'utf8'), /exports.handler/);
    writeFileSync(join(project, 'made', 'Makefile'), 'build-Other:\n\ttrue\n');
    await assert.rejects(build({ force: true }), /The Makefile of Made has no build-Made target/);
  });

  it('refuses Image functions that need Docker, skips inline code, and keeps other paths valid from the build', async () => {
    writeTree(project, {
      'api.yaml': 'openapi: 3.0.1\n',
      'plain-layer/lib.js': 'module.exports = 1;',
      'template.yaml': `Resources:
  Inline:
    Type: AWS::Serverless::Function
    Properties: { InlineCode: "exports.handler = 1", Handler: index.handler, Runtime: nodejs20.x }
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, DefinitionUri: api.yaml }
  PlainLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: plain-layer/ }
`,
    });
    const { resources, status } = await build();
    assert.deepEqual(status, { Inline: 'skipped', PlainLayer: 'skipped' });
    assert.equal(resources['Api']!.Properties['DefinitionUri'], '../../api.yaml');
    assert.equal(resources['PlainLayer']!.Properties['ContentUri'], '../../plain-layer');

    writeTree(project, {
      'template.yaml': `Resources:
  Container:
    Type: AWS::Serverless::Function
    Properties: { PackageType: Image }
    Metadata: { Dockerfile: Dockerfile, DockerContext: . }
`,
    });
    await assert.rejects(build(), (error: WorkbenchError) => {
      assert.equal(error.code, 'ImageBuildUnsupported');
      assert.match(error.message, /Container is an Image function .*needs Docker/);
      return true;
    });
  });
});
