// Tags of any Logs resource by ARN (TagResource, UntagResource, ListTagsForResource): a log group keeps its tags
// with the group; other resources' tags are kept by ARN beside them.
import type { RequestContext } from '../../protocol/modelService';
import type { LogStore } from '../logStore';
import type { LogsCollection } from '../logsResourceStore';
import { invalidParameter, parseLogsArn, resourceNotFound } from './logsProviderContext';

/** The resources that take tags besides log groups: their collection and the record member holding the ARN. */
const TAGGABLE: Record<string, { collection: LogsCollection; arnField: string }> = {
  destination: { collection: 'destinations', arnField: 'arn' },
  'delivery-source': { collection: 'deliverySources', arnField: 'arn' },
  'delivery-destination': { collection: 'deliveryDestinations', arnField: 'arn' },
  delivery: { collection: 'deliveries', arnField: 'arn' },
  'anomaly-detector': { collection: 'anomalyDetectors', arnField: 'anomalyDetectorArn' },
  'lookup-table': { collection: 'lookupTables', arnField: 'lookupTableArn' },
  'scheduled-query': { collection: 'scheduledQueries', arnField: 'scheduledQueryArn' },
};

/** AWS's limit on tags a resource holds. */
export const MAX_TAGS = 50;

/** Reads and replaces the tags of the resource an ARN names; ResourceNotFoundException when it does not exist. */
export function resourceTags(
  store: LogStore,
  context: Pick<RequestContext, 'region' | 'accountId'>,
  resourceArn: string,
): { tags: Record<string, string>; replace(tags: Record<string, string>): void } {
  const arn = parseLogsArn(resourceArn);
  if (!arn) throw invalidParameter(`Invalid resourceArn: ${resourceArn}`);
  if (arn.region !== context.region || arn.accountId !== context.accountId) {
    throw resourceNotFound('The specified resource does not exist.');
  }
  if (arn.resourceType === 'log-group') {
    const name = arn.resourceId.replace(/:\*$/, '');
    const group = store.getGroup(name);
    if (!group) throw resourceNotFound('The specified log group does not exist.');
    return {
      tags: { ...group.settings.tags },
      replace: (tags) => store.updateSettings(name, (settings) => (settings.tags = tags)),
    };
  }
  const kind = TAGGABLE[arn.resourceType];
  const exists =
    kind !== undefined &&
    store.resources
      .list<Record<string, unknown>>(kind.collection)
      .some((record) => record[kind.arnField] === resourceArn);
  if (!exists) throw resourceNotFound('The specified resource does not exist.');
  return {
    tags: { ...store.resources.get<Record<string, string>>('tags', resourceArn) },
    replace: (tags) => store.resources.put('tags', resourceArn, tags),
  };
}

/** Stores a new resource's tags (CreateDelivery, PutDestination... with `tags`). */
export function storeInitialTags(store: LogStore, arn: string, tags: Record<string, string> | undefined): void {
  if (tags && Object.keys(tags).length > 0) store.resources.put('tags', arn, { ...tags });
}

/** Drops a deleted resource's tags. */
export function dropTags(store: LogStore, arn: string): void {
  store.resources.delete('tags', arn);
}
