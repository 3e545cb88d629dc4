// Lambda aliases: create, read, list, update (with RevisionId preconditions) and delete.
import { randomUUID } from 'node:crypto';
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { readRoutingConfig, requireVersion } from '../aliasRouting';
import {
  forgetQualifier,
  functionArn,
  toAliasConfiguration,
  type AliasRecord,
  type FunctionRecord,
} from '../functionRecords';
import { pageByIndex } from '../functionSettings';
import { checkRevision, requireUnqualified, type LambdaContext } from '../lambdaContext';
import type { LambdaRegions } from './lambdaRegions';

export function aliasHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    CreateAlias: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      requireVersion(lambda, record, input.FunctionVersion);
      if (record.aliases[input.Name]) {
        throw new AwsError(
          'ResourceConflictException',
          `Alias already exists: ${functionArn(lambda, record.name, input.Name)}`,
          409,
        );
      }
      const alias: AliasRecord = {
        name: input.Name,
        functionVersion: input.FunctionVersion,
        description: input.Description ?? '',
        additionalVersionWeights: readRoutingConfig(lambda, record, input.FunctionVersion, input.RoutingConfig),
        revisionId: randomUUID(),
      };
      record.aliases[input.Name] = alias;
      lambda.functions.save(record);
      return toAliasConfiguration(lambda, record, alias);
    },
    GetAlias: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      return toAliasConfiguration(lambda, record, requireAlias(lambda, record, input.Name));
    },
    ListAliases: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      const aliases = Object.values(record.aliases)
        .filter((alias) => input.FunctionVersion === undefined || alias.functionVersion === input.FunctionVersion)
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const { page, ...next } = pageByIndex(aliases, input.Marker, input.MaxItems);
      return { Aliases: page.map((alias) => toAliasConfiguration(lambda, record, alias)), ...next };
    },
    UpdateAlias: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      const alias = requireAlias(lambda, record, input.Name);
      checkRevision(input.RevisionId, alias.revisionId);
      const functionVersion = input.FunctionVersion ?? alias.functionVersion;
      requireVersion(lambda, record, functionVersion);
      const routing =
        input.RoutingConfig !== undefined
          ? readRoutingConfig(lambda, record, functionVersion, input.RoutingConfig)
          : keepRouting(alias, functionVersion);
      const updated: AliasRecord = {
        ...alias,
        functionVersion,
        description: input.Description ?? alias.description,
        additionalVersionWeights: routing,
        revisionId: randomUUID(),
      };
      record.aliases[alias.name] = updated;
      lambda.functions.save(record);
      return toAliasConfiguration(lambda, record, updated);
    },
    /** DeleteAlias succeeds for an alias that is already gone, as on AWS. */
    DeleteAlias: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      if (record.aliases[input.Name]) {
        delete record.aliases[input.Name];
        forgetQualifier(record, input.Name);
        lambda.functions.save(record);
      }
    },
  };
}

/** Changing only the primary version keeps the routing, unless the primary became the routed version. */
function keepRouting(alias: AliasRecord, functionVersion: string): Record<string, number> | undefined {
  const routing = alias.additionalVersionWeights;
  if (!routing) return undefined;
  if (routing[functionVersion] !== undefined || functionVersion === '$LATEST') {
    throw new AwsError(
      'InvalidParameterValueException',
      `The primary version ${functionVersion} conflicts with the alias's RoutingConfig; update RoutingConfig too.`,
    );
  }
  return routing;
}

function requireAlias(context: LambdaContext, record: FunctionRecord, name: string): AliasRecord {
  const alias = record.aliases[name];
  if (!alias) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Cannot find alias arn: ${functionArn(context, record.name, name)}`,
      404,
    );
  }
  return alias;
}
