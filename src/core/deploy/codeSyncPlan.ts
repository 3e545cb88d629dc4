// What a code sync sends: the template's functions built (incrementally, as `build` does) and, for each, the
// build folder to zip and its AutoPublishAlias.
import { dirname, join, resolve } from 'node:path';
import type { JsonObject, JsonValue } from '../template/templateJson';
import { buildApplication, type BuildProgress } from './build/buildApplication';
import type { CodeSyncTarget } from './codeSync';
import { readTemplateFile } from './templateFile';

/** Builds the functions (all, or `only`) and lists what to sync. */
export async function planCodeSync(options: {
  templatePath: string;
  buildDirectory?: string;
  only?: readonly string[];
  onProgress?: (event: BuildProgress) => void;
}): Promise<CodeSyncTarget[]> {
  const templatePath = resolve(options.templatePath);
  const buildDirectory = options.buildDirectory ?? join(dirname(templatePath), '.aws-sam', 'build');
  const template = (await readTemplateFile(templatePath)).template;
  await buildApplication({
    templatePath,
    buildDirectory,
    ...(options.only ? { only: options.only } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const built = (await readTemplateFile(join(buildDirectory, 'template.yaml'))).template;
  const resources = asObject(built['Resources']) ?? {};
  const globalAlias = asObject(asObject(template['Globals'])?.['Function'])?.['AutoPublishAlias'];
  const targets: CodeSyncTarget[] = [];
  for (const [logicalId, value] of Object.entries(resources)) {
    const resource = asObject(value);
    const properties = asObject(resource?.['Properties']) ?? {};
    const type = resource?.['Type'];
    const code =
      type === 'AWS::Serverless::Function'
        ? properties['CodeUri']
        : type === 'AWS::Lambda::Function'
          ? properties['Code']
          : undefined;
    // Built functions point at their own folder in the build; others (inline, S3, images) are not synced.
    if (code !== logicalId || (options.only && !options.only.includes(logicalId))) continue;
    const alias = resolveParameter(
      template,
      properties['AutoPublishAlias'] ?? (type === 'AWS::Serverless::Function' ? globalAlias : undefined),
    );
    targets.push({
      logicalId,
      artifactDirectory: join(buildDirectory, logicalId),
      ...(typeof alias === 'string' && alias ? { autoPublishAlias: alias } : {}),
    });
  }
  return targets;
}

function resolveParameter(template: JsonObject, value: JsonValue | undefined): JsonValue | undefined {
  const reference = asObject(value)?.['Ref'];
  if (typeof reference !== 'string') return value;
  return asObject(asObject(template['Parameters'])?.[reference])?.['Default'];
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
