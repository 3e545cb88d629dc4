// `serverless-workbench transform TEMPLATE`: the CloudFormation template SAM generates, on stdout, as AWS's
// translator would produce it (functions' roles, permissions, versions, API definitions...). On a translator error
// it exits 1 with AWS's message and the line of each problem, as `lint` places them.
import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { WorkbenchError } from '../core/errors';
import { parseParameterOverrides } from '../core/runtime/resolve/parameterOverrides';
import { readSamConfig } from '../core/runtime/resolve/samConfig';
import { SamTransformError } from '../core/sam/samTransformError';
import { transformTemplateText, type TemplateTextFormat } from '../core/sam/transformedTemplate';
import { describeTransformRefusal } from '../core/template/language/validateSamTransform';
import { cliUsageError, parseTemplateCommandArguments, type TemplateCommandOptions } from './templateCommandOptions';

const HELP = `Usage:
  serverless-workbench transform [TEMPLATE] [--format json|yaml] [-o FILE] [--parameter-overrides K=V ...]

Prints the CloudFormation template that the SAM transform (AWS::Serverless-2016-10-31) makes of TEMPLATE: the
Lambda functions, roles, permissions, versions and aliases, event source mappings, rules, API definitions and
stages that AWS's translator generates. Local CodeUri, ContentUri and DefinitionUri paths stand as
s3://local-artifact/<path> (packaging uploads them and writes the real locations). A template without the SAM
transform is printed as it is.

Exits 0 on success; 1 when the translator refuses the template (AWS's message, then file:line:column of each
problem, on stderr); 2 on bad arguments or an unreadable template.

  TEMPLATE, -t FILE      The template (default: template.yaml, .yml or .json in the current folder)
  --format json|yaml     The output format (default: the template's own)
  -o, --output FILE      Write the result to FILE instead of stdout
  --parameter-overrides  Template parameter values (K=V or ParameterKey=K,ParameterValue=V); default: the
                         parameter_overrides of samconfig.toml's deploy table, then each parameter's Default
  --config-env NAME      The samconfig.toml environment (default "default")
  --region R             The region the translator resolves AWS::Region to (default: samconfig, AWS_REGION,
                         us-east-1)
`;

interface TransformArguments extends TemplateCommandOptions {
  format?: TemplateTextFormat;
  output?: string;
}

function parseArguments(args: readonly string[]): TransformArguments {
  const initial: TransformArguments = { parameterOverrides: [], verbose: false, help: false };
  return parseTemplateCommandArguments('transform', args, initial, (arg, value, parsed) => {
    if (arg === '--format' || arg.startsWith('--format=')) {
      const format = arg.includes('=') ? arg.slice('--format='.length) : value();
      if (format !== 'json' && format !== 'yaml') throw cliUsageError('transform', `Unknown format "${format}".`);
      parsed.format = format;
      return true;
    }
    if (arg === '-o' || arg === '--output') {
      parsed.output = value();
      return true;
    }
    if (arg.startsWith('-') || parsed.template !== undefined) return false;
    parsed.template = arg;
    return true;
  });
}

const transformCommand: CliCommand = async (args) => {
  const parsed = parseArguments(args);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const templatePath = resolve(parsed.template ?? defaultTemplate());
  let text: string;
  try {
    text = await readFile(templatePath, 'utf8');
  } catch (error) {
    throw WorkbenchError.chain(error, `Cannot read the template ${templatePath}`, {
      code: 'TemplateNotFound',
      hint: 'Pass the template as the first argument.',
    });
  }
  const samConfig = readSamConfig(dirname(templatePath), {
    environment: parsed.configEnv ?? 'default',
    command: 'deploy',
  });
  const parameterValues = { ...samConfig.parameterOverrides, ...parseParameterOverrides(parsed.parameterOverrides) };
  const region = parsed.region ?? samConfig.region ?? process.env.AWS_REGION;
  const shown = relative(process.cwd(), templatePath) || templatePath;
  try {
    const result = transformTemplateText(text, {
      path: shown,
      parameterValues,
      ...(parsed.format ? { format: parsed.format } : {}),
      ...(region ? { region } : {}),
    });
    if (!result.transformed) process.stderr.write(`${shown} does not use the SAM transform; printed as it is.\n`);
    if (parsed.output) writeFileSync(resolve(parsed.output), result.text);
    else process.stdout.write(result.text);
    return 0;
  } catch (error) {
    if (!(error instanceof SamTransformError)) throw error;
    const refusal = describeTransformRefusal(text, shown, error);
    const gap = refusal.ourGap
      ? "Serverless Workbench's SAM transform does not cover this yet; AWS's translator accepts the template.\n"
      : '';
    process.stderr.write(`Error: ${error.message}\n${refusal.located.map((line) => `${line}\n`).join('')}${gap}`);
    return 1;
  }
};

function defaultTemplate(): string {
  const found = ['template.yaml', 'template.yml', 'template.json'].find((name) => existsSync(name));
  if (!found) throw cliUsageError('transform', 'No template.yaml in the current folder; pass the template.');
  return found;
}

export default transformCommand;
