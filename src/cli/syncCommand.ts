// `serverless-workbench sync --code`: `sam sync --code` without the watch: builds the functions (incrementally)
// and updates the deployed code directly (UpdateFunctionCode; PublishVersion + UpdateAlias for AutoPublishAlias),
// skipping CloudFormation. Only code changes: anything else needs `deploy`.
import { resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { CODE_DEPLOY_SKIPPED, syncFunctionCode } from '../core/deploy/codeSync';
import { planCodeSync } from '../core/deploy/codeSyncPlan';
import { explainAwsError } from '../core/aws/explainAwsError';
import { BACKEND_OPTIONS_HELP, connectCliBackend } from './backendOptions';
import { exitCodeOf } from './commandFailure';
import {
  applySamConfig,
  booleanOption,
  parseSamCommandArguments,
  projectDirectoryOf,
  commonOptionsHelp,
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
  templateFileOption('Default: template.yaml'),
  stackNameOption('The deployed stack (or stack_name in samconfig.toml, sync then deploy table)'),
  { flags: ['--resource-id'], key: 'resource_id', kind: 'words', help: 'Only these functions (logical IDs)' },
];

const HELP = `Usage:
  serverless-workbench sync --code [--stack-name NAME] [-t template.yaml] [--resource-id Fn ...]

Builds the template's functions (only what changed) and updates the deployed functions' code directly, as
\`sam sync --code\` does: UpdateFunctionCode when the code differs from what is deployed, then PublishVersion and
UpdateAlias for functions with AutoPublishAlias (this skips CodeDeploy). Exit 0, 1 on failure.

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
  const logger = stderrLogger(options.verbose);
  return exitCodeOf(async () => {
    const started = performance.now();
    const only = wordsOption(options, 'resource_id');
    const targets = await planCodeSync({ templatePath, ...(only.length ? { only } : {}) });
    const backend = await connectCliBackend('sync', options.backend, { logger });
    const clients = await backend.clients();
    const lambda = new clients.LambdaClient(backend.settings('lambda'));
    const cloudFormation = new clients.CloudFormationClient(backend.settings('cloudformation'));
    try {
      const results = await syncFunctionCode({ clients, lambda, cloudFormation }, stackName, targets).catch(
        (error: unknown) => {
          throw explainAwsError(error, 'Syncing code', backend.description);
        },
      );
      for (const result of results) {
        const detail =
          result.status === 'unchanged'
            ? 'unchanged'
            : result.alias
              ? `updated, version ${result.publishedVersion ?? '?'}, alias ${result.alias} (${CODE_DEPLOY_SKIPPED})`
              : 'updated';
        process.stdout.write(`  ${result.logicalId.padEnd(28)} ${result.functionName}: ${detail}\n`);
      }
      process.stdout.write(`Code sync of ${stackName} done in ${Math.round(performance.now() - started)} ms\n`);
      return 0;
    } finally {
      lambda.destroy();
      cloudFormation.destroy();
    }
  });
};

export default syncCommand;
