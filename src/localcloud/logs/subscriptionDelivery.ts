// Subscription filters at work: events a group stores that match one of its subscription filters with a Lambda
// destination are sent to the function as CloudWatch Logs does, `{"awslogs":{"data": base64(gzip(JSON))}}` with
// messageType DATA_MESSAGE, owner, logGroup, logStream, subscriptionFilters and logEvents (id, timestamp,
// message). Kinesis, Firehose and cross-account destinations are stored only: the local cloud has no such service.
import { gzipSync } from 'node:zlib';
import type { Logger } from '../../core/logger';
import { matchesFilterPattern, parseFilterPattern, type FilterPattern } from '../../core/logs/filterPattern';
import { LogStore, type LogEventRecord, type LogGroupState } from './logStore';
import type { SubscriptionTargets } from './provider/logsProviderContext';

/** Sends the store's new events to the Lambda functions its groups' subscription filters name. */
export function deliverSubscriptions(
  store: LogStore,
  options: { region: string; accountId: string; targets: SubscriptionTargets; logger: Logger },
): () => void {
  const patterns = new Map<string, FilterPattern>();
  const patternOf = (text: string) => {
    let pattern = patterns.get(text);
    if (!pattern) {
      pattern = parseFilterPattern(text);
      patterns.set(text, pattern);
    }
    return pattern;
  };
  return store.onEvents((group: LogGroupState, records: LogEventRecord[]) => {
    for (const filter of Object.values(group.settings.subscriptionFilters)) {
      if (!filter.destinationArn?.startsWith('arn:aws:lambda:')) continue;
      const pattern = patternOf(filter.filterPattern ?? '');
      const matching = records.filter((record) => matchesFilterPattern(pattern, record.message));
      if (matching.length === 0) continue;
      const payload = subscriptionPayload(options.accountId, group.logGroupName, filter.filterName!, matching);
      options.targets.invoke(options.region, filter.destinationArn, payload).catch((error: unknown) => {
        options.logger.warn(
          `[localcloud] subscription filter ${filter.filterName} of ${group.logGroupName} could not invoke ${filter.destinationArn}: ${String(error)}`,
        );
      });
    }
  });
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
