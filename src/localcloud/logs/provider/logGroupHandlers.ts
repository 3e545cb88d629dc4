// Log groups: create (tags, KMS key, class, deletion protection), delete, describe and list (prefix, pattern,
// class, identifiers, tags; paging).
import type { LogGroup, LogsOperations } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import type { RequestContext, ServiceProvider } from '../../protocol/modelService';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';
import type { LogGroupState } from '../logStore';
import { groupNameFrom, invalidParameter, logGroupArn, type LogsProviderContext } from './logsProviderContext';

/** A group as DescribeLogGroups answers it. */
export function describeGroup(context: RequestContext, group: LogGroupState): LogGroup {
  const { settings } = group;
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    ...(settings.retentionInDays !== undefined ? { retentionInDays: settings.retentionInDays } : {}),
    metricFilterCount: Object.keys(settings.metricFilters).length,
    arn: `${logGroupArn(context, group.logGroupName)}:*`,
    storedBytes: group.storedBytes,
    ...(settings.kmsKeyId !== undefined ? { kmsKeyId: settings.kmsKeyId } : {}),
    ...(settings.dataProtectionPolicy ? { dataProtectionStatus: 'ACTIVATED' } : {}),
    logGroupClass: settings.logGroupClass,
    logGroupArn: logGroupArn(context, group.logGroupName),
    deletionProtectionEnabled: settings.deletionProtectionEnabled ?? false,
    ...(settings.bearerTokenAuthenticationEnabled !== undefined
      ? { bearerTokenAuthenticationEnabled: settings.bearerTokenAuthenticationEnabled }
      : {}),
  };
}

export function logGroupHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  return {
    CreateLogGroup: (input, context) => {
      const store = stores.get(context.region);
      if (input.tags && Object.keys(input.tags).length > 50) {
        throw invalidParameter('A log group can have at most 50 tags.');
      }
      store.createGroup(input.logGroupName, {
        tags: { ...input.tags },
        ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
        ...(input.logGroupClass !== undefined ? { logGroupClass: input.logGroupClass } : {}),
        ...(input.deletionProtectionEnabled ? { deletionProtectionEnabled: true } : {}),
      });
    },
    DeleteLogGroup: (input, context) => {
      const store = stores.get(context.region);
      refuseProtectedDeletion(store.requireGroup(input.logGroupName));
      store.deleteGroup(input.logGroupName);
    },
    PutLogGroupDeletionProtection: (input, context) => {
      stores.get(context.region).updateSettings(groupNameFrom(input), (settings) => {
        settings.deletionProtectionEnabled = input.deletionProtectionEnabled;
      });
    },
    DescribeLogGroups: (input, context) => {
      const store = stores.get(context.region);
      const { logGroupNamePrefix: prefix, logGroupNamePattern: pattern, logGroupIdentifiers: identifiers } = input;
      if (prefix !== undefined && pattern !== undefined) {
        throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      }
      if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined)) {
        throw invalidParameter('logGroupIdentifiers cannot be combined with a name prefix or pattern.');
      }
      const names =
        identifiers && new Set(identifiers.map((identifier) => groupNameFrom({ logGroupIdentifier: identifier })));
      const limit = input.limit ?? 50;
      const after = pageAfter(input.nextToken);
      const groups = store
        .listGroups()
        .filter((group) => prefix === undefined || group.logGroupName.startsWith(prefix))
        .filter((group) => pattern === undefined || matchesPattern(group.logGroupName, pattern))
        .filter((group) => names === undefined || names.has(group.logGroupName))
        .filter((group) => input.logGroupClass === undefined || group.settings.logGroupClass === input.logGroupClass)
        .filter((group) => after === undefined || group.logGroupName > after);
      const page = groups.slice(0, limit);
      const last = page.at(-1);
      return {
        logGroups: page.map((group) => describeGroup(context, group)),
        ...(groups.length > limit && last ? { nextToken: encodePageToken({ after: last.logGroupName }) } : {}),
      };
    },
    ListLogGroups: (input, context) => {
      const store = stores.get(context.region);
      const limit = input.limit ?? 50;
      const after = pageAfter(input.nextToken);
      const groups = store
        .listGroups()
        .filter(
          (group) =>
            input.logGroupNamePattern === undefined || matchesPattern(group.logGroupName, input.logGroupNamePattern),
        )
        .filter((group) => input.logGroupClass === undefined || group.settings.logGroupClass === input.logGroupClass)
        .filter((group) =>
          (input.logGroupTags ?? []).every((filter) => {
            const value = group.settings.tags[filter.key];
            return value !== undefined && (!filter.values?.length || filter.values.includes(value));
          }),
        )
        .filter((group) => after === undefined || group.logGroupName > after);
      const page = groups.slice(0, limit);
      const last = page.at(-1);
      return {
        logGroups: page.map((group) => ({
          logGroupName: group.logGroupName,
          logGroupArn: logGroupArn(context, group.logGroupName),
          logGroupClass: group.settings.logGroupClass,
        })),
        ...(groups.length > limit && last ? { nextToken: encodePageToken({ after: last.logGroupName }) } : {}),
      };
    },
  };
}

/** logGroupNamePattern: a case-insensitive substring of the name. */
function matchesPattern(name: string, pattern: string): boolean {
  return name.toLowerCase().includes(pattern.toLowerCase());
}

function pageAfter(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const cursor = decodePageToken(
    token,
    (value): value is { after: string } => typeof (value as { after?: unknown })?.after === 'string',
  );
  if (!cursor) throw invalidParameter('The specified nextToken is invalid.');
  return cursor.after;
}

/**
 * Deletion protection blocks deleting the group and its streams: ValidationException, which DeleteLogGroup and
 * DeleteLogStream declare (InvalidOperationException is in neither's error list).
 */
export function refuseProtectedDeletion(group: LogGroupState): void {
  if (!group.settings.deletionProtectionEnabled) return;
  throw new AwsError(
    'ValidationException',
    `Log group ${group.logGroupName} has deletion protection enabled; disable it with PutLogGroupDeletionProtection first.`,
  );
}
