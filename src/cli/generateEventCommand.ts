// `serverless-workbench generate-event`: sample events on stdout, from a source's generator or from a function's
// own template (`--for`), so scripts and CI can feed them to `invoke` or save them next to the template.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { WorkbenchError } from '../core/errors';
import { createEventContext, type EventContextOptions } from '../core/events/eventContext';
import { EVENT_SOURCES, findEventSource } from '../core/events/eventSourceCatalog';
import { readEventOptions, type EventOptionDefinition, type EventSourceDefinition } from '../core/events/eventOptions';
import { SavedEventStore } from '../core/events/savedEvents';
import { generateEventForSource, generateEventsForFunction, listEventSources } from '../core/events/templateEvents';
import { parseParameterOverrides } from '../core/runtime/resolve/parameterOverrides';
import { readSamConfig } from '../core/runtime/resolve/samConfig';
import { parseTemplate } from '../core/template/parseTemplate';

/** What a command line asked for, before any generation. */
interface GenerateEventArguments {
  source: string | undefined;
  forFunction: string | undefined;
  template: string | undefined;
  eventName: string | undefined;
  all: boolean;
  list: boolean;
  help: boolean;
  quiet: boolean;
  save: string | undefined;
  context: EventContextOptions;
  parameterOverrides: string[];
  /** Source options: `--path /x` gives `{ path: '/x' }`; repeated options collect into lists. */
  sourceOptions: Record<string, string | string[]>;
}

const COMMON_HELP = `Usage:
  serverless-workbench generate-event SOURCE [source options] [--region R] [--account ID] [--time ISO]
  serverless-workbench generate-event --for LOGICAL_ID -t template.yaml [--name EVENT | --all | --list]
        [--parameter-overrides K=V ...] [--save NAME]
  serverless-workbench generate-event SOURCE --help      (the source's options)

Prints the event as JSON on stdout; notes go to stderr (--quiet drops them).

  --for ID               Generate what the function's own event sources deliver, resolved from the template
  -t, --template FILE    The template (default: template.yaml in the current folder)
  --name EVENT           Which of the function's events (the key under Events); default the first
  --all                  All of the function's events, as one JSON object keyed by name
  --list                 List the function's event sources (with --for) or all sources
  --save NAME            Also save the event as events/<LogicalId>/NAME.json next to the template
  --parameter-overrides  Template parameter values (K=V or ParameterKey=K,ParameterValue=V)
  --region, --account, --stack-name   Where the event happens (defaults: samconfig.toml, AWS_REGION, us-east-1)
  --time ISO             The event time (default now)
`;

/** The help text: usage, then every source with its aliases. */
export function generateEventHelp(): string {
  const sources = EVENT_SOURCES.map((source) => {
    const aliases = source.aliases.length ? ` (${source.aliases.join(', ')})` : '';
    return `  ${source.id.padEnd(32)}${source.title}${aliases}`;
  });
  return `${COMMON_HELP}\nSources:\n${sources.join('\n')}\n`;
}

function sourceHelp(source: EventSourceDefinition): string {
  const options = source.options.map((option: EventOptionDefinition) => {
    const value = option.kind === 'boolean' ? '' : option.kind === 'list' ? ' VALUE...' : ' VALUE';
    const choices = option.choices && option.choices.length <= 6 ? ` [${option.choices.join('|')}]` : '';
    return `  --${`${option.name}${value}`.padEnd(28)} ${option.description}${choices}`;
  });
  return `${source.id}: ${source.title}\nEvent type: ${source.typeFor({}).name}\n\nOptions:\n${options.join('\n')}\n`;
}

const VALUE_FLAGS = new Set(['for', 'template', 'name', 'save', 'region', 'account', 'stack-name', 'time']);

/** Reads the arguments; throws a WorkbenchError for a flag without its value. */
export function parseGenerateEventArguments(args: readonly string[]): GenerateEventArguments {
  const parsed: GenerateEventArguments = {
    source: undefined,
    forFunction: undefined,
    template: undefined,
    eventName: undefined,
    all: false,
    list: false,
    help: false,
    quiet: false,
    save: undefined,
    context: {},
    parameterOverrides: [],
    sourceOptions: {},
  };
  const booleanSourceOptions = new Set<string>();
  for (let index = 0; index < args.length; index++) {
    const token = args[index] ?? '';
    if (!token.startsWith('-') || token === '-') {
      if (parsed.source === undefined && parsed.forFunction === undefined) {
        parsed.source = token;
        for (const option of findEventSource(token).options) {
          if (option.kind === 'boolean') booleanSourceOptions.add(option.name);
        }
        continue;
      }
      throw new WorkbenchError(`Unexpected argument "${token}".`, {
        code: 'InvalidArguments',
        hint: 'Run with --help.',
      });
    }
    const [flag = '', inlineValue] = token.replace(/^--?/, '').split(/=(.*)/s, 2);
    const name = flag === 't' ? 'template' : flag === 'h' ? 'help' : flag;
    const takeValue = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const next = args[index + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new WorkbenchError(`--${name} needs a value.`, { code: 'InvalidArguments', hint: 'Run with --help.' });
      }
      index++;
      return next;
    };
    if (name === 'help' || name === 'all' || name === 'list' || name === 'quiet') {
      parsed[name] = true;
    } else if (name === 'parameter-overrides') {
      while (args[index + 1] !== undefined && !args[index + 1]?.startsWith('--'))
        parsed.parameterOverrides.push(args[++index] ?? '');
      if (inlineValue !== undefined) parsed.parameterOverrides.push(inlineValue);
    } else if (VALUE_FLAGS.has(name) && !(parsed.source && name === 'name' && !parsed.forFunction)) {
      const value = takeValue();
      if (name === 'for') parsed.forFunction = value;
      else if (name === 'template') parsed.template = value;
      else if (name === 'name') parsed.eventName = value;
      else if (name === 'save') parsed.save = value;
      else if (name === 'region') parsed.context.region = value;
      else if (name === 'account') parsed.context.accountId = value;
      else if (name === 'stack-name') parsed.context.stackName = value;
      else parsed.context.now = parseTime(value);
    } else {
      const value = booleanSourceOptions.has(name) && inlineValue === undefined ? 'true' : takeValue();
      const existing = parsed.sourceOptions[name];
      parsed.sourceOptions[name] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
  }
  return parsed;
}

function parseTime(value: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new WorkbenchError(`"${value}" is not a time.`, {
      code: 'InvalidArguments',
      hint: 'Use ISO-8601, such as 2025-01-31T12:00:00Z.',
    });
  }
  return time;
}

function readTemplateText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new WorkbenchError(`Cannot read the template ${path}.`, {
      code: 'TemplateNotFound',
      hint: 'Pass the template with -t, or run from the folder that holds template.yaml.',
      cause: error,
    });
  }
}

/** Runs the command, writing to the given streams (the process's, unless a test passes its own). */
export async function runGenerateEvent(
  args: readonly string[],
  output: { stdout: (text: string) => void; stderr: (text: string) => void },
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const parsed = parseGenerateEventArguments(args);
  const note = (text: string) => {
    if (!parsed.quiet) output.stderr(`note: ${text}\n`);
  };
  if (parsed.help || (!parsed.source && !parsed.forFunction && !parsed.list)) {
    output.stdout(parsed.source ? sourceHelp(findEventSource(parsed.source)) : generateEventHelp());
    return parsed.help ? 0 : 2;
  }
  const fallbackRegion = environment.AWS_REGION ?? environment.AWS_DEFAULT_REGION;
  if (!parsed.forFunction) {
    if (parsed.list) {
      output.stdout(`${EVENT_SOURCES.map((source) => source.id).join('\n')}\n`);
      return 0;
    }
    const source = findEventSource(parsed.source ?? '');
    const context = createEventContext({ ...(fallbackRegion ? { region: fallbackRegion } : {}), ...parsed.context });
    if (parsed.save) {
      throw new WorkbenchError('--save needs --for and a template.', {
        code: 'InvalidArguments',
        hint: 'Saved events belong to a function: generate-event --for LOGICAL_ID -t template.yaml --save NAME.',
      });
    }
    const event = source.generate(readEventOptions(source, parsed.sourceOptions), context);
    output.stdout(`${JSON.stringify(event, null, 2)}\n`);
    return 0;
  }
  const templatePath = resolve(parsed.template ?? 'template.yaml');
  const template = parseTemplate(readTemplateText(templatePath));
  const samConfig = readSamConfig(dirname(templatePath));
  const region = parsed.context.region ?? samConfig.region ?? fallbackRegion;
  const stackName = parsed.context.stackName ?? samConfig.stackName ?? stackNameFromFolder(dirname(templatePath));
  const options = {
    ...parsed.context,
    ...(region ? { region } : {}),
    stackName,
    parameterOverrides: { ...samConfig.parameterOverrides, ...parseParameterOverrides(parsed.parameterOverrides) },
    templateDirectory: dirname(templatePath),
  };
  const logicalId = parsed.forFunction;
  if (parsed.list) {
    const sources = listEventSources(template, logicalId, options);
    output.stdout(sources.length ? `${sources.map((source) => source.label).join('\n')}\n` : '');
    if (!sources.length) note(`${logicalId} declares no event sources.`);
    return 0;
  }
  let result: unknown;
  if (parsed.all) {
    const events = generateEventsForFunction(template, logicalId, options);
    for (const event of events) for (const text of event.notes) note(`${event.name}: ${text}`);
    result = Object.fromEntries(events.map((event) => [event.name, event.event]));
  } else {
    const names = listEventSources(template, logicalId, options).map((source) => source.name);
    const wanted = parsed.eventName ?? names[0];
    const [generated] =
      wanted === undefined
        ? generateEventsForFunction(template, logicalId, options)
        : [generateEventForSource(template, logicalId, wanted, options)];
    for (const text of generated?.notes ?? []) note(text);
    if (parsed.eventName === undefined && names.length > 1) {
      note(`${logicalId} has other event sources: ${names.slice(1).join(', ')} (pick one with --name, or --all).`);
    }
    result = generated?.event ?? {};
  }
  output.stdout(`${JSON.stringify(result, null, 2)}\n`);
  if (parsed.save) {
    const saved = await new SavedEventStore({ root: dirname(templatePath) }).save(logicalId, parsed.save, result);
    note(`saved to ${saved.path}`);
  }
  return 0;
}

/**
 * Without samconfig, the stack is named after the project folder, as the local runtime names it
 * (src/core/runtime/resolve/resolveFunctions.ts): generated names in events then match the runtime's.
 */
function stackNameFromFolder(directory: string): string {
  const name = directory.split(/[\\/]/).filter(Boolean).pop() ?? 'sam-app';
  return name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, '') || 'sam-app';
}

/** The `generate-event` subcommand. */
const generateEventCommand: CliCommand = (args) =>
  runGenerateEvent(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });

export default generateEventCommand;
