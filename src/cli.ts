#!/usr/bin/env node
// The `serverless-workbench` command line: the same engines the extension uses, for scripts, CI and hooks.
// Each subcommand lives in src/cli/<name>Command.ts and is loaded only when it runs.
import { describeError, WorkbenchError } from './core/errors';

/** A subcommand: parses its own arguments and returns the process exit code. */
export type CliCommand = (args: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  build: {
    summary:
      'Build functions and layers into .aws-sam/build (npm, esbuild, pip, makefile; no Docker), as sam build does',
    load: () => import('./cli/buildCommand').then((module) => module.default),
  },
  deploy: {
    summary:
      'Deploy a template through a CloudFormation change set (local cloud by default, or AWS), as sam deploy does',
    load: () => import('./cli/deployCommand').then((module) => module.default),
  },
  'generate-event': {
    summary: 'Print a sample event: for a source, or for a function from its template (--for)',
    load: () => import('./cli/generateEventCommand').then((module) => module.default),
  },
  localcloud: {
    summary: 'Serve the local cloud (Lambda, CloudWatch Logs, S3 wire protocols) on 127.0.0.1 until interrupted',
    load: () => import('./cli/localcloudCommand').then((module) => module.default),
  },
  logs: {
    summary: 'Print (and with --tail follow) the CloudWatch logs of functions or a stack, as sam logs does',
    load: () => import('./cli/logsCommand').then((module) => module.default),
  },
  lint: {
    summary: 'Check templates (syntax, schema, references, handlers) for CI and pre-commit hooks; exit 1 on errors',
    load: () => import('./cli/lintCommand').then((module) => module.default),
  },
  transform: {
    summary: "Print the CloudFormation template the SAM transform makes of a template; exit 1 with AWS's error",
    load: () => import('./cli/transformCommand').then((module) => module.default),
  },
  invoke: {
    summary: 'Run a function of a template locally (Node.js, Python; no Docker): response on stdout, log on stderr',
    load: () => import('./cli/invokeCommand').then((module) => module.default),
  },
  package: {
    summary: "Upload a template's code and files to S3 (deterministic zips) and print the template that points at them",
    load: () => import('./cli/packageCommand').then((module) => module.default),
  },
  sync: {
    summary: 'Update deployed function code directly when only code changed (sync --code, as sam sync --code does)',
    load: () => import('./cli/syncCommand').then((module) => module.default),
  },
  'start-api': {
    summary: 'Serve the Api and HttpApi events of a template on 127.0.0.1 (like sam local start-api) until interrupted',
    load: () => import('./cli/startApiCommand').then((module) => module.default),
  },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, { summary }]) => `  ${name.padEnd(16)} ${summary}`);
  return ['Usage: serverless-workbench <command> [options]', '', 'Commands:', ...lines, ''].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  const run = await subcommand.load();
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const hint = error instanceof WorkbenchError && error.hint ? `\nHint: ${error.hint}` : '';
    process.stderr.write(`serverless-workbench: ${describeError(error)}${hint}\n`);
    process.exitCode = 2;
  },
);
