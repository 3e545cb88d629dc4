// The settings a deploy from the editor uses: samconfig.toml's [default.deploy.parameters] beside the template
// (as the CLI reads them), else what the person chose in the guided first deploy (remembered per workspace when
// they did not want it saved).
import { dirname } from 'node:path';
import type * as vscode from 'vscode';
import { findSamConfig, readSamConfigParameters } from '../../core/runtime/resolve/samConfig';
import { parseParameterOverrides } from '../../core/runtime/resolve/parameterOverrides';

/** What one deployment of a template needs to know. */
export interface DeploySettings {
  stackName: string;
  parameterOverrides: Record<string, string>;
  capabilities: string[];
  tags: Record<string, string>;
  s3Bucket?: string;
  s3Prefix?: string;
}

const REMEMBERED_KEY = 'serverlessWorkbench.deploySettings';

/** The settings from samconfig.toml, or those remembered for the workspace; undefined before a first deploy. */
export function readDeploySettings(templatePath: string, memory: vscode.Memento): DeploySettings | undefined {
  const fromFile = settingsFromSamConfig(templatePath);
  if (fromFile) return fromFile;
  return memory.get<Record<string, DeploySettings>>(REMEMBERED_KEY)?.[templatePath];
}

/** Remembers the settings for this workspace only (the person chose not to write samconfig.toml). */
export async function rememberDeploySettings(
  templatePath: string,
  settings: DeploySettings,
  memory: vscode.Memento,
): Promise<void> {
  const all = memory.get<Record<string, DeploySettings>>(REMEMBERED_KEY) ?? {};
  await memory.update(REMEMBERED_KEY, { ...all, [templatePath]: settings });
}

/** The samconfig.toml that belongs to the template (beside it), if any. */
export function samConfigPathFor(templatePath: string): string | undefined {
  return findSamConfig(dirname(templatePath));
}

function settingsFromSamConfig(templatePath: string): DeploySettings | undefined {
  const { parameters } = readSamConfigParameters(samConfigPathFor(templatePath), {
    environment: 'default',
    command: 'deploy',
  });
  const stackName = parameters['stack_name'];
  if (typeof stackName !== 'string' || !stackName) return undefined;
  const words = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  const bucket = parameters['s3_bucket'];
  const prefix = parameters['s3_prefix'];
  return {
    stackName,
    parameterOverrides: parseParameterOverrides(words(parameters['parameter_overrides'])),
    capabilities: words(parameters['capabilities'])
      .flatMap((word) => word.split(/[\s,]+/))
      .filter(Boolean),
    tags: parseParameterOverrides(words(parameters['tags'])),
    ...(typeof bucket === 'string' && bucket ? { s3Bucket: bucket } : {}),
    ...(typeof prefix === 'string' && prefix ? { s3Prefix: prefix } : {}),
  };
}
