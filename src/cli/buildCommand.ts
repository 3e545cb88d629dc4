// `serverless-workbench build`: SAM CLI's `sam build` without Docker: .aws-sam/build/<LogicalId> per function and
// layer, and .aws-sam/build/template.yaml, which package and deploy then use.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { buildApplication, type BuildProgress } from '../core/deploy/build/buildApplication';
import { parseParameterOverrides } from '../core/runtime/resolve/parameterOverrides';
import {
  applySamConfig,
  booleanOption,
  parseSamCommandArguments,
  projectDirectoryOf,
  commonOptionsHelp,
  renderOptionsHelp,
  stringOption,
  templateFileOption,
  wordsOption,
  type OptionSpec,
} from './samCommandOptions';
import { exitCodeOf } from './commandFailure';
import { cliUsageError } from './templateCommandOptions';

const BUILD_OPTIONS: readonly OptionSpec[] = [
  templateFileOption('Default: template.yaml (or .yml, .json)'),
  { flags: ['-b', '--build-dir'], key: 'build_dir', kind: 'string', help: 'Default: .aws-sam/build' },
  {
    flags: ['--cache-dir'],
    key: 'cache_dir',
    kind: 'string',
    help: 'Dependency installs and build state (default: .aws-sam/cache)',
  },
  {
    flags: ['--parameter-overrides'],
    key: 'parameter_overrides',
    kind: 'words',
    help: 'Template parameter values (K=V ...)',
  },
  {
    flags: ['--cached'],
    key: 'cached',
    kind: 'boolean',
    negation: '--no-cached',
    help: 'Reuse up-to-date builds (default); --no-cached rebuilds all',
  },
  {
    flags: ['-p', '--parallel'],
    key: 'parallel',
    kind: 'boolean',
    help: 'Accepted for SAM CLI compatibility: builds always run in parallel',
  },
  {
    flags: ['-u', '--use-container'],
    key: 'use_container',
    kind: 'boolean',
    help: 'Not supported: builds run on this machine, without Docker',
  },
];

const HELP = `Usage:
  serverless-workbench build [RESOURCE_LOGICAL_ID] [-t template.yaml] [-b .aws-sam/build] [--no-cached] [...]

Builds every function and layer with local code into .aws-sam/build/<LogicalId> and writes
.aws-sam/build/template.yaml pointing at them, as \`sam build\` does, without Docker:
  Node.js        the code folder copied with its production dependencies (npm ci --omit=dev with a lockfile,
                 installed once per package.json/lockfile content and reused from .aws-sam/cache)
  esbuild        Metadata BuildMethod: esbuild (TypeScript too): EntryPoints, Minify, Target, Sourcemap,
                 External, Format, Loader, MainFields, Banner, Footer, OutExtension
  Python         the code folder copied with requirements.txt installed by pip (wheels for Lambda's
                 architecture when it differs from this machine's)
  makefile       Metadata BuildMethod: makefile: make build-<LogicalId> with ARTIFACTS_DIR
  layers         ContentUri built when Metadata.BuildMethod names a runtime or makefile
Image functions with a Dockerfile are refused (no Docker). Unchanged functions are not rebuilt. One line per
function on stdout. Exit 0, 1 when a build fails, 2 for bad arguments.

${renderOptionsHelp(BUILD_OPTIONS)}
${commonOptionsHelp('build')}
`;

const buildCommand: CliCommand = async (args) => {
  const parsed = parseSamCommandArguments('build', args, BUILD_OPTIONS, true);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const templatePath = resolve(stringOption(parsed, 'template_file') ?? defaultSourceTemplate());
  const options = applySamConfig(parsed, BUILD_OPTIONS, 'build', projectDirectoryOf(templatePath));
  if (booleanOption(options, 'use_container')) {
    throw cliUsageError(
      'build',
      "--use-container is not supported: builds run on this machine without Docker (pip fetches wheels for Lambda's platform).",
    );
  }
  const buildDirectory = resolve(stringOption(options, 'build_dir') ?? '.aws-sam/build');
  const cacheDirectory = stringOption(options, 'cache_dir');
  const started = performance.now();
  return exitCodeOf(async () => {
    const result = await buildApplication({
      templatePath,
      buildDirectory,
      ...(cacheDirectory ? { cacheDirectory: resolve(cacheDirectory) } : {}),
      parameterOverrides: parseParameterOverrides(wordsOption(options, 'parameter_overrides')),
      ...(options.positional.length > 0 ? { only: options.positional } : {}),
      force: booleanOption(options, 'cached') === false,
      onProgress: (event) => process.stdout.write(`${describeProgress(event)}\n`),
    });
    process.stdout.write(
      `\nBuild Succeeded in ${formatDuration(performance.now() - started)}\n\n` +
        `Built Artifacts  : ${result.buildDirectory}\nBuilt Template   : ${result.builtTemplatePath}\n\n` +
        'Commands you can use next\n=========================\n' +
        '[*] Deploy: serverless-workbench deploy --stack-name <name>\n' +
        '[*] Package: serverless-workbench package --output-template-file packaged.yaml\n',
    );
    return 0;
  });
};

export default buildCommand;

/** `  UsersFunction   npm   built in 132 ms (dependencies from the cache)` */
export function describeProgress(event: BuildProgress): string {
  const status = event.status === 'built' ? `built in ${formatDuration(event.durationMs)}` : event.status;
  return `  ${event.logicalId.padEnd(28)} ${event.method.padEnd(9)} ${status}${event.detail ? ` (${event.detail})` : ''}`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function defaultSourceTemplate(): string {
  const found = ['template.yaml', 'template.yml', 'template.json'].find((name) => existsSync(name));
  if (!found) throw cliUsageError('build', 'No template.yaml in the current folder; pass one with -t.');
  return found;
}
