// The Logs resources that are not log groups (resource and account policies, destinations, deliveries, export
// tasks, anomaly detectors, query definitions...): named collections of JSON records, kept in memory and written
// to one file, replaced atomically on each change. These are configuration: a few records, rarely written.
import { CollectionStore } from '../state/collectionStore';

/** The collections the Logs handlers keep; the name is the file's key. */
export type LogsCollection =
  | 'resourcePolicies'
  | 'accountPolicies'
  | 'destinations'
  | 'deliverySources'
  | 'deliveryDestinations'
  | 'deliveries'
  | 'exportTasks'
  | 'importTasks'
  | 'anomalyDetectors'
  | 'anomalies'
  | 'queryDefinitions'
  | 'scheduledQueries'
  | 'lookupTables'
  | 'integrations'
  | 's3TableSources'
  | 'tags'
  | 'settings';

/** The Logs collections, persisted as one JSON file. */
export class LogsResourceStore extends CollectionStore<LogsCollection> {}
