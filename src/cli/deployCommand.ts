// `serverless-workbench deploy`: `sam deploy` against the local cloud (default), any endpoint or AWS: package the
// artifacts, create a change set, print it, execute it (after confirmation with --confirm-changeset), follow the
// stack's events, print the outputs. "No changes to deploy" exits 0; a failure names the failing resource, its
// reason and its template line, and exits 1.
import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { describeChangeCounts } from '../core/deploy/changeSetSummary';
import { prepareDeployment, type DeploymentEnvironment } from '../core/deploy/deployApplication';
import { apiUrlContextOf } from '../core/deployed/apiUrls';
import { WorkbenchError } from '../core/errors';
import { parseParameterOverrides } from '../core/runtime/resolve/parameterOverrides';
import { BACKEND_OPTIONS_HELP, connectCliBackend, type CliBackend } from './backendOptions';
import { exitCodeOf } from './commandFailure';
import {
  describeChangeSet,
  describeDeployValues,
  describeEvent,
  describeFailures,
  describeOutputs,
  EVENT_HEADER,
} from '../core/deploy/deploymentText';
import { ARTIFACT_OPTIONS, artifactDestinationOptions, defaultDeployTemplate, describeUpload } from './packageCommand';
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

const DEPLOY_OPTIONS: readonly OptionSpec[] = [
  templateFileOption('Default: .aws-sam/build/template.yaml, else template.yaml'),
  stackNameOption('The stack to create or update (or stack_name in samconfig.toml)'),
  {
    flags: ['--parameter-overrides'],
    key: 'parameter_overrides',
    kind: 'words',
    help: 'Template parameter values (K=V or ParameterKey=K,ParameterValue=V)',
  },
  {
    flags: ['--capabilities'],
    key: 'capabilities',
    kind: 'words',
    help: 'CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND',
  },
  { flags: ['--tags'], key: 'tags', kind: 'words', help: 'Stack tags, K=V ...' },
  ...ARTIFACT_OPTIONS,
  {
    flags: ['--no-execute-changeset'],
    key: 'no_execute_changeset',
    kind: 'boolean',
    help: 'Create and print the change set, do not execute it',
  },
  {
    flags: ['--confirm-changeset'],
    key: 'confirm_changeset',
    kind: 'boolean',
    negation: '--no-confirm-changeset',
    help: 'Ask before executing the change set',
  },
  {
    flags: ['--fail-on-empty-changeset'],
    key: 'fail_on_empty_changeset',
    kind: 'boolean',
    negation: '--no-fail-on-empty-changeset',
    help: 'Exit 1 when there is nothing to deploy (default: exit 0)',
  },
  {
    flags: ['--disable-rollback'],
    key: 'disable_rollback',
    kind: 'boolean',
    negation: '--no-disable-rollback',
    help: 'Keep resources of a failed deployment',
  },
  { flags: ['--role-arn'], key: 'role_arn', kind: 'string', help: 'The role CloudFormation assumes' },
  { flags: ['--notification-arns'], key: 'notification_arns', kind: 'words', help: 'SNS topics for stack events' },
  { flags: ['--no-progressbar'], key: 'no_progressbar', kind: 'boolean', help: 'Accepted for SAM CLI compatibility' },
];

const HELP = `Usage:
  serverless-workbench deploy [--stack-name NAME] [-t template.yaml] [--capabilities CAPABILITY_IAM] [...]

Packages the template's artifacts (deterministic zips, uploaded once), creates a CloudFormation change set and
prints it, executes it, prints each stack event with the time since it started, then the stack's outputs.
Options not given come from samconfig.toml ([env.deploy.parameters], then [env.global.parameters]).
Exit 0 when deployed or when there is nothing to deploy, 1 when the deployment fails (the failing resource,
its reason and its template line are printed), 2 for bad arguments.

${renderOptionsHelp(DEPLOY_OPTIONS)}
${commonOptionsHelp('deploy')}

${BACKEND_OPTIONS_HELP}`;

const deployCommand: CliCommand = async (args) => {
  const parsed = parseSamCommandArguments('deploy', args, DEPLOY_OPTIONS);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const templatePath = resolve(stringOption(parsed, 'template_file') ?? defaultDeployTemplate('deploy'));
  const options = applySamConfig(parsed, DEPLOY_OPTIONS, 'deploy', projectDirectoryOf(templatePath));
  const stackName = stringOption(options, 'stack_name');
  if (!stackName) throw cliUsageError('deploy', 'Missing --stack-name (or stack_name in samconfig.toml).');
  const logger = stderrLogger(options.verbose);
  const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return exitCodeOf(async () => {
    const backend = await connectCliBackend('deploy', options.backend, { logger });
    if (backend.localCloud && !backend.localCloud.health.services.includes('cloudformation')) {
      throw new WorkbenchError(`The local cloud at ${backend.localCloud.endpoint} does not serve CloudFormation.`, {
        code: 'CloudFormationUnavailable',
        hint: 'It is an older version: stop it (it was started by the editor, npm start or an earlier command) and deploy again.',
      });
    }
    const capabilities = wordsOption(options, 'capabilities')
      .flatMap((word) => word.split(/[\s,]+/))
      .filter(Boolean);
    const parameterOverrides = parseParameterOverrides(wordsOption(options, 'parameter_overrides'));
    const tags = parseParameterOverrides(wordsOption(options, 'tags'));
    const artifacts = artifactDestinationOptions(options);
    out(
      describeDeployValues([
        ['Stack name', stackName],
        ['Region', backend.region],
        ['Backend', backend.description],
        ['Confirm changeset', String(booleanOption(options, 'confirm_changeset') ?? false)],
        ['Deployment s3 bucket', artifacts.bucket ?? '(managed)'],
        ['Capabilities', JSON.stringify(capabilities)],
        ['Parameter overrides', JSON.stringify(parameterOverrides)],
      ]),
    );
    const prepared = await prepareDeployment(await cliDeploymentEnvironment(backend, out), {
      templatePath,
      stackName,
      parameterOverrides,
      capabilities,
      tags,
      artifacts,
      ...(stringOption(options, 'role_arn') ? { roleArn: stringOption(options, 'role_arn')! } : {}),
      ...(wordsOption(options, 'notification_arns').length
        ? { notificationArns: wordsOption(options, 'notification_arns') }
        : {}),
    });
    try {
      const { changeSet } = prepared;
      out(describeChangeSet(changeSet));
      if (changeSet.empty) {
        await prepared.discard();
        return booleanOption(options, 'fail_on_empty_changeset') === true ? 1 : 0;
      }
      if (booleanOption(options, 'no_execute_changeset')) {
        out(`Not executing the change set (--no-execute-changeset): ${describeChangeCounts(changeSet.changes)}.`);
        return 0;
      }
      const answer = booleanOption(options, 'confirm_changeset')
        ? await confirm('Deploy this changeset? [y/N]: ')
        : true;
      if (answer !== true) {
        await prepared.discard();
        // No answer at all (standard input closed: a script or CI) is not a "no" someone chose: exit 1, as SAM does.
        out(
          answer === false
            ? 'The change set was not executed.'
            : '\nNo answer (standard input is closed): the change set was not executed.',
        );
        return answer === false ? 0 : 1;
      }
      const started = Date.now();
      out(EVENT_HEADER);
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      const outcome = await prepared
        .execute({
          onEvent: (event) => out(describeEvent(event, started)),
          signal: abort.signal,
          ...(booleanOption(options, 'disable_rollback') ? { disableRollback: true } : {}),
        })
        .finally(() => process.off('SIGINT', onSignal));
      if (!outcome.succeeded) {
        process.stderr.write(describeFailures(outcome, prepared.locateFailures(outcome)));
        return 1;
      }
      out(describeOutputs(outcome, apiUrlContextOf(backend.backend, backend.settings('apigateway'))));
      const verb = changeSet.changeSetType === 'CREATE' ? 'created' : 'updated';
      out(
        `Successfully ${verb} stack - ${stackName} in ${backend.region} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      return 0;
    } finally {
      prepared.dispose();
    }
  });
};

export default deployCommand;

/** How a terminal command deploys on the backend: its clients, the polling pace, and a line per upload or notice. */
export async function cliDeploymentEnvironment(
  backend: CliBackend,
  out: (text: string) => void,
): Promise<DeploymentEnvironment> {
  const local = backend.backend.kind !== 'aws';
  return {
    clients: await backend.clients(),
    settings: (service) => backend.settings(service),
    backendDescription: backend.description,
    // Local endpoints settle in milliseconds; AWS in seconds.
    pollIntervalMs: local ? { min: 20, max: 250 } : { min: 1000, max: 5000 },
    onArtifact: (artifact) => out(`\t${describeUpload(artifact)}`),
    onNotice: (message) => out(message),
  };
}

/** y/yes: true; anything else: false; standard input closed before an answer: undefined. */
async function confirm(question: string): Promise<boolean | undefined> {
  const reader = createInterface({ input: process.stdin, output: process.stdout });
  // A question on a closed input never settles (and Node would exit with the change set left behind).
  const closed = new Promise<undefined>((resolve) => reader.once('close', () => resolve(undefined)));
  try {
    const answer = await Promise.race([reader.question(question), closed]);
    return answer === undefined ? undefined : /^y(es)?$/i.test(answer.trim());
  } finally {
    reader.close();
  }
}
