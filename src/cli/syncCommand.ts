// `serverless-workbench sync --code [--watch]`: `sam sync --code`: builds the functions (incrementally) and updates
// the deployed code directly (UpdateFunctionCode; PublishVersion + UpdateAlias for AutoPublishAlias), skipping
// CloudFormation. With --watch, as `sam sync --code --watch`: syncs once, then again each time a function's code
// folder changes, until Ctrl+C. Only code changes: anything else needs `deploy`.
import { resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { explainAwsError } from '../core/aws/explainAwsError';
import type { WorkbenchError } from '../core/errors';
import { CODE_DEPLOY_SKIPPED, syncFunctionCode, type CodeSyncResult } from '../core/deploy/codeSync';
import { planCodeSync } from '../core/deploy/codeSyncPlan';
import { CodeWatcher, type CodeChange } from '../core/deploy/codeWatch';
import { BACKEND_OPTIONS_HELP, connectCliBackend, type CliBackend } from './backendOptions';
import { describeFailure, exitCodeOf } from './commandFailure';
import {
  applySamConfig,
  booleanOption,
  commonOptionsHelp,
  parseSamCommandArguments,
  projectDirectoryOf,
  renderOptionsHelp,
  stackNameOption,
  stringOption,
  templateFileOption,
  wordsOption,
  type OptionSpec,
} from './samCommandOptions';
import { cliUsageError, stderrLogger } from './templateCommandOptions';

const SYNC_OPTIONS: readonly OptionSpec[] = [
  { flags: ['--code'], key: 'code', kind: 'boolean', help: 'Update function code only (required: the only mode)' },
  {
    flags: ['--watch'],
    key: 'watch',
    kind: 'boolean',
    negation: '--no-watch',
    help: 'Sync again whenever a function’s code changes, until Ctrl+C',
  },
  templateFileOption('Default: template.yaml'),
  stackNameOption('The deployed stack (or stack_name in samconfig.toml, sync then deploy table)'),
  { flags: ['--resource-id'], key: 'resource_id', kind: 'words', help: 'Only these functions (logical IDs)' },
];

const HELP = `Usage:
  serverless-workbench sync --code [--watch] [--stack-name NAME] [-t template.yaml] [--resource-id Fn ...]

Builds the template's functions (only what changed) and updates the deployed functions' code directly, as
\`sam sync --code\` does: UpdateFunctionCode when the code differs from what is deployed, then PublishVersion and
UpdateAlias for functions with AutoPublishAlias (this skips CodeDeploy). With --watch, syncs once and then each
time a file in a function's code folder changes (the template is followed too; layer and infrastructure changes
are named, for \`deploy\`), until Ctrl+C; a failed sync is reported and the watch goes on.
Exit 0 (also when a watch is stopped), 1 on failure.

${renderOptionsHelp(SYNC_OPTIONS)}
${commonOptionsHelp('sync')}

${BACKEND_OPTIONS_HELP}`;

const syncCommand: CliCommand = async (args) => {
  const parsed = parseSamCommandArguments('sync', args, SYNC_OPTIONS);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!booleanOption(parsed, 'code'))
    throw cliUsageError('sync', 'Only `sync --code` is supported; use `deploy` for everything else.');
  const templatePath = resolve(stringOption(parsed, 'template_file') ?? 'template.yaml');
  const options = applySamConfig(parsed, SYNC_OPTIONS, 'sync', projectDirectoryOf(templatePath));
  const deployDefaults = applySamConfig(parsed, SYNC_OPTIONS, 'deploy', projectDirectoryOf(templatePath));
  const stackName = stringOption(options, 'stack_name') ?? stringOption(deployDefaults, 'stack_name');
  if (!stackName) throw cliUsageError('sync', 'Missing --stack-name (or stack_name in samconfig.toml).');
  const only = wordsOption(options, 'resource_id');
  const logger = stderrLogger(options.verbose);
  const watching = booleanOption(options, 'watch') === true;
  // A watch listens from the start: Ctrl+C during its first sync still ends it cleanly (a one-off sync just dies).
  const stopped = watching
    ? new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      })
    : undefined;
  return exitCodeOf(async () => {
    const session = await CodeSyncSession.open(() => connectCliBackend('sync', options.backend, { logger }), {
      stackName,
      templatePath,
    });
    try {
      await session.sync(only.length ? only : undefined);
      if (stopped) await watchCode(session, templatePath, only, stopped);
      return 0;
    } finally {
      session.close();
    }
  });
};

type SyncClients = Parameters<typeof syncFunctionCode>[0];

/** The backend and clients of one sync command, reused by every sync of a watch. */
class CodeSyncSession {
  private constructor(
    private readonly connect: () => Promise<CliBackend>,
    private readonly target: { stackName: string; templatePath: string },
    private backend: CliBackend,
    private context: SyncClients,
  ) {}

  static async open(
    connect: () => Promise<CliBackend>,
    target: { stackName: string; templatePath: string },
  ): Promise<CodeSyncSession> {
    const backend = await connect();
    return new CodeSyncSession(connect, target, backend, await clientsFor(backend));
  }

  /**
   * Builds and syncs the functions (all, or `only`), printing a line per function. When the local cloud this
   * command found or started has stopped (killed, or the machine slept), it is started again and the sync retried.
   */
  async sync(only: readonly string[] | undefined): Promise<void> {
    const started = performance.now();
    const { stackName, templatePath } = this.target;
    const targets = await planCodeSync({ templatePath, ...(only ? { only } : {}) });
    const attempt = () =>
      syncFunctionCode(this.context, stackName, targets).catch((error: unknown) => {
        throw explainAwsError(error, 'Syncing code', this.backend.description);
      });
    const results = await attempt().catch(async (error: unknown) => {
      if (!this.backend.localCloud || (error as WorkbenchError).code !== 'EndpointUnreachable') throw error;
      process.stdout.write(`The local cloud at ${this.backend.localCloud.endpoint} stopped: starting it again.\n`);
      this.close();
      this.backend = await this.connect();
      this.context = await clientsFor(this.backend);
      return attempt();
    });
    for (const result of results) process.stdout.write(`  ${result.logicalId.padEnd(28)} ${describeResult(result)}\n`);
    process.stdout.write(`Code sync of ${stackName} done in ${Math.round(performance.now() - started)} ms\n`);
  }

  close(): void {
    this.context.lambda.destroy();
    this.context.cloudFormation.destroy();
  }
}

async function clientsFor(backend: CliBackend): Promise<SyncClients> {
  const clients = await backend.clients();
  return {
    clients,
    lambda: new clients.LambdaClient(backend.settings('lambda')),
    cloudFormation: new clients.CloudFormationClient(backend.settings('cloudformation')),
  };
}

function describeResult(result: CodeSyncResult): string {
  const detail =
    result.status === 'unchanged'
      ? 'unchanged'
      : result.alias
        ? `updated, version ${result.publishedVersion ?? '?'}, alias ${result.alias} (${CODE_DEPLOY_SKIPPED})`
        : 'updated';
  return `${result.functionName}: ${detail}`;
}

/** Syncs the functions whose code changes, until stopped; a failed sync is printed and the watch goes on. */
async function watchCode(
  session: CodeSyncSession,
  templatePath: string,
  only: readonly string[],
  stopped: Promise<void>,
): Promise<void> {
  const onChange = async (change: CodeChange): Promise<void> => {
    if (change.template)
      process.stdout.write(
        'The template changed: watching its code folders again (infrastructure changes need `deploy`).\n',
      );
    for (const layer of change.layers)
      process.stdout.write(`Layer ${layer} changed: code sync does not publish layers; \`deploy\` does.\n`);
    const functions = change.functions.filter((logicalId) => only.length === 0 || only.includes(logicalId));
    if (functions.length === 0) return;
    process.stdout.write(`Changed: ${functions.join(', ')}\n`);
    await session.sync(functions).catch((error: unknown) => process.stderr.write(describeFailure(error)));
  };
  const watcher = new CodeWatcher({
    templatePath,
    onChange,
    onError: (message) => process.stderr.write(`Watch: ${message}\n`),
  });
  await watcher.start();
  process.stdout.write(`Watching ${watcher.watchedFolders.length} folders for code changes (Ctrl+C to stop)...\n`);
  await stopped;
  watcher.close();
  await watcher.idle();
  process.stdout.write('Stopped watching.\n');
}

export default syncCommand;
