// Alias validations and weighted routing. An alias points at one primary version and at most one additional
// version with a weight in [0, 1); neither may be $LATEST when routing; the extra one must exist and differ.
import type { AliasRoutingConfiguration } from '../models/generated/lambda';
import { AwsError } from '../protocol/awsError';
import { functionArn, type AliasRecord, type ArnContext, type FunctionRecord } from './functionRecords';

/** Throws ResourceNotFoundException unless the version ($LATEST or a number) exists. */
export function requireVersion(context: ArnContext, record: FunctionRecord, version: string): void {
  if (version === '$LATEST' || record.versions.some((config) => config.version === version)) return;
  throw new AwsError(
    'ResourceNotFoundException',
    `Function not found: ${functionArn(context, record.name, version)}`,
    404,
  );
}

/** Checks `RoutingConfig`; undefined means no routing (an empty map clears it). */
export function readRoutingConfig(
  context: ArnContext,
  record: FunctionRecord,
  primaryVersion: string,
  routing: AliasRoutingConfiguration | undefined,
): Record<string, number> | undefined {
  const entries = Object.entries(routing?.AdditionalVersionWeights ?? {});
  if (entries.length === 0) return undefined;
  if (entries.length > 1) {
    throw invalid('Number of items in AdditionalVersionWeights cannot be greater than 1');
  }
  const [version, weight] = entries[0]!;
  if (weight >= 1) {
    throw invalid(`Invalid weight ${weight} for version ${version}: weights must be at least 0.0 and less than 1.0`);
  }
  if (primaryVersion === '$LATEST') {
    throw invalid('$LATEST is not supported for an alias pointing to more than 1 version');
  }
  if (version === primaryVersion) {
    throw invalid(`The primary version ${primaryVersion} cannot also be an additional version`);
  }
  requireVersion(context, record, version);
  return { [version]: weight };
}

/** The version one invocation of the alias runs: the additional one with probability equal to its weight. */
export function chooseAliasVersion(alias: AliasRecord, random: () => number): string {
  const routed = alias.additionalVersionWeights ? Object.entries(alias.additionalVersionWeights)[0] : undefined;
  if (routed && random() < routed[1]) return routed[0];
  return alias.functionVersion;
}

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message);
}
