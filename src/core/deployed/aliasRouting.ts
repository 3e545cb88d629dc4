// Alias routing as people say it (`live → 3`, `live → 3 (90 %), 4 (10 %)` during a shift) and the UpdateAlias
// input that shifts traffic, with Lambda's rules: at most one additional version, weights in [0, 1), never $LATEST.
import { WorkbenchError } from '../errors';

/** The fields of a Lambda AliasConfiguration the tree reads. */
export interface AliasRouting {
  name: string;
  functionVersion: string;
  /** Version -> weight in [0, 1) of the additional version. */
  additionalVersionWeights?: Record<string, number> | undefined;
}

/** `0.1` -> `10 %`, `0.055` -> `5.5 %`. */
export function formatPercent(weight: number): string {
  const percent = Math.round(weight * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)} %`;
}

/** The versions an alias serves with their share, the primary first. */
export function aliasShares(alias: AliasRouting): { version: string; weight: number }[] {
  const additional = Object.entries(alias.additionalVersionWeights ?? {}).filter(([, weight]) => weight > 0);
  const extra = additional.reduce((sum, [, weight]) => sum + weight, 0);
  return [
    { version: alias.functionVersion, weight: 1 - extra },
    ...additional.map(([version, weight]) => ({ version, weight })),
  ];
}

/** `3`, or `3 (90 %), 4 (10 %)` while traffic is shifting. */
export function describeAliasTarget(alias: AliasRouting): string {
  const shares = aliasShares(alias);
  if (shares.length === 1) return alias.functionVersion;
  return shares.map((share) => `${share.version} (${formatPercent(share.weight)})`).join(', ');
}

/** Whether part of the alias's traffic goes to a second version. */
export function isShifting(alias: AliasRouting): boolean {
  return aliasShares(alias).length > 1;
}

/** The UpdateAlias fields that send `percent` of the traffic to `target` and the rest to `primary`. */
export function shiftTraffic(
  primary: string,
  target: string,
  percent: number,
): { FunctionVersion: string; RoutingConfig: { AdditionalVersionWeights: Record<string, number> } } {
  if (!(percent >= 0 && percent <= 100)) {
    throw new WorkbenchError(`A traffic share is between 0 and 100 %, not ${percent}`, { code: 'InvalidWeight' });
  }
  if (target === '$LATEST' || primary === '$LATEST') {
    throw new WorkbenchError('Traffic can only be shifted between published versions, not $LATEST', {
      code: 'InvalidWeight',
      hint: 'Publish a version first.',
    });
  }
  if (percent === 100 || primary === target) {
    return { FunctionVersion: target, RoutingConfig: { AdditionalVersionWeights: {} } };
  }
  if (percent === 0) return { FunctionVersion: primary, RoutingConfig: { AdditionalVersionWeights: {} } };
  return {
    FunctionVersion: primary,
    RoutingConfig: { AdditionalVersionWeights: { [target]: Math.round(percent * 100) / 10_000 } },
  };
}
