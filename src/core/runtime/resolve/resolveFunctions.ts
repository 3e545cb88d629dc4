// Resolves a template's Lambda functions into FunctionDefinitions as `sam local invoke` would see them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { WorkbenchError } from '../../errors';
import type { Logger } from '../../logger';
import { parseTemplate, type ParsedTemplate } from '../../template/parseTemplate';
import { scalarText, UnresolvedIntrinsic } from '../../template/resolve/evaluateIntrinsics';
import { createStackIdentity, LOCAL_ACCOUNT_ID } from '../../template/resolve/stackIdentity';
import { TemplateResolver } from '../../template/resolve/templateResolver';
import { listFunctions, listResources, type TemplateResource } from '../../template/templateResources';
import { getMapValue, scalarString } from '../../template/templateTree';
import { runtimeFamilyOf } from '../runtimeIdentifier';
import type { EsbuildSettings, FunctionDefinition, LambdaArchitecture } from '../runtimeTypes';
import { resolveEnvironment, type EnvVarsFile } from './envVarsFile';
import { mergeGlobals } from './mergeGlobals';
import { readSamConfig, type SamConfigSelection, type SamConfigValues } from './samConfig';

/** How to read a template: which parameters, config and environment apply. */
export interface TemplateResolutionOptions {
  /** Absolute path of the template; CodeUri and ContentUri are relative to its folder. */
  templatePath: string;
  /** The template's text, when the caller already has it (an unsaved editor); read from disk otherwise. */
  templateText?: string;
  /** `--parameter-overrides`: beat samconfig and the defaults. */
  parameterOverrides?: Readonly<Record<string, string>>;
  /** Which samconfig tables to read from the template's folder; `false` ignores samconfig. */
  samConfig?: SamConfigSelection | false;
  /** A parsed `--env-vars` file. */
  envVars?: EnvVarsFile;
  /** The shell's variables; they override template values of declared variables. Default: none. */
  shellEnvironment?: Readonly<Record<string, string | undefined>>;
  /** Default: samconfig's region, then AWS_REGION / AWS_DEFAULT_REGION of the shell, then us-east-1. */
  region?: string;
  accountId?: string;
  /** Default: samconfig's stack_name, else the template folder's name. */
  stackName?: string;
  /** Where InlineCode is written so it can run (default: under the OS temp folder). */
  inlineCodeDirectory?: string;
  logger?: Logger;
}

/** One function of the template: its definition, or why it cannot run locally. */
export interface ResolvedFunction {
  logicalId: string;
  /** The resource type: AWS::Serverless::Function or AWS::Lambda::Function. */
  type: string;
  definition?: FunctionDefinition;
  error?: WorkbenchError;
  /** The evaluated `Events` property (SAM functions), keyed by event name. */
  events: Record<string, { Type?: unknown; Properties?: unknown }>;
}

/** All functions of a template under one set of parameters. */
export interface ResolvedTemplate {
  templatePath: string;
  /** The parsed template, for what lies outside resources (Globals, authorizers of implicit APIs). */
  template: ParsedTemplate;
  scope: TemplateResolver;
  functions: ResolvedFunction[];
  /** Things the user may want to know: unresolved parameters, intrinsics left empty, skipped layers... */
  warnings: string[];
}

const SUPPORTED_RUNTIMES_HINT = 'Local runs support nodejs* and python3.* runtimes; others need `sam local invoke`.';

/** Resolves every function of a template. Problems with one function are reported on it, not thrown. */
export function resolveTemplate(options: TemplateResolutionOptions): ResolvedTemplate {
  const templatePath = resolve(options.templatePath);
  let text = options.templateText;
  if (text === undefined) {
    try {
      text = readFileSync(templatePath, 'utf8');
    } catch (error) {
      throw WorkbenchError.chain(error, `Cannot read the template ${templatePath}`, { code: 'TemplateUnreadable' });
    }
  }
  const template = parseTemplate(text);
  assertParsed(template, templatePath);
  const projectDirectory = dirname(templatePath);
  const samConfig: SamConfigValues =
    options.samConfig === false
      ? { path: undefined, parameterOverrides: {} }
      : readSamConfig(projectDirectory, options.samConfig);
  const shell = options.shellEnvironment ?? {};
  const identity = createStackIdentity({
    region: options.region ?? samConfig.region ?? shell['AWS_REGION'] ?? shell['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
    stackName: options.stackName ?? samConfig.stackName ?? stackNameFromFolder(projectDirectory),
  });
  // Unresolvable values throw, so each property decides: empty with a warning, as SAM CLI leaves them.
  const scope = new TemplateResolver(template, identity, {
    overrideLayers: [options.parameterOverrides ?? {}, samConfig.parameterOverrides],
  });
  const warnings = [...scope.warnings];
  const globals = scope.evaluateLeniently(
    getMapValue(getMapValue(template.root, 'Globals'), 'Function'),
    'Globals',
    warnings,
  );
  const resources = listResources(template);
  const functions = listFunctions(template).map((resource) =>
    resolveOne(resource, {
      options,
      scope,
      projectDirectory,
      globals: isRecord(globals) ? globals : {},
      resources,
      warnings,
    }),
  );
  for (const warning of warnings) options.logger?.warn(warning);
  return { templatePath, template, scope, functions, warnings };
}

/** Resolves one function by logical ID; throws a WorkbenchError when it is missing or cannot run locally. */
export function resolveFunction(options: TemplateResolutionOptions & { logicalId: string }): FunctionDefinition {
  const resolved = resolveTemplate(options);
  const entry = resolved.functions.find((candidate) => candidate.logicalId === options.logicalId);
  if (!entry) {
    const names = resolved.functions.map((candidate) => candidate.logicalId).join(', ') || 'none';
    throw new WorkbenchError(`The template has no function named ${options.logicalId}.`, {
      code: 'FunctionNotFound',
      hint: `Functions in ${options.templatePath}: ${names}.`,
    });
  }
  if (entry.error || !entry.definition) throw entry.error ?? new WorkbenchError(`${options.logicalId} cannot run.`);
  return entry.definition;
}

interface ResolutionContext {
  options: TemplateResolutionOptions;
  scope: TemplateResolver;
  projectDirectory: string;
  globals: Record<string, unknown>;
  resources: TemplateResource[];
  warnings: string[];
}

function resolveOne(resource: TemplateResource, context: ResolutionContext): ResolvedFunction {
  const type = resource.type ?? '';
  const entry: ResolvedFunction = { logicalId: resource.logicalId, type, events: {} };
  try {
    const isSam = type === 'AWS::Serverless::Function';
    const own = context.scope.evaluateLeniently(
      getMapValue(resource.node, 'Properties'),
      `${resource.logicalId}.Properties`,
      context.warnings,
    );
    const properties = isSam ? mergeGlobals(context.globals, isRecord(own) ? own : {}) : isRecord(own) ? own : {};
    if (isRecord(properties['Events'])) entry.events = properties['Events'] as ResolvedFunction['events'];
    warnIfConditionFalse(resource, context);
    entry.definition = buildDefinition(resource, properties, isSam, context);
  } catch (error) {
    if (error instanceof WorkbenchError) entry.error = error;
    else if (error instanceof UnresolvedIntrinsic) {
      entry.error = WorkbenchError.chain(error, `${resource.logicalId} cannot be resolved`, { code: 'Unresolvable' });
    } else throw error;
  }
  return entry;
}

function buildDefinition(
  resource: TemplateResource,
  properties: Record<string, unknown>,
  isSam: boolean,
  context: ResolutionContext,
): FunctionDefinition {
  const { scope, options } = context;
  const logicalId = resource.logicalId;
  if (properties['PackageType'] === 'Image') {
    throw new WorkbenchError(
      `${logicalId} is a container image function; local runs without Docker need a zip function.`,
      {
        code: 'UnsupportedPackageType',
        hint: 'Use `sam local invoke` with Docker for image functions.',
      },
    );
  }
  const runtime = scalarText(properties['Runtime']);
  if (!runtime || !runtimeFamilyOf(runtime)) {
    throw new WorkbenchError(`${logicalId} uses the runtime "${runtime ?? '(none)'}", which cannot run locally.`, {
      code: 'UnsupportedRuntime',
      hint: SUPPORTED_RUNTIMES_HINT,
    });
  }
  const handler = scalarText(properties['Handler']);
  if (!handler) {
    throw new WorkbenchError(`${logicalId} has no Handler.`, {
      code: 'MissingHandler',
      hint: 'Set Handler, e.g. app.handler (file app, export handler).',
    });
  }
  const codeDirectory = resolveCode(logicalId, runtime, properties, isSam, context);
  const functionName = scalarText(properties['FunctionName']) ?? logicalId;
  const templateVariables: Record<string, string> = {};
  const variables = isRecord(properties['Environment']) ? properties['Environment']['Variables'] : undefined;
  for (const [name, value] of Object.entries(isRecord(variables) ? variables : {})) {
    // SAM CLI sets values it cannot turn into text (unresolved intrinsics) to the empty string.
    templateVariables[name] = scalarText(value) ?? '';
  }
  const loggingConfig = properties['LoggingConfig'];
  const logGroupName =
    (isRecord(loggingConfig) ? scalarText(loggingConfig['LogGroup']) : undefined) ?? `/aws/lambda/${functionName}`;
  const architectures = properties['Architectures'];
  const architecture: LambdaArchitecture =
    Array.isArray(architectures) && architectures[0] === 'arm64' ? 'arm64' : 'x86_64';
  const definition: FunctionDefinition = {
    functionName,
    logicalId,
    templatePath: resolve(options.templatePath),
    runtime,
    handler,
    codeDirectory,
    memorySizeMb: positiveNumber(properties['MemorySize'], 128),
    timeoutSeconds: positiveNumber(properties['Timeout'], 3),
    environment: resolveEnvironment({
      template: templateVariables,
      shell: options.shellEnvironment,
      file: options.envVars,
      functionKeys: [logicalId, functionName],
    }),
    layerDirectories: resolveLayers(logicalId, properties['Layers'], context),
    version: '$LATEST',
    architecture,
    region: scope.identity.region,
    accountId: scope.identity.accountId,
    functionArn: scope.arnOf('AWS::Lambda::Function', functionName),
    logGroupName,
  };
  const build = esbuildSettings(getMapValue(resource.node, 'Metadata'), context.scope);
  if (build) definition.build = build;
  return definition;
}

function resolveCode(
  logicalId: string,
  runtime: string,
  properties: Record<string, unknown>,
  isSam: boolean,
  context: ResolutionContext,
): string {
  const inline = isSam
    ? properties['InlineCode']
    : isRecord(properties['Code'])
      ? properties['Code']['ZipFile']
      : undefined;
  if (typeof inline === 'string') return writeInlineCode(inline, runtime, context.options.inlineCodeDirectory);
  const location = isSam ? properties['CodeUri'] : properties['Code'];
  if (location === undefined && isSam) return context.projectDirectory;
  if (typeof location !== 'string') {
    throw new WorkbenchError(`${logicalId}'s code is in S3 or not given as a local folder.`, {
      code: 'CodeNotLocal',
      hint: 'Point CodeUri (or Code) at a folder next to the template to run it locally.',
    });
  }
  const directory = isAbsolute(location) ? location : resolve(context.projectDirectory, location);
  let isDirectory = false;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch {
    throw new WorkbenchError(`${logicalId}'s CodeUri ${location} does not exist (looked for ${directory}).`, {
      code: 'CodeNotFound',
      hint: 'CodeUri is relative to the template folder.',
    });
  }
  if (!isDirectory) {
    throw new WorkbenchError(`${logicalId}'s CodeUri ${location} is a file; local runs need a folder.`, {
      code: 'CodeNotFolder',
      hint: 'Point CodeUri at the unpacked folder instead of a .zip.',
    });
  }
  return directory;
}

/** Lambda writes ZipFile/InlineCode as index.js or index.py; the file is content-addressed so it is written once. */
function writeInlineCode(code: string, runtime: string, root?: string): string {
  const digest = createHash('sha256').update(runtime).update('\0').update(code).digest('hex').slice(0, 16);
  const directory = join(root ?? join(tmpdir(), 'serverless-workbench', 'inline-code'), digest);
  const fileName = runtimeFamilyOf(runtime) === 'python' ? 'index.py' : 'index.js';
  if (!existsSync(join(directory, fileName))) {
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, fileName), code);
  }
  return directory;
}

/** Local layers: a Ref to a layer resource of this template with a local ContentUri (or Content path). */
function resolveLayers(logicalId: string, layers: unknown, context: ResolutionContext): string[] {
  if (!Array.isArray(layers)) return [];
  const directories: string[] = [];
  for (const layer of layers) {
    const reference = typeof layer === 'string' ? layer : undefined;
    const resource = context.resources.find(
      (candidate) =>
        (candidate.type === 'AWS::Serverless::LayerVersion' || candidate.type === 'AWS::Lambda::LayerVersion') &&
        reference !== undefined &&
        context.scope.refValue(candidate.logicalId) === reference,
    );
    if (!resource) {
      context.warnings.push(
        `${logicalId}: the layer ${String(reference ?? JSON.stringify(layer))} is not local and is skipped.`,
      );
      continue;
    }
    const propertiesNode = getMapValue(resource.node, 'Properties');
    const content = context.scope.resolveValue(
      getMapValue(propertiesNode, resource.type === 'AWS::Serverless::LayerVersion' ? 'ContentUri' : 'Content'),
    );
    const directory = typeof content === 'string' ? resolve(context.projectDirectory, content) : undefined;
    if (!directory || !existsSync(directory)) {
      context.warnings.push(
        `${logicalId}: the layer ${resource.logicalId} has no local content folder and is skipped.`,
      );
      continue;
    }
    directories.push(directory);
  }
  return directories;
}

function esbuildSettings(
  metadata: ReturnType<typeof getMapValue>,
  scope: TemplateResolver,
): EsbuildSettings | undefined {
  if (scalarString(getMapValue(metadata, 'BuildMethod')) !== 'esbuild') return undefined;
  const properties = scope.resolveValue(getMapValue(metadata, 'BuildProperties'));
  const settings: EsbuildSettings = { method: 'esbuild' };
  if (!isRecord(properties)) return settings;
  const entryPoints = properties['EntryPoints'];
  if (Array.isArray(entryPoints)) settings.entryPoints = entryPoints.map(String);
  if (properties['Format'] === 'esm' || properties['Format'] === 'cjs') settings.format = properties['Format'];
  if (typeof properties['Target'] === 'string') settings.target = properties['Target'];
  if (Array.isArray(properties['External'])) settings.external = properties['External'].map(String);
  if (properties['Minify'] !== undefined)
    settings.minify = properties['Minify'] === true || properties['Minify'] === 'true';
  if (properties['Sourcemap'] !== undefined) {
    settings.sourcemap = properties['Sourcemap'] === true || properties['Sourcemap'] === 'true';
  }
  return settings;
}

function warnIfConditionFalse(resource: TemplateResource, context: ResolutionContext): void {
  const condition = scalarString(getMapValue(resource.node, 'Condition'));
  if (!condition) return;
  try {
    if (!context.scope.evaluateCondition(condition)) {
      context.warnings.push(
        `${resource.logicalId} has Condition ${condition}, which is false with these parameters: it would not be deployed.`,
      );
    }
  } catch (error) {
    if (!(error instanceof UnresolvedIntrinsic)) throw error;
  }
}

/** Throws a WorkbenchError for templates whose syntax errors make resolution meaningless. */
function assertParsed(template: ParsedTemplate, templatePath: string): void {
  const error = template.problems.find((problem) => problem.severity === 'error');
  if (!template.root || error) {
    throw new WorkbenchError(`${templatePath} cannot be parsed: ${error?.message ?? 'the file is empty'}`, {
      code: 'TemplateParseError',
      hint: 'Fix the template syntax first; the Problems panel shows where.',
    });
  }
}

function stackNameFromFolder(directory: string): string {
  const name = directory.split(/[\\/]/).filter(Boolean).pop() ?? 'sam-app';
  const cleaned = name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, '');
  return cleaned || 'sam-app';
}

function positiveNumber(value: unknown, fallback: number): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(number) && number > 0 ? number : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
