// The guided first deploy (as `sam deploy --guided`): stack name, where to deploy, parameter values (AllowedValues
// as choices), the capabilities the template needs, acknowledged, and whether to save it all to samconfig.toml
// (only with consent, keeping the file's comments).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { setSamConfigValues } from '../../core/deploy/samConfigWriter';
import type { JsonObject, JsonValue } from '../../core/template/templateJson';
import { COMMAND_IDS } from '../../platform/commandIds';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';
import { samConfigPathFor, type DeploySettings } from './deploySettings';

/** Asks for everything a first deploy needs; undefined when the person backs out. */
export async function guideFirstDeploy(
  templatePath: string,
  template: JsonObject,
  backend: AwsBackendConnection,
): Promise<{ settings: DeploySettings; save: boolean } | undefined> {
  const title = `Deploy ${basename(dirname(templatePath))}/${basename(templatePath)}`;
  const stackName = await vscode.window.showInputBox({
    title: `${title} (1/4): stack name`,
    prompt: 'The CloudFormation stack to create or update',
    value: suggestedStackName(templatePath),
    ignoreFocusOut: true,
    validateInput: (value) =>
      /^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value)
        ? undefined
        : 'Letters, digits and hyphens, starting with a letter (128 at most)',
  });
  if (!stackName) return undefined;

  for (;;) {
    const keep = { label: `$(cloud) Deploy to ${backend.describe()}`, keep: true };
    const change = { label: '$(settings-gear) Choose another backend, profile or region...', keep: false };
    const where = await vscode.window.showQuickPick([keep, change], {
      title: `${title} (2/4): where`,
      ignoreFocusOut: true,
    });
    if (!where) return undefined;
    if (where.keep) break;
    await vscode.commands.executeCommand(COMMAND_IDS.backendSwitch);
  }

  const parameterOverrides: Record<string, string> = {};
  for (const [name, value] of Object.entries(asObject(template['Parameters']) ?? {})) {
    const parameter = asObject(value) ?? {};
    const chosen = await askParameter(title, name, parameter);
    if (chosen === undefined) return undefined;
    parameterOverrides[name] = chosen;
  }

  const needed = neededCapabilities(template);
  const capabilityItems = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'].map((name) => ({
    label: name,
    picked: needed.includes(name),
    description: CAPABILITY_DESCRIPTIONS[name],
  }));
  const capabilities = await vscode.window.showQuickPick(capabilityItems, {
    title: `${title} (3/4): acknowledge what the stack may do`,
    placeHolder: 'The template needs the checked ones; deploying without them fails',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!capabilities) return undefined;

  const samConfig = samConfigPathFor(templatePath) ?? join(dirname(templatePath), 'samconfig.toml');
  const saveItem = {
    label: `$(save) Save to ${basename(samConfig)}`,
    description: '[default.deploy.parameters], comments kept',
    save: true,
  };
  const skipItem = {
    label: "$(circle-slash) Don't save",
    description: 'remembered for this workspace only',
    save: false,
  };
  const saveChoice = await vscode.window.showQuickPick([saveItem, skipItem], {
    title: `${title} (4/4): save these settings for next time?`,
    ignoreFocusOut: true,
  });
  if (!saveChoice) return undefined;
  const settings: DeploySettings = {
    stackName,
    parameterOverrides,
    capabilities: capabilities.map((item) => item.label),
    tags: {},
  };
  if (saveChoice.save) saveToSamConfig(samConfig, settings);
  return { settings, save: saveChoice.save };
}

/** Writes the settings into samconfig.toml (created if missing), changing only the deploy table's lines. */
export function saveToSamConfig(path: string, settings: DeploySettings): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const overrides = Object.entries(settings.parameterOverrides)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(' ');
  writeFileSync(
    path,
    setSamConfigValues(text, 'default', 'deploy', {
      stack_name: settings.stackName,
      ...(settings.capabilities.length ? { capabilities: settings.capabilities.join(' ') } : {}),
      ...(overrides ? { parameter_overrides: overrides } : {}),
    }),
  );
}

async function askParameter(title: string, name: string, parameter: JsonObject): Promise<string | undefined> {
  const description = typeof parameter['Description'] === 'string' ? parameter['Description'] : undefined;
  const defaultValue = parameter['Default'];
  const fallback =
    typeof defaultValue === 'string' || typeof defaultValue === 'number' ? String(defaultValue) : undefined;
  const allowed = parameter['AllowedValues'];
  if (Array.isArray(allowed) && allowed.length > 0) {
    const items = allowed.map((value: JsonValue) => {
      const label = typeof value === 'string' ? value : JSON.stringify(value);
      return { label, description: label === fallback ? 'default' : undefined };
    });
    items.sort((a, b) => Number(b.description === 'default') - Number(a.description === 'default'));
    const picked = await vscode.window.showQuickPick(items, {
      title: `${title}: parameter ${name}`,
      placeHolder: description,
      ignoreFocusOut: true,
    });
    return picked?.label;
  }
  return vscode.window.showInputBox({
    title: `${title}: parameter ${name}`,
    prompt: description ?? `Value of ${name}`,
    value: fallback ?? '',
    password: parameter['NoEcho'] === true || parameter['NoEcho'] === 'true',
    ignoreFocusOut: true,
  });
}

const CAPABILITY_DESCRIPTIONS: Record<string, string> = {
  CAPABILITY_IAM: 'creates IAM roles and policies (SAM functions get a role each)',
  CAPABILITY_NAMED_IAM: 'creates IAM resources with names you chose',
  CAPABILITY_AUTO_EXPAND: 'expands macros and nested applications',
};

/** The capabilities CloudFormation will ask for: IAM for SAM functions and IAM resources, the rest as named. */
export function neededCapabilities(template: JsonObject): string[] {
  const needed = new Set<string>();
  const transforms = [template['Transform']].flat().filter((name): name is string => typeof name === 'string');
  for (const resource of Object.values(asObject(template['Resources']) ?? {})) {
    const type = asObject(resource)?.['Type'];
    const properties = asObject(asObject(resource)?.['Properties']) ?? {};
    if (typeof type !== 'string') continue;
    if (type === 'AWS::Serverless::Function' && properties['Role'] === undefined) needed.add('CAPABILITY_IAM');
    if (type === 'AWS::Serverless::StateMachine' && properties['Role'] === undefined) needed.add('CAPABILITY_IAM');
    if (type.startsWith('AWS::IAM::')) {
      needed.add(
        ['RoleName', 'UserName', 'GroupName', 'ManagedPolicyName'].some((key) => key in properties)
          ? 'CAPABILITY_NAMED_IAM'
          : 'CAPABILITY_IAM',
      );
    }
    if (type === 'AWS::Serverless::Application' || type === 'AWS::CloudFormation::Stack')
      needed.add('CAPABILITY_AUTO_EXPAND');
  }
  if (transforms.some((name) => name !== 'AWS::Serverless-2016-10-31' && name !== 'AWS::LanguageExtensions'))
    needed.add('CAPABILITY_AUTO_EXPAND');
  return [...needed];
}

function suggestedStackName(templatePath: string): string {
  const folder = basename(dirname(templatePath))
    .replace(/[^A-Za-z0-9-]/g, '-')
    .replace(/^[^A-Za-z]+/, '');
  return folder || 'sam-app';
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
