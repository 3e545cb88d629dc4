// Log anomaly detectors: created, read, listed, updated and deleted as CloudWatch does. The local cloud has no
// pattern-learning model, so detectors stay in training and ListAnomalies has nothing to report.
import { randomUUID } from 'node:crypto';
import type { AnomalyDetector, LogsOperations } from '../../models/generated/logs';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import {
  invalidParameter,
  logsArn,
  pageOf,
  parseLogsArn,
  resourceNotFound,
  type LogsProviderContext,
} from './logsProviderContext';
import { dropTags, storeInitialTags } from './resourceTags';

export function anomalyHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  const requireDetector = (region: string, arn: string) => {
    const detector = stores.get(region).resources.get<AnomalyDetector>('anomalyDetectors', arn);
    if (!detector) throw resourceNotFound(`Anomaly detector ${arn} does not exist.`);
    return detector;
  };

  return {
    CreateLogAnomalyDetector: storedOnly((input, context) => {
      const store = stores.get(context.region);
      for (const arn of input.logGroupArnList) {
        const parsed = parseLogsArn(arn);
        if (parsed?.resourceType !== 'log-group') throw invalidParameter(`Invalid log group ARN: ${arn}`);
        store.requireGroup(parsed.resourceId.replace(/:\*$/, ''));
      }
      const anomalyDetectorArn = logsArn(context, 'anomaly-detector', randomUUID());
      const now = Date.now();
      const detector: AnomalyDetector = {
        anomalyDetectorArn,
        ...(input.detectorName !== undefined ? { detectorName: input.detectorName } : {}),
        logGroupArnList: input.logGroupArnList,
        evaluationFrequency: input.evaluationFrequency ?? 'FIVE_MIN',
        ...(input.filterPattern !== undefined ? { filterPattern: input.filterPattern } : {}),
        anomalyDetectorStatus: 'INITIALIZING',
        ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
        creationTimeStamp: now,
        lastModifiedTimeStamp: now,
        anomalyVisibilityTime: input.anomalyVisibilityTime ?? 21,
      };
      store.resources.put('anomalyDetectors', anomalyDetectorArn, detector);
      storeInitialTags(store, anomalyDetectorArn, input.tags);
      return { anomalyDetectorArn };
    }),
    GetLogAnomalyDetector: storedOnly((input, context) => {
      const { anomalyDetectorArn: _arn, ...detector } = requireDetector(context.region, input.anomalyDetectorArn);
      return detector;
    }),
    ListLogAnomalyDetectors: storedOnly((input, context) => {
      const detectors = stores
        .get(context.region)
        .resources.list<AnomalyDetector>('anomalyDetectors')
        .filter(
          (detector) =>
            input.filterLogGroupArn === undefined || detector.logGroupArnList!.includes(input.filterLogGroupArn),
        );
      const { page, nextToken } = pageOf(detectors, input.nextToken, input.limit ?? 50);
      return { anomalyDetectors: page, ...(nextToken ? { nextToken } : {}) };
    }),
    UpdateLogAnomalyDetector: storedOnly((input, context) => {
      const detector = requireDetector(context.region, input.anomalyDetectorArn);
      stores.get(context.region).resources.put('anomalyDetectors', input.anomalyDetectorArn, {
        ...detector,
        ...(input.evaluationFrequency !== undefined ? { evaluationFrequency: input.evaluationFrequency } : {}),
        ...(input.filterPattern !== undefined ? { filterPattern: input.filterPattern } : {}),
        ...(input.anomalyVisibilityTime !== undefined ? { anomalyVisibilityTime: input.anomalyVisibilityTime } : {}),
        anomalyDetectorStatus: input.enabled ? 'TRAINING' : 'PAUSED',
        lastModifiedTimeStamp: Date.now(),
      });
    }),
    DeleteLogAnomalyDetector: storedOnly((input, context) => {
      const store = stores.get(context.region);
      requireDetector(context.region, input.anomalyDetectorArn);
      store.resources.delete('anomalyDetectors', input.anomalyDetectorArn);
      dropTags(store, input.anomalyDetectorArn);
    }),
    ListAnomalies: storedOnly((input, context) => {
      if (input.anomalyDetectorArn !== undefined) requireDetector(context.region, input.anomalyDetectorArn);
      return { anomalies: [] };
    }),
    UpdateAnomaly: storedOnly((input, context) => {
      requireDetector(context.region, input.anomalyDetectorArn);
      if (input.anomalyId === undefined && input.patternId === undefined) {
        throw invalidParameter('Either anomalyId or patternId must be specified.');
      }
      if (input.anomalyId !== undefined) throw resourceNotFound(`Anomaly ${input.anomalyId} does not exist.`);
    }),
  };
}
