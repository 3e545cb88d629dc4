// `sam sync --code` for layers: a layer whose content changed is published as a new version of the same layer
// (PublishLayerVersion, its runtimes and description kept), and the stack's functions that use any version of it
// are moved to the new one (UpdateFunctionConfiguration; PublishVersion + UpdateAlias for AutoPublishAlias), without
// CloudFormation. Unchanged content (the newest version's CodeSha256) publishes nothing.
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { WorkbenchError } from '../errors';
import type { JsonObject, JsonValue } from '../template/templateJson';
import { buildApplication } from './build/buildApplication';
import { stackPhysicalIds, waitUntilUpdated, type CodeSyncContext } from './codeSync';
import { zipDirectory } from './deterministicZip';
import { readTemplateFile } from './templateFile';

/** A layer to sync: its logical ID and the folder to zip (its build output, or its folder when it is not built). */
export interface LayerSyncTarget {
  logicalId: string;
  contentDirectory: string;
}

/** What happened to one layer and the functions using it. */
export interface LayerSyncResult {
  logicalId: string;
  status: 'updated' | 'unchanged';
  layerVersionArn: string;
  /** Functions moved to the new version: name, and the version published for their alias. */
  functions: Array<{ functionName: string; publishedVersion?: string; alias?: string }>;
}

/** Builds the template's layers (all, or `only`) and lists what to sync. */
export async function planLayerSync(options: {
  templatePath: string;
  only?: readonly string[];
}): Promise<LayerSyncTarget[]> {
  const templatePath = resolve(options.templatePath);
  const buildDirectory = join(dirname(templatePath), '.aws-sam', 'build');
  await buildApplication({ templatePath, buildDirectory, ...(options.only ? { only: options.only } : {}) });
  const built = (await readTemplateFile(join(buildDirectory, 'template.yaml'))).template;
  const targets: LayerSyncTarget[] = [];
  for (const [logicalId, value] of Object.entries(asObject(built['Resources']) ?? {})) {
    const resource = asObject(value);
    const properties = asObject(resource?.['Properties']) ?? {};
    const content =
      resource?.['Type'] === 'AWS::Serverless::LayerVersion'
        ? properties['ContentUri']
        : resource?.['Type'] === 'AWS::Lambda::LayerVersion'
          ? properties['Content']
          : undefined;
    if (typeof content !== 'string' || content.startsWith('s3://')) continue;
    if (options.only && !options.only.includes(logicalId)) continue;
    targets.push({ logicalId, contentDirectory: resolve(buildDirectory, content) });
  }
  return targets;
}

/** Publishes the layers whose content changed and moves the stack's functions using them to the new versions. */
export async function syncLayers(
  context: CodeSyncContext,
  stackName: string,
  layers: readonly LayerSyncTarget[],
  aliases: ReadonlyMap<string, string>,
): Promise<LayerSyncResult[]> {
  if (layers.length === 0) return [];
  const deployedLayers = await stackPhysicalIds(context, stackName, 'AWS::Lambda::LayerVersion');
  const functions = await stackPhysicalIds(context, stackName, 'AWS::Lambda::Function');
  const results: LayerSyncResult[] = [];
  // One at a time: two layers of one function would race on its configuration.
  for (const layer of layers) {
    // The SAM transform names an AWS::Serverless::LayerVersion's version after its content: SharedLayer1a2b3c4d5e.
    const deployedArn =
      deployedLayers.get(layer.logicalId) ??
      [...deployedLayers].find(([logicalId]) => isSamLayerVersionOf(logicalId, layer.logicalId))?.[1];
    if (!deployedArn) {
      throw new WorkbenchError(`${layer.logicalId} is not a layer of the stack ${stackName}.`, {
        code: 'LayerNotDeployed',
        hint: 'Deploy the stack first (new layers and other changes go through CloudFormation).',
      });
    }
    results.push(await syncLayer(context, layer, deployedArn, functions, aliases));
  }
  return results;
}

async function syncLayer(
  context: CodeSyncContext,
  layer: LayerSyncTarget,
  deployedArn: string,
  functions: ReadonlyMap<string, string>,
  aliases: ReadonlyMap<string, string>,
): Promise<LayerSyncResult> {
  const { lambda: api } = context.clients;
  // arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION: a sync publishes versions the stack does not know, so the
  // newest version of the layer is what the functions run.
  const layerArn = deployedArn.slice(0, deployedArn.lastIndexOf(':'));
  const layerName = layerArn.slice(layerArn.lastIndexOf(':') + 1);
  const newest =
    (await context.lambda.send(new api.ListLayerVersionsCommand({ LayerName: layerArn, MaxItems: 1 })))
      .LayerVersions?.[0]?.LayerVersionArn ?? deployedArn;
  const current = await context.lambda.send(new api.GetLayerVersionByArnCommand({ Arn: newest }));
  const zip = await zipDirectory(layer.contentDirectory);
  const sha = createHash('sha256').update(zip).digest('base64');
  if (current.Content?.CodeSha256 === sha) {
    return { logicalId: layer.logicalId, status: 'unchanged', layerVersionArn: newest, functions: [] };
  }
  const published = await context.lambda.send(
    new api.PublishLayerVersionCommand({
      LayerName: layerName,
      Content: { ZipFile: zip },
      ...(current.Description ? { Description: current.Description } : {}),
      ...(current.CompatibleRuntimes?.length ? { CompatibleRuntimes: current.CompatibleRuntimes } : {}),
      ...(current.CompatibleArchitectures?.length ? { CompatibleArchitectures: current.CompatibleArchitectures } : {}),
      ...(current.LicenseInfo ? { LicenseInfo: current.LicenseInfo } : {}),
    }),
  );
  const publishedArn = published.LayerVersionArn ?? '';
  const moved: LayerSyncResult['functions'] = [];
  for (const [logicalId, functionName] of functions) {
    const configuration = await context.lambda.send(
      new api.GetFunctionConfigurationCommand({ FunctionName: functionName }),
    );
    const arns = (configuration.Layers ?? []).map((entry) => entry.Arn ?? '');
    if (!arns.some((arn) => arn.startsWith(`${layerArn}:`))) continue;
    await context.lambda.send(
      new api.UpdateFunctionConfigurationCommand({
        FunctionName: functionName,
        Layers: arns.map((arn) => (arn.startsWith(`${layerArn}:`) ? publishedArn : arn)),
      }),
    );
    await waitUntilUpdated(context, functionName);
    const alias = aliases.get(logicalId);
    if (!alias) {
      moved.push({ functionName });
      continue;
    }
    const version = await context.lambda.send(new api.PublishVersionCommand({ FunctionName: functionName }));
    await context.lambda.send(
      new api.UpdateAliasCommand({ FunctionName: functionName, Name: alias, FunctionVersion: version.Version }),
    );
    moved.push({ functionName, ...(version.Version ? { publishedVersion: version.Version } : {}), alias });
  }
  return { logicalId: layer.logicalId, status: 'updated', layerVersionArn: publishedArn, functions: moved };
}

function isSamLayerVersionOf(logicalId: string, layerLogicalId: string): boolean {
  return logicalId.startsWith(layerLogicalId) && /^[0-9a-f]{10}$/.test(logicalId.slice(layerLogicalId.length));
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
