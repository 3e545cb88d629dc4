// `serverless-workbench sync`, as `sam sync`. With --code: builds the functions (incrementally) and updates the
// deployed code directly (UpdateFunctionCode; PublishVersion + UpdateAlias for AutoPublishAlias), skipping
// CloudFormation; changed layers are published and the functions using them moved (core/deploy/layerSync.ts).
// Without it: an infrastructure sync (build, package, deploy without confirmation: infraSync.ts). With --watch:
// syncs once, then again on each change until Ctrl+C: a function's code folder -> a code sync of that function; a
// layer -> a layer sync (with --code) or an infrastructure sync; the template -> an infrastructure sync (with
// --code only followed).
import { resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { explainAwsError } from '../core/aws/explainAwsError';
import type { WorkbenchError } from '../core/errors';
import { CODE_DEPLOY_SKIPPED, syncFunctionCode, type CodeSyncResult } from '../core/deploy/codeSync';
import { planCodeSync } from '../core/deploy/codeSyncPlan';
import { planLayerSync, syncLayers } from '../core/deploy/layerSync';
import { CodeWatcher, type CodeChange } from '../core/deploy/codeWatch';
import { parseParameterOverrides } from '../core/runtime/resolve/parameterOverrides';
import { BACKEND_OPTIONS_HELP, connectCliBackend, type CliBackend } from './backendOptions';
import { describeFailure, exitCodeOf } from './commandFailure';
import { SYNC_DEFAULT_CAPABILITIES, syncInfrastructure } from './infraSync';
import { ARTIFACT_OPTIONS, artifactDestinationOptions } from './packageCommand';
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
  type SamCommandOptions,
} from './samCommandOptions';
import { cliUsageError, stderrLogger } from './templateCommandOptions';

const SYNC_OPTIONS: readonly OptionSpec[] = [
  { flags: ['--code'], key: 'code', kind: 'boolean', help: 'Update function code only, skipping CloudFormation' },
  {
    flags: ['--watch'],
    key: 'watch',
    kind: 'boolean',
    negation: '--no-watch',
    help: 'Sync again whenever code or the template changes, until Ctrl+C',
  },
  templateFileOption('Default: template.yaml'),
  stackNameOption('The stack (or stack_name in samconfig.toml, sync then deploy table)'),
  { flags: ['--resource-id'], key: 'resource_id', kind: 'words', help: 'With --code: only these functions' },
  {
    flags: ['--parameter-overrides'],
    key: 'parameter_overrides',
    kind: 'words',
    help: 'Template parameter values for an infrastructure sync (K=V ...)',
  },
  {
    flags: ['--capabilities'],
    key: 'capabilities',
    kind: 'words',
    help: `Default: ${SYNC_DEFAULT_CAPABILITIES.join(' ')}`,
  },
  { flags: ['--tags'], key: 'tags', kind: 'words', help: 'Stack tags, K=V ...' },
  ...ARTIFACT_OPTIONS,
];

const HELP = `Usage:
  serverless-workbench sync [--code] [--watch] [--stack-name NAME] [-t template.yaml] [--resource-id Fn ...]

For development stacks, as \`sam sync\`. Without --code: builds (only what changed), packages and deploys the
template through CloudFormation without asking (an infrastructure sync). With --code: updates the deployed
functions' code directly, as \`sam sync --code\` does: UpdateFunctionCode when the code differs from what is
deployed, then PublishVersion and UpdateAlias for functions with AutoPublishAlias (this skips CodeDeploy).
With --watch: syncs once, then on each change until Ctrl+C: a function's code -> its code is synced; the template
or a layer -> an infrastructure sync (with --code: a layer is published as a new version and the functions using it
move to it; the template is only followed). A failed sync is reported
and the watch goes on. Options not given come from samconfig.toml (sync, then deploy, then global tables).
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
  const templatePath = resolve(stringOption(parsed, 'template_file') ?? 'template.yaml');
  const options = applySamConfig(parsed, SYNC_OPTIONS, 'sync', projectDirectoryOf(templatePath));
  const deployDefaults = applySamConfig(parsed, SYNC_OPTIONS, 'deploy', projectDirectoryOf(templatePath));
  const stackName = stringOption(options, 'stack_name') ?? stringOption(deployDefaults, 'stack_name');
  if (!stackName) throw cliUsageError('sync', 'Missing --stack-name (or stack_name in samconfig.toml).');
  const codeOnly = booleanOption(options, 'code') === true;
  const only = wordsOption(options, 'resource_id');
  if (only.length > 0 && !codeOnly) throw cliUsageError('sync', '--resource-id needs --code.');
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
      const infrastructure = codeOnly ? undefined : infraSyncOf(session, options, deployDefaults, templatePath);
      if (infrastructure) {
        const first = infrastructure();
        // A watch starts even when the first sync fails: the next change may fix it.
        await (stopped ? first.catch((error: unknown) => process.stderr.write(describeFailure(error))) : first);
      } else {
        await session.syncLayers(only.length ? only : undefined);
        await session.sync(only.length ? only : undefined);
      }
      if (stopped) await watchCode(session, templatePath, { only, infrastructure }, stopped);
      return 0;
    } finally {
      session.close();
    }
  });
};

/** An infrastructure sync of the template with the command's (or samconfig's sync, then deploy) settings. */
function infraSyncOf(
  session: CodeSyncSession,
  options: SamCommandOptions,
  deployDefaults: SamCommandOptions,
  templatePath: string,
): () => Promise<unknown> {
  const words = (key: string) =>
    wordsOption(options, key).length ? wordsOption(options, key) : wordsOption(deployDefaults, key);
  // Not the deploy table's: a sync has its own defaults (as SAM's), wider than a deploy's usual CAPABILITY_IAM.
  const capabilities = wordsOption(options, 'capabilities')
    .flatMap((word) => word.split(/[\s,]+/))
    .filter(Boolean);
  const request = {
    templatePath,
    stackName: session.stackName,
    parameterOverrides: parseParameterOverrides(words('parameter_overrides')),
    capabilities: capabilities.length ? capabilities : SYNC_DEFAULT_CAPABILITIES,
    tags: parseParameterOverrides(words('tags')),
    artifacts: artifactDestinationOptions(options),
  };
  const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return () => session.retryOnRestart(() => syncInfrastructure(session.backend, request, out));
}

type SyncClients = Parameters<typeof syncFunctionCode>[0];

/** The backend and clients of one sync command, reused by every sync of a watch. */
class CodeSyncSession {
  private constructor(
    private readonly connect: () => Promise<CliBackend>,
    private readonly target: { stackName: string; templatePath: string },
    private connected: CliBackend,
    private context: SyncClients,
  ) {}

  get backend(): CliBackend {
    return this.connected;
  }

  get stackName(): string {
    return this.target.stackName;
  }

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
        throw explainAwsError(error, 'Syncing code', this.connected.description);
      });
    const results = await this.retryOnRestart(attempt);
    for (const result of results) process.stdout.write(`  ${result.logicalId.padEnd(28)} ${describeResult(result)}\n`);
    process.stdout.write(`Code sync of ${stackName} done in ${Math.round(performance.now() - started)} ms\n`);
  }

  /**
   * Runs the work; when it fails because the local cloud this command found or started has stopped (killed, or the
   * machine slept), starts it again (it keeps its state: an interrupted stack change rolls back) and runs it again.
   */
  async retryOnRestart<T>(work: () => Promise<T>): Promise<T> {
    return work().catch(async (error: unknown) => {
      const code = (error as WorkbenchError).code;
      if (!this.connected.localCloud || (code !== 'EndpointUnreachable' && code !== 'DeployCutOff')) throw error;
      process.stdout.write(`The local cloud at ${this.connected.localCloud.endpoint} stopped: starting it again.\n`);
      this.close();
      this.connected = await this.connect();
      this.context = await clientsFor(this.connected);
      return work();
    });
  }

  /** Publishes the layers (all, or `only`) whose content changed and moves the functions using them to it. */
  async syncLayers(only: readonly string[] | undefined): Promise<void> {
    const { stackName, templatePath } = this.target;
    const layers = await planLayerSync({ templatePath, ...(only ? { only } : {}) });
    if (layers.length === 0) return;
    const aliases = new Map(
      (await planCodeSync({ templatePath })).flatMap((target) =>
        target.autoPublishAlias ? [[target.logicalId, target.autoPublishAlias] as const] : [],
      ),
    );
    const results = await syncLayers(this.context, stackName, layers, aliases).catch((error: unknown) => {
      throw explainAwsError(error, 'Syncing layers', this.connected.description);
    });
    for (const result of results) {
      const moved = result.functions.map((entry) =>
        entry.alias
          ? `${entry.functionName} (version ${entry.publishedVersion ?? '?'}, alias ${entry.alias})`
          : entry.functionName,
      );
      const detail =
        result.status === 'unchanged'
          ? 'unchanged'
          : `published ${result.layerVersionArn}${moved.length ? `; now used by ${moved.join(', ')}` : ''}`;
      process.stdout.write(`  ${result.logicalId.padEnd(28)} ${detail}\n`);
    }
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

/**
 * Syncs what changes until stopped: functions' code by a code sync; with `infrastructure` (a watch without --code),
 * the template or a layer by an infrastructure sync (which carries any code changed with them). A failed sync is
 * printed and the watch goes on.
 */
async function watchCode(
  session: CodeSyncSession,
  templatePath: string,
  mode: { only: readonly string[]; infrastructure: (() => Promise<unknown>) | undefined },
  stopped: Promise<void>,
): Promise<void> {
  const { only, infrastructure } = mode;
  const report = (error: unknown) => process.stderr.write(describeFailure(error));
  const onChange = async (change: CodeChange): Promise<void> => {
    if (infrastructure && (change.template || change.layers.length > 0)) {
      const what = [...(change.template ? ['the template'] : []), ...change.layers.map((layer) => `layer ${layer}`)];
      process.stdout.write(`Changed: ${what.join(', ')}: syncing the infrastructure\n`);
      await infrastructure().catch(report);
      return;
    }
    if (change.template)
      process.stdout.write(
        'The template changed: watching its code folders again (infrastructure changes need `deploy`).\n',
      );
    if (change.layers.length > 0) {
      process.stdout.write(`Changed: layer ${change.layers.join(', layer ')}\n`);
      await session.syncLayers(change.layers).catch(report);
    }
    const functions = change.functions.filter((logicalId) => only.length === 0 || only.includes(logicalId));
    if (functions.length === 0) return;
    process.stdout.write(`Changed: ${functions.join(', ')}\n`);
    await session.sync(functions).catch(report);
  };
  const watcher = new CodeWatcher({
    templatePath,
    onChange,
    onError: (message) => process.stderr.write(`Watch: ${message}\n`),
  });
  await watcher.start();
  const watched = infrastructure ? 'code and template changes' : 'code changes';
  process.stdout.write(`Watching ${watcher.watchedFolders.length} folders for ${watched} (Ctrl+C to stop)...\n`);
  await stopped;
  watcher.close();
  await watcher.idle();
  process.stdout.write('Stopped watching.\n');
}

export default syncCommand;
