// Subscription filters at work: events a group stores that match one of its subscription filters with a Lambda
// destination are sent to the function as CloudWatch Logs does, `{"awslogs":{"data": base64(gzip(JSON))}}` with
// messageType DATA_MESSAGE, owner, logGroup, logStream, subscriptionFilters and logEvents (id, timestamp,
// message), invoked asynchronously (InvocationType Event) as CloudWatch Logs invokes. Kinesis, Firehose and
// cross-account destinations are stored only (the local cloud has no such service): the local cloud's log says so
// once per filter when events match.
import { gzipSync } from 'node:zlib';
import type { Logger } from '../../core/logger';
import { filterPatternCache, matchesFilterPattern } from '../../core/logs/filterPattern';
import { LogStore, type LogEventRecord, type LogGroupState } from './logStore';
import type { SubscriptionTargets } from './provider/logsProviderContext';

/** Sends the store's new events to the Lambda functions its groups' subscription filters name. */
export function deliverSubscriptions(
  store: LogStore,
  options: { region: string; accountId: string; targets: SubscriptionTargets; logger: Logger },
): () => void {
  const patternOf = filterPatternCache();
  const undeliverable = new Set<string>();
  return store.onEvents((group: LogGroupState, records: LogEventRecord[]) => {
    for (const filter of Object.values(group.settings.subscriptionFilters)) {
      const pattern = patternOf(filter.filterPattern ?? '');
      const matching = records.filter((record) => matchesFilterPattern(pattern, record.message));
      if (matching.length === 0) continue;
      if (!filter.destinationArn?.startsWith('arn:aws:lambda:')) {
        // Said once per filter: the configuration is kept (and returned), the events have nowhere to go.
        const key = `${group.logGroupName}\u0000${filter.filterName}`;
        if (!undeliverable.has(key)) {
          undeliverable.add(key);
          options.logger.warn(
            `[localcloud] subscription filter ${filter.filterName} of ${group.logGroupName}: ${filter.destinationArn} is not delivered to (the local cloud has no ${destinationService(filter.destinationArn)}); only Lambda destinations receive events`,
          );
        }
        continue;
      }
      const payload = subscriptionPayload(options.accountId, group.logGroupName, filter.filterName!, matching);
      options.targets.invoke(options.region, filter.destinationArn, payload).catch((error: unknown) => {
        options.logger.warn(
          `[localcloud] subscription filter ${filter.filterName} of ${group.logGroupName} could not invoke ${filter.destinationArn}: ${String(error)}`,
        );
      });
    }
  });
}

function destinationService(arn: string | undefined): string {
  const service = /^arn:[^:]+:([^:]+):/.exec(arn ?? '')?.[1];
  return service === 'kinesis'
    ? 'Kinesis'
    : service === 'firehose'
      ? 'Firehose'
      : service === 'logs'
        ? 'cross-account delivery'
        : 'such service';
}

/** The event a subscribed function receives for events of one stream. */
export function subscriptionPayload(
  accountId: string,
  logGroup: string,
  filterName: string,
  records: LogEventRecord[],
): Buffer {
  const data = {
    messageType: 'DATA_MESSAGE',
    owner: accountId,
    logGroup,
    logStream: records[0]!.logStreamName,
    subscriptionFilters: [filterName],
    logEvents: records.map((record) => ({
      id: LogStore.eventId(record),
      timestamp: record.timestamp,
      message: record.message,
    })),
  };
  const awslogs = { data: gzipSync(Buffer.from(JSON.stringify(data))).toString('base64') };
  return Buffer.from(JSON.stringify({ awslogs }));
}
