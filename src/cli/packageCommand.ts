// `serverless-workbench package`: uploads a template's local artifacts (deterministic zips, content-addressed keys)
// and writes the template that points at them, as `sam package` / `aws cloudformation package` do.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { explainAwsError } from '../core/aws/explainAwsError';
import type { UploadedArtifact } from '../core/deploy/artifactUploader';
import { openArtifactDestination } from '../core/deploy/artifactDestination';
import { packageTemplate } from '../core/deploy/packageTemplate';
import { serializeTemplate } from '../core/deploy/templateFile';
import { WorkbenchError } from '../core/errors';
import { BACKEND_OPTIONS_HELP, connectCliBackend } from './backendOptions';
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
  type SamCommandOptions,
} from './samCommandOptions';
import { exitCodeOf } from './commandFailure';
import { cliUsageError, stderrLogger } from './templateCommandOptions';

/** Where artifacts go; shared with deploy, which packages first. */
export const ARTIFACT_OPTIONS: readonly OptionSpec[] = [
  {
    flags: ['--s3-bucket'],
    key: 's3_bucket',
    kind: 'string',
    help: 'The bucket for artifacts (default: the managed bucket)',
  },
  { flags: ['--s3-prefix'], key: 's3_prefix', kind: 'string', help: 'A key prefix for every artifact' },
  { flags: ['--resolve-s3'], key: 'resolve_s3', kind: 'boolean', help: 'Use the managed bucket, created on first use' },
  { flags: ['--kms-key-id'], key: 'kms_key_id', kind: 'string', help: 'Encrypt artifacts with this KMS key' },
  {
    flags: ['--force-upload'],
    key: 'force_upload',
    kind: 'boolean',
    help: 'Upload even when the bucket has the artifact',
  },
  { flags: ['--metadata'], key: 'metadata', kind: 'words', help: 'Object metadata, K=V ...' },
];

const PACKAGE_OPTIONS: readonly OptionSpec[] = [
  templateFileOption('Default: .aws-sam/build/template.yaml, else template.yaml'),
  ...ARTIFACT_OPTIONS,
  {
    flags: ['--output-template-file'],
    key: 'output_template_file',
    kind: 'string',
    help: 'Write the packaged template here (default: stdout)',
  },
  { flags: ['--use-json'], key: 'use_json', kind: 'boolean', help: 'Write JSON (default: the input template format)' },
];

const HELP = `Usage:
  serverless-workbench package [-t template.yaml] [--s3-bucket B | --resolve-s3] [--output-template-file F] [...]

Zips each function's and layer's code (deterministically: the same files give the same zip), uploads every local
artifact the template names to S3 under its MD5 (skipping those already there), and writes the template with
S3 locations instead: CodeUri, ContentUri, DefinitionUri, Code, Content, BodyS3Location, DefinitionS3Location,
nested stacks and applications (packaged too), AWS::Include and more, as \`aws cloudformation package\` does.
The packaged template goes to stdout (or --output-template-file); progress to stderr. Exit 0, 1 on failure.

${renderOptionsHelp(PACKAGE_OPTIONS)}
${commonOptionsHelp('package')}

${BACKEND_OPTIONS_HELP}`;

const packageCommand: CliCommand = async (args) => {
  const parsed = parseSamCommandArguments('package', args, PACKAGE_OPTIONS);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const templatePath = resolve(stringOption(parsed, 'template_file') ?? defaultDeployTemplate('package'));
  const options = applySamConfig(parsed, PACKAGE_OPTIONS, 'package', projectDirectoryOf(templatePath));
  const logger = stderrLogger(options.verbose);
  return exitCodeOf(async () => {
    const backend = await connectCliBackend('package', options.backend, { logger });
    const clients = await backend.clients();
    const destination = await openArtifactDestination({
      clients,
      settings: (service) => backend.settings(service),
      ...artifactDestinationOptions(options),
      onArtifact: (artifact) => process.stderr.write(`${describeUpload(artifact)}\n`),
      onNotice: (message) => process.stderr.write(`${message}\n`),
    }).catch((error: unknown) => {
      throw explainAwsError(error, 'Preparing the artifact bucket', backend.description);
    });
    try {
      const packaged = await packageTemplate(templatePath, destination.uploader).catch((error: unknown) => {
        throw explainAwsError(error, 'Packaging', backend.description);
      });
      const format = booleanOption(options, 'use_json') ? 'json' : packaged.format;
      const text = serializeTemplate(packaged.template, format);
      const output = stringOption(options, 'output_template_file');
      if (!output) {
        process.stdout.write(text);
        return 0;
      }
      writeFileSync(resolve(output), text);
      process.stdout.write(
        `Successfully packaged artifacts and wrote output template to file ${output}.\n` +
          'Execute the following command to deploy the packaged template\n' +
          `serverless-workbench deploy --template-file ${resolve(output)} --stack-name <YOUR STACK NAME>\n`,
      );
      return 0;
    } finally {
      destination.dispose();
    }
  });
};

export default packageCommand;

/** The artifact options of package and deploy as openArtifactDestination takes them. */
export function artifactDestinationOptions(options: SamCommandOptions): {
  bucket?: string;
  prefix?: string;
  kmsKeyId?: string;
  forceUpload?: boolean;
  metadata?: Record<string, string>;
} {
  const bucket = stringOption(options, 's3_bucket');
  if (bucket && booleanOption(options, 'resolve_s3')) {
    throw cliUsageError('package', '--s3-bucket and --resolve-s3 cannot be used together.');
  }
  const prefix = stringOption(options, 's3_prefix');
  const kmsKeyId = stringOption(options, 'kms_key_id');
  const metadata = parseMetadata(wordsOption(options, 'metadata'));
  return {
    ...(bucket ? { bucket } : {}),
    ...(prefix ? { prefix } : {}),
    ...(kmsKeyId ? { kmsKeyId } : {}),
    ...(booleanOption(options, 'force_upload') ? { forceUpload: true } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

/** The template deploy and package use by default: the built one when `build` ran, as SAM CLI does. */
export function defaultDeployTemplate(command: string): string {
  const found = ['.aws-sam/build/template.yaml', 'template.yaml', 'template.yml', 'template.json'].find((name) =>
    existsSync(name),
  );
  if (!found) throw cliUsageError(command, 'No template.yaml in the current folder; pass one with -t.');
  return found;
}

/** One stderr line per artifact. */
export function describeUpload(artifact: UploadedArtifact): string {
  return artifact.uploaded
    ? `Uploaded ${artifact.key} (${formatBytes(artifact.size)}) to ${artifact.bucket}`
    : `Already in ${artifact.bucket}: ${artifact.key}, skipping upload`;
}

function formatBytes(size: number): string {
  return size < 1024
    ? `${size} B`
    : size < 1024 * 1024
      ? `${(size / 1024).toFixed(1)} KiB`
      : `${(size / 1048576).toFixed(1)} MiB`;
}

function parseMetadata(words: readonly string[]): Record<string, string> | undefined {
  if (words.length === 0) return undefined;
  const metadata: Record<string, string> = {};
  for (const pair of words.flatMap((word) => word.split(/[\s,]+/)).filter(Boolean)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new WorkbenchError(`"${pair}" is not metadata.`, { code: 'UsageError', hint: 'Write --metadata K=V ...' });
    }
    metadata[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return metadata;
}
