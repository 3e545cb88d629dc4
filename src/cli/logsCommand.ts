// `serverless-workbench logs`: a function's (or a stack's) CloudWatch logs, as `sam logs` prints them, through the
// same tail engine as the Serverless Logs panel: live tail where the backend has it, else polling with overlap and
// de-duplication (no event skipped or printed twice, even when several share a millisecond).
import type { CliCommand } from '../cli';
import { createCloudWatchLogSource } from '../core/aws/cloudWatchLogSource';
import { explainAwsError } from '../core/aws/explainAwsError';
import { resolveLogTargets, tailedGroupsOf, type FunctionLogTarget } from '../core/aws/functionLogTargets';
import { LogTailSession } from '../core/logs/logTailSession';
import { DEFAULT_START_TIME } from '../core/logs/tailLogsArguments';
import { parseTimeRange } from '../core/logs/timeExpression';
import { requireTimeZone, systemTimeZone } from '../core/logs/zonedTime';
import { BACKEND_OPTIONS_HELP, connectCliBackend } from './backendOptions';
import { exitCodeOf } from './commandFailure';
import { LogPrinter } from './logPrinter';
import {
  applySamConfig,
  booleanOption,
  parseSamCommandArguments,
  renderOptionsHelp,
  stringOption,
  wordsOption,
  type OptionSpec,
} from './samCommandOptions';
import { cliUsageError, stderrLogger } from './templateCommandOptions';

const LOGS_OPTIONS: readonly OptionSpec[] = [
  {
    flags: ['--stack-name'],
    key: 'stack_name',
    kind: 'string',
    help: 'The stack: -n names its functions by logical ID; without -n, all its functions',
  },
  {
    flags: ['-s', '--start-time'],
    key: 'start_time',
    kind: 'string',
    help: `"5mins ago", ISO... (default ${DEFAULT_START_TIME})`,
  },
  { flags: ['-e', '--end-time'], key: 'end_time', kind: 'string', help: 'Same forms; default now' },
  { flags: ['--filter'], key: 'filter', kind: 'string', help: 'A CloudWatch filter pattern, applied by the service' },
  { flags: ['-t', '--tail'], key: 'tail', kind: 'boolean', help: 'Keep printing new events until interrupted' },
  { flags: ['--output'], key: 'output', kind: 'string', help: 'text (default) or json (one object per line)' },
  { flags: ['--cw-log-group'], key: 'cw_log_group', kind: 'words', help: 'More log groups, by name' },
  {
    flags: ['--time-zone'],
    key: 'time_zone',
    kind: 'string',
    help: 'For times without an offset, and output (default: local)',
  },
  {
    flags: ['--summary'],
    key: 'summary',
    kind: 'boolean',
    help: 'Print invocations, cold starts, durations and cost at the end',
  },
  { flags: ['--poll'], key: 'poll', kind: 'boolean', help: 'Poll FilterLogEvents instead of StartLiveTail' },
  {
    flags: ['--live-tail'],
    key: 'live_tail',
    kind: 'boolean',
    help: 'Use StartLiveTail on AWS too (billed per minute there)',
  },
  { flags: ['--include-traces'], key: 'include_traces', kind: 'boolean', help: 'Not supported (X-Ray traces)' },
];

const HELP = `Usage:
  serverless-workbench logs [-n NAME ...] [--stack-name STACK] [-s START] [-e END] [--filter PATTERN] [--tail]
        [--output text|json] [--summary] [backend flags]

Prints the CloudWatch logs of Lambda functions, as \`sam logs\` does: a function by name or ARN (-n my-fn,
-n my-fn:live for an alias's instances, -n arn:aws:lambda:...:function:my-fn:3), a function of a stack by logical
ID (-n UsersFunction --stack-name hello-sam), or every function of a stack (--stack-name hello-sam).
Times: "5mins ago", "2 hours ago", "yesterday", "2026-01-31 09:30:00", ISO 8601 with an offset, epoch ms.
With --tail it follows new events (live tail where the backend has it, else polling every second) until
Ctrl+C. Events go to stdout (colours on a terminal only; NO_COLOR turns them off); errors to stderr.
Exit 0, 1 when the logs cannot be read, 2 for bad arguments.

  -n, --name NAME             A function name, ARN or (with --stack-name) logical ID; repeatable
${renderOptionsHelp(LOGS_OPTIONS)}
  --config-env NAME           The samconfig.toml environment (default "default"); [env.logs.parameters]
  --config-file FILE          The samconfig file (default samconfig.toml in the current folder)
  --verbose                   Say how the tail follows (live tail or polling) on stderr

${BACKEND_OPTIONS_HELP}`;

const logsCommand: CliCommand = async (args) => {
  const { names, rest } = extractNames(args);
  const parsed = parseSamCommandArguments('logs', rest, LOGS_OPTIONS);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const options = applySamConfig(parsed, [...LOGS_OPTIONS, NAME_OPTION], 'logs', process.cwd());
  if (names.length === 0) names.push(...wordsOption(options, 'name'));
  const output = stringOption(options, 'output') ?? 'text';
  if (output !== 'text' && output !== 'json') throw cliUsageError('logs', `--output is text or json, not "${output}".`);
  if (booleanOption(options, 'include_traces')) {
    throw cliUsageError('logs', '--include-traces is not supported: X-Ray traces are not read.');
  }
  const stackName = stringOption(options, 'stack_name');
  const extraGroups = wordsOption(options, 'cw_log_group');
  if (names.length === 0 && !stackName && extraGroups.length === 0) {
    throw cliUsageError('logs', 'Name a function (-n) or a stack (--stack-name).');
  }
  const zone = requireTimeZone(stringOption(options, 'time_zone') ?? systemTimeZone());
  const follow = booleanOption(options, 'tail') === true;
  const endText = stringOption(options, 'end_time');
  if (follow && endText) throw cliUsageError('logs', '--tail follows new events: it cannot have an --end-time.');
  const range = parseTimeRange(stringOption(options, 'start_time'), endText, {
    now: Date.now(),
    timeZone: zone,
    defaultStart: DEFAULT_START_TIME,
  });

  return exitCodeOf(async () => {
    const logger = stderrLogger(options.verbose);
    const backend = await connectCliBackend('logs', options.backend, { logger });
    const clients = await backend.clients();
    const lambda = new clients.LambdaClient(backend.settings('lambda'));
    const cloudFormation = new clients.CloudFormationClient(backend.settings('cloudformation'));
    const logs = new clients.CloudWatchLogsClient(backend.settings('logs'));
    const targetClients = {
      module: clients,
      lambda,
      cloudFormation,
      region: backend.region,
      backendLabel: backend.description,
    };
    try {
      const targets: FunctionLogTarget[] = [];
      try {
        if (stackName && names.length === 0) targets.push(...(await resolveLogTargets({ stackName }, targetClients)));
        for (const name of names) {
          const request = stackName ? { stackName, logicalId: name } : { functionName: name };
          targets.push(...(await resolveLogTargets(request, targetClients)));
        }
      } catch (error) {
        throw explainAwsError(error, 'Finding the log groups', backend.description);
      }
      for (const group of extraGroups) {
        targets.push({
          functionName: group,
          logGroupName: group,
          architecture: 'x86_64',
          memorySizeMb: undefined,
          region: backend.region,
        });
      }
      const printer = new LogPrinter({
        output,
        zone,
        colours: process.stdout.isTTY === true && !process.env['NO_COLOR'],
        targets,
        write: (text) => process.stdout.write(text),
      });
      const liveTail = booleanOption(options, 'poll')
        ? false
        : booleanOption(options, 'live_tail') || backend.backend.kind !== 'aws';
      const session = new LogTailSession({
        source: createCloudWatchLogSource(clients.logs, logs, { liveTail }),
        groups: tailedGroupsOf(targets),
        startTime: range.startTime,
        ...(range.endTime !== undefined ? { endTime: range.endTime } : {}),
        ...(stringOption(options, 'filter') ? { filterPattern: stringOption(options, 'filter')! } : {}),
        follow,
        transport: liveTail ? 'auto' : 'polling',
        onEvents: (events) => printer.print(events),
        onStatus: (status) => {
          if (status.state === 'retrying')
            process.stderr.write(`${status.message}; retrying in ${Math.round(status.delayMs / 1000)} s\n`);
          else if (status.state === 'following')
            logger.debug(`following via ${status.transport}${status.note ? ` (${status.note})` : ''}`);
          else if (status.state === 'done' && status.missing.length > 0) {
            process.stderr.write(`No logs yet for ${status.missing.join(', ')} (never invoked?)\n`);
          }
        },
      });
      const stop = () => session.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await session.finished.catch((error: unknown) => {
          throw explainAwsError(error, 'Reading the logs', backend.description);
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      if (booleanOption(options, 'summary')) process.stderr.write(printer.summary());
      return 0;
    } finally {
      lambda.destroy();
      cloudFormation.destroy();
      logs.destroy();
    }
  });
};

export default logsCommand;

const NAME_OPTION: OptionSpec = { flags: [], key: 'name', kind: 'words', help: '' };

/** `-n`/`--name` may repeat (as in sam logs); the rest goes to the common parser. */
function extractNames(args: readonly string[]): { names: string[]; rest: string[] } {
  const names: string[] = [];
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-n' || arg === '--name') {
      const value = args[++index];
      if (value === undefined) throw cliUsageError('logs', `${arg} needs a value.`);
      names.push(value);
    } else if (arg.startsWith('--name=')) {
      names.push(arg.slice('--name='.length));
    } else {
      rest.push(arg);
    }
  }
  return { names, rest };
}
