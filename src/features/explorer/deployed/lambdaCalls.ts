import type { AliasConfiguration, FunctionConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import type * as vscode from 'vscode';
import type * as awsClients from '../../../core/aws/awsClients';
import { describeAliasTarget } from '../../../core/deployed/aliasRouting';
import { formatAge, parseLambdaTimestamp } from '../../../core/deployed/displayFormats';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';

/**
 * Runs Lambda calls with a client of the current backend, destroyed afterwards; failures come back explained
 * (what happened against which backend, what to do) for the one error boundary.
 */
export async function withLambda<T>(
  backend: AwsBackendConnection,
  action: string,
  run: (lambda: LambdaClient, sdk: typeof awsClients.lambda) => Promise<T>,
): Promise<T> {
  const [clients, lambda] = await Promise.all([backend.loadClients(), backend.lambda()]);
  try {
    return await run(lambda, clients.lambda);
  } catch (error) {
    throw backend.explain(error, action);
  } finally {
    lambda.destroy();
  }
}

/** Every published version of a function, newest first ($LATEST excluded). */
export function listPublishedVersions(
  backend: AwsBackendConnection,
  functionName: string,
): Promise<FunctionConfiguration[]> {
  return withLambda(backend, `Listing the versions of ${functionName}`, async (lambda, sdk) => {
    const versions: FunctionConfiguration[] = [];
    let marker: string | undefined;
    do {
      const page = await lambda.send(
        new sdk.ListVersionsByFunctionCommand({ FunctionName: functionName, ...(marker ? { Marker: marker } : {}) }),
      );
      versions.push(...(page.Versions ?? []).filter((version) => version.Version !== '$LATEST'));
      marker = page.NextMarker;
    } while (marker);
    return versions.sort((a, b) => Number(b.Version) - Number(a.Version));
  });
}

/** Every alias of a function, by name. */
export function listAliases(backend: AwsBackendConnection, functionName: string): Promise<AliasConfiguration[]> {
  return withLambda(backend, `Listing the aliases of ${functionName}`, async (lambda, sdk) => {
    const aliases: AliasConfiguration[] = [];
    let marker: string | undefined;
    do {
      const page = await lambda.send(
        new sdk.ListAliasesCommand({ FunctionName: functionName, ...(marker ? { Marker: marker } : {}) }),
      );
      aliases.push(...(page.Aliases ?? []));
      marker = page.NextMarker;
    } while (marker);
    return aliases.sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''));
  });
}

/** A quick pick item for a version: its number, description and age. */
export function versionItem(
  version: FunctionConfiguration,
  current?: string,
): vscode.QuickPickItem & { version: string } {
  const published = parseLambdaTimestamp(version.LastModified);
  return {
    label: `${version.Version === current ? '$(check) ' : ''}${version.Version ?? '?'}`,
    description: [version.Description, published && formatAge(published)].filter(Boolean).join(' · '),
    version: version.Version ?? '',
  };
}

/** A quick pick item for an alias, with where it routes. */
export function aliasItem(alias: AliasConfiguration): vscode.QuickPickItem & { alias: AliasConfiguration } {
  return {
    label: `$(tag) ${alias.Name ?? '?'}`,
    description: `→ ${describeAliasTarget({
      name: alias.Name ?? '?',
      functionVersion: alias.FunctionVersion ?? '?',
      additionalVersionWeights: alias.RoutingConfig?.AdditionalVersionWeights,
    })}`,
    ...(alias.Description ? { detail: alias.Description } : {}),
    alias,
  };
}
