// The version and alias actions of the Deployed tree, as the book's chapters on versions, aliases and rollbacks do
// them by hand: publish a version, create an alias, point an alias at a version (instant rollback), and shift a
// share of an alias's traffic to another version. Each refreshes the function it changed.
import * as vscode from 'vscode';
import {
  aliasShares,
  describeAliasTarget,
  formatPercent,
  shiftTraffic,
  type AliasRouting,
} from '../../../core/deployed/aliasRouting';
import { WorkbenchError } from '../../../core/errors';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';
import { aliasFrom, functionFrom, targetOf } from './deployedTargets';
import { listPublishedVersions, versionItem, withLambda } from './lambdaCalls';

/** What an action reports back (tests read it; the tree refreshes the node it names). */
export interface LambdaActionResult {
  functionName: string;
  /** The version published, or the alias changed. */
  version?: string;
  alias?: AliasRouting;
}

/** Aliases are 1-128 letters, digits, `-` or `_`, and not only digits (that would read as a version). */
const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/;

/** The shares a traffic shift offers, as a slider would. */
const SHIFT_STEPS = [0, 1, 5, 10, 25, 50, 75, 90, 100];

/** Publishes $LATEST as a new version, with a description. */
export async function publishVersion(
  backend: AwsBackendConnection,
  argument: unknown,
  descriptionArgument?: string,
): Promise<LambdaActionResult | undefined> {
  const fn = await functionFrom(argument, backend, 'Publish Version');
  const description =
    descriptionArgument ??
    (await vscode.window.showInputBox({
      title: `Publish a version of ${fn.functionName}`,
      prompt: 'A description of this version (optional), e.g. what changed',
      placeHolder: 'e.g. Faster user lookup',
    }));
  if (description === undefined) return undefined;
  const published = await withLambda(backend, `Publishing a version of ${fn.functionName}`, (lambda, sdk) =>
    lambda.send(new sdk.PublishVersionCommand({ FunctionName: fn.functionName, Description: description })),
  );
  const version = published.Version ?? '?';
  // Lambda answers with the last version when nothing changed since it was published.
  const fresh = published.Description === description;
  void vscode.window.showInformationMessage(
    fresh
      ? `Published version ${version} of ${fn.functionName}.`
      : `Nothing changed since version ${version} of ${fn.functionName}: no new version was published.`,
  );
  return { functionName: fn.functionName, version };
}

/** Creates an alias pointing at a version (the node's version, else one the person picks). */
export async function createAlias(
  backend: AwsBackendConnection,
  argument: unknown,
  input: { name?: string; version?: string; description?: string } = {},
): Promise<LambdaActionResult | undefined> {
  const fn = await functionFrom(argument, backend, 'Create Alias');
  const target = targetOf(argument);
  const version =
    input.version ??
    (target?.kind === 'version'
      ? target.qualifier
      : await pickVersion(backend, fn.functionName, 'Create Alias', undefined, true));
  if (version === undefined) return undefined;
  const name =
    input.name ??
    (await vscode.window.showInputBox({
      title: `New alias of ${fn.functionName} → ${version}`,
      prompt: 'The alias name (letters, digits, - and _), e.g. live',
      value: 'live',
      validateInput: (value) => (ALIAS_NAME.test(value) ? undefined : 'Letters, digits, - and _, not only digits'),
    }));
  if (name === undefined) return undefined;
  const created = await withLambda(backend, `Creating the alias ${name} of ${fn.functionName}`, (lambda, sdk) =>
    lambda.send(
      new sdk.CreateAliasCommand({
        FunctionName: fn.functionName,
        Name: name,
        FunctionVersion: version,
        ...(input.description ? { Description: input.description } : {}),
      }),
    ),
  );
  return { functionName: fn.functionName, alias: { name, functionVersion: created.FunctionVersion ?? version } };
}

/**
 * Points an alias at one version with all its traffic: the instant rollback (or roll forward). Asks first, saying
 * where the traffic goes now.
 */
export async function pointAlias(
  backend: AwsBackendConnection,
  argument: unknown,
  versionArgument?: string,
): Promise<LambdaActionResult | undefined> {
  const { fn, alias } = await aliasFrom(argument, backend, 'Point Alias at Version');
  const version =
    versionArgument ??
    (await pickVersion(backend, fn.functionName, `Point ${alias.name} at...`, alias.functionVersion, false));
  if (version === undefined) return undefined;
  if (versionArgument === undefined) {
    const confirm = `Point ${alias.name} at ${version}`;
    const answer = await vscode.window.showWarningMessage(
      `Send all traffic of ${fn.functionName}:${alias.name} to version ${version}?`,
      { modal: true, detail: `It goes to ${describeAliasTarget(alias)} now. The change is immediate.` },
      confirm,
    );
    if (answer !== confirm) return undefined;
  }
  return updateAlias(backend, fn.functionName, alias.name, {
    FunctionVersion: version,
    RoutingConfig: { AdditionalVersionWeights: {} },
  });
}

/**
 * Shifts a share of an alias's traffic to another version (weighted routing): the version (the one already
 * receiving a share, else the newest other one) and a share from a slider-like list. 100 % completes the shift,
 * 0 % rolls it back.
 */
export async function shiftAliasTraffic(
  backend: AwsBackendConnection,
  argument: unknown,
  input: { version?: string; percent?: number } = {},
): Promise<LambdaActionResult | undefined> {
  const { fn, alias } = await aliasFrom(argument, backend, 'Shift Traffic');
  const shares = aliasShares(alias);
  const shifting = shares[1]?.version;
  const target =
    input.version ??
    shifting ??
    (await pickVersion(backend, fn.functionName, `Shift traffic of ${alias.name} to...`, alias.functionVersion, false));
  if (target === undefined) return undefined;
  if (target === alias.functionVersion) {
    throw new WorkbenchError(`${alias.name} already sends its traffic to version ${target}`, {
      code: 'SameVersion',
      hint: 'Publish a new version first, then shift traffic to it.',
    });
  }
  const current = shares.find((share) => share.version === target)?.weight ?? 0;
  const percent = input.percent ?? (await pickPercent(alias, target, current));
  if (percent === undefined) return undefined;
  return updateAlias(backend, fn.functionName, alias.name, shiftTraffic(alias.functionVersion, target, percent));
}

async function pickPercent(alias: AliasRouting, target: string, current: number): Promise<number | undefined> {
  const items = SHIFT_STEPS.map((percent) => ({
    label: `${Math.round(current * 100) === percent ? '$(check) ' : ''}${percent} % to ${target}`,
    description:
      percent === 0
        ? `all back to ${alias.functionVersion} (roll back)`
        : percent === 100
          ? `all to ${target} (complete)`
          : `${100 - percent} % stay on ${alias.functionVersion}`,
    percent,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Shift ${alias.name}: now ${describeAliasTarget(alias)}`,
    placeHolder: `The share of traffic version ${target} gets (now ${formatPercent(current)})`,
  });
  return picked?.percent;
}

async function pickVersion(
  backend: AwsBackendConnection,
  functionName: string,
  title: string,
  current: string | undefined,
  allowLatest: boolean,
): Promise<string | undefined> {
  const versions = await listPublishedVersions(backend, functionName);
  const items: (vscode.QuickPickItem & { version: string })[] = versions.map((version) =>
    versionItem(version, current),
  );
  if (allowLatest) items.push({ label: '$LATEST', description: 'the unpublished code', version: '$LATEST' });
  if (items.length === 0) {
    throw new WorkbenchError(`${functionName} has no published version`, {
      code: 'NoVersions',
      hint: 'Publish a version first ("Publish Version" on the function).',
    });
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose the version' });
  return picked?.version;
}

async function updateAlias(
  backend: AwsBackendConnection,
  functionName: string,
  name: string,
  routing: { FunctionVersion: string; RoutingConfig: { AdditionalVersionWeights: Record<string, number> } },
): Promise<LambdaActionResult> {
  const updated = await withLambda(backend, `Updating the alias ${name} of ${functionName}`, async (lambda, sdk) => {
    // The revision read just before makes a concurrent change (a deployment, a colleague) fail instead of lost.
    const { RevisionId } = await lambda.send(new sdk.GetAliasCommand({ FunctionName: functionName, Name: name }));
    return lambda.send(new sdk.UpdateAliasCommand({ FunctionName: functionName, Name: name, ...routing, RevisionId }));
  });
  const alias: AliasRouting = {
    name,
    functionVersion: updated.FunctionVersion ?? routing.FunctionVersion,
    additionalVersionWeights: updated.RoutingConfig?.AdditionalVersionWeights,
  };
  void vscode.window.showInformationMessage(`${functionName}:${name} → ${describeAliasTarget(alias)}`);
  return { functionName, alias };
}
