// Lambda aliases: create, read, list, update (with RevisionId preconditions) and delete.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../protocol/awsError';
import { readRoutingConfig, requireVersion, validateAliasName } from './aliasRouting';
import { functionArn, toAliasConfiguration, type AliasRecord, type FunctionRecord } from './functionRecords';
import { checkRevision, requireUnqualified } from './functionOperations';
import { jsonBody, type LambdaContext, type LambdaReply, type LambdaRequest } from './lambdaContext';

export function createAlias(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const input = jsonBody(request);
  const record = requireUnqualified(context, request);
  const name = validateAliasName(input.requiredString('Name'));
  const functionVersion = input.requiredString('FunctionVersion');
  requireVersion(context, record, functionVersion);
  if (record.aliases[name]) {
    throw new AwsError(
      'ResourceConflictException',
      `Alias already exists: ${functionArn(context, record.name, name)}`,
      409,
    );
  }
  const alias: AliasRecord = {
    name,
    functionVersion,
    description: input.string('Description') ?? '',
    additionalVersionWeights: readRoutingConfig(context, record, functionVersion, input.object('RoutingConfig')),
    revisionId: randomUUID(),
  };
  record.aliases[name] = alias;
  context.functions.save(record);
  return { status: 201, body: toAliasConfiguration(context, record, alias) };
}

export function getAlias(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const record = requireUnqualified(context, request);
  return { body: toAliasConfiguration(context, record, requireAlias(context, record, request.parameters.Name ?? '')) };
}

export function listAliases(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const record = requireUnqualified(context, request);
  const version = request.query.get('FunctionVersion');
  const aliases = Object.values(record.aliases)
    .filter((alias) => version === null || alias.functionVersion === version)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const maxItems = Number(request.query.get('MaxItems') ?? '50');
  const start = Number(request.query.get('Marker') ?? '0');
  if (!Number.isInteger(maxItems) || maxItems < 1 || !Number.isInteger(start) || start < 0) {
    throw new AwsError('InvalidParameterValueException', 'Invalid Marker or MaxItems');
  }
  return {
    body: {
      Aliases: aliases.slice(start, start + maxItems).map((alias) => toAliasConfiguration(context, record, alias)),
      ...(start + maxItems < aliases.length ? { NextMarker: String(start + maxItems) } : {}),
    },
  };
}

export function updateAlias(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const input = jsonBody(request);
  const record = requireUnqualified(context, request);
  const alias = requireAlias(context, record, request.parameters.Name ?? '');
  checkRevision(input, alias.revisionId);
  const functionVersion = input.string('FunctionVersion') ?? alias.functionVersion;
  requireVersion(context, record, functionVersion);
  const routing = input.has('RoutingConfig')
    ? readRoutingConfig(context, record, functionVersion, input.object('RoutingConfig'))
    : keepRouting(alias, functionVersion);
  const updated: AliasRecord = {
    ...alias,
    functionVersion,
    description: input.string('Description') ?? alias.description,
    additionalVersionWeights: routing,
    revisionId: randomUUID(),
  };
  record.aliases[alias.name] = updated;
  context.functions.save(record);
  return { body: toAliasConfiguration(context, record, updated) };
}

/** DeleteAlias succeeds for an alias that is already gone, as on AWS. */
export function deleteAlias(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const record = requireUnqualified(context, request);
  const name = validateAliasName(request.parameters.Name ?? '');
  if (record.aliases[name]) {
    delete record.aliases[name];
    context.functions.save(record);
  }
  return { status: 204 };
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
  validateAliasName(name);
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
