// CloudWatch on the protocol engine (Smithy RPC v2 CBOR for boto3 and the awscli, awsJson 1.0 for SDK v3, awsQuery
// for older clients): alarms (PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DescribeAlarmHistory,
// SetAlarmState, DeleteAlarms) and metrics (metricHandlers.ts). Each region its own alarm and metric store.
import type { Logger } from '../../core/logger';
import type { CloudwatchOperations } from '../models/generated/cloudwatch';
import cloudWatchModel from '../models/generated/cloudwatch.json';
import { AwsError } from '../protocol/awsError';
import { createModelService, type ModelService, type ServiceProvider } from '../protocol/modelService';
import { pageByOffset } from '../protocol/offsetPages';
import type { ServiceModel } from '../protocol/serviceModel';
import { RegionalState } from '../regionalState';
import { systemClock, type Clock } from '../clock';
import { AlarmStore, type AlarmRecord, type StateValue } from './alarmStore';
import { metricHandlers } from './metricHandlers';
import { MetricStore } from './metricStore';

export interface CloudWatchServiceOptions {
  stateDirectory: string;
  region: string;
  accountId: string;
  logger: Logger;
  clock?: Clock;
}

/** The service, plus the alarm stores CodeDeploy and CloudFormation work with. */
export type CloudWatchService = ModelService<CloudwatchOperations> & {
  readonly alarms: RegionalState<AlarmStore>;
  readonly metrics: RegionalState<MetricStore>;
};

/** The alarm stores of a local cloud, one per region. */
export function alarmStores(options: CloudWatchServiceOptions): RegionalState<AlarmStore> {
  return new RegionalState(
    options.region,
    options.stateDirectory,
    (region, directory) =>
      new AlarmStore(directory, `arn:aws:cloudwatch:${region}:${options.accountId}:alarm:`, options.logger),
  );
}

/** The metric stores of a local cloud, one per region (CloudWatch Logs' metric filters publish into them too). */
export function metricStores(options: Pick<CloudWatchServiceOptions, 'stateDirectory' | 'region' | 'logger'>) {
  return new RegionalState(
    options.region,
    options.stateDirectory,
    (_region, directory) => new MetricStore(directory, options.logger),
  );
}

export function createCloudWatchService(
  options: CloudWatchServiceOptions,
  alarms = alarmStores(options),
  metrics = metricStores(options),
): CloudWatchService {
  const clock = options.clock ?? systemClock;
  const provider: ServiceProvider<CloudwatchOperations> = {
    ...metricHandlers(metrics, () => clock.now().getTime()),
    PutMetricAlarm: (input, context) => {
      alarms.get(context.region).put(input, clock.now());
    },
    DescribeAlarms: (input, context) => {
      if (input.AlarmNames?.length && input.AlarmNamePrefix !== undefined) {
        throw new AwsError('InvalidParameterCombination', 'AlarmNames and AlarmNamePrefix cannot be used together.');
      }
      const types = input.AlarmTypes ?? ['MetricAlarm'];
      const names = input.AlarmNames ? new Set(input.AlarmNames) : undefined;
      const matching = types.includes('MetricAlarm')
        ? alarms
            .get(context.region)
            .list()
            .filter((alarm) => matches(alarm, names, input.AlarmNamePrefix, input.StateValue, input.ActionPrefix))
        : [];
      const page = pageOf(matching, input.NextToken, input.MaxRecords ?? 50);
      const store = alarms.get(context.region);
      return {
        MetricAlarms: page.items.map((alarm) => store.describe(alarm)),
        CompositeAlarms: [],
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    DescribeAlarmsForMetric: (input, context) => {
      const store = alarms.get(context.region);
      const sameDimensions = (alarm: AlarmRecord) =>
        input.Dimensions === undefined ||
        JSON.stringify(sortedDimensions(alarm.configuration.Dimensions)) ===
          JSON.stringify(sortedDimensions(input.Dimensions));
      return {
        MetricAlarms: store
          .list()
          .filter(
            (alarm) =>
              alarm.configuration.MetricName === input.MetricName &&
              alarm.configuration.Namespace === input.Namespace &&
              (input.Statistic === undefined || alarm.configuration.Statistic === input.Statistic) &&
              (input.Period === undefined || alarm.configuration.Period === input.Period) &&
              sameDimensions(alarm),
          )
          .map((alarm) => store.describe(alarm)),
      };
    },
    DescribeAlarmHistory: (input, context) => {
      const items = alarms
        .get(context.region)
        .historyOf(input.AlarmName)
        .filter(
          (item) =>
            (input.HistoryItemType === undefined || item.HistoryItemType === input.HistoryItemType) &&
            (input.StartDate === undefined || item.Timestamp! >= input.StartDate) &&
            (input.EndDate === undefined || item.Timestamp! <= input.EndDate),
        );
      if (input.ScanBy === 'TimestampAscending') items.reverse();
      const page = pageOf(items, input.NextToken, input.MaxRecords ?? 100);
      return { AlarmHistoryItems: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
    SetAlarmState: (input, context) => {
      if (input.StateReasonData !== undefined) {
        try {
          JSON.parse(input.StateReasonData);
        } catch {
          throw new AwsError('InvalidFormatFault', 'StateReasonData is not valid JSON.');
        }
      }
      const store = alarms.get(context.region);
      const state = input.StateValue as StateValue;
      if (!store.setState(input.AlarmName, state, input.StateReason, input.StateReasonData, clock.now())) {
        throw new AwsError('ResourceNotFound', `Alarm ${input.AlarmName} not found`);
      }
    },
    DeleteAlarms: (input, context) => {
      const store = alarms.get(context.region);
      const missing = input.AlarmNames.filter((name) => !store.get(name));
      if (missing.length > 0) {
        throw new AwsError(
          'ResourceNotFound',
          `${missing.length} of the alarms are not found: [${missing.join(', ')}]`,
        );
      }
      for (const name of input.AlarmNames) store.delete(name);
    },
  };
  const service = createModelService<CloudwatchOperations>(cloudWatchModel as unknown as ServiceModel, provider, {
    region: options.region,
    accountId: options.accountId,
    validationErrorCode: 'ValidationError',
  });
  return Object.assign(service, { alarms, metrics });
}

function matches(
  alarm: AlarmRecord,
  names: Set<string> | undefined,
  prefix: string | undefined,
  state: string | undefined,
  actionPrefix: string | undefined,
): boolean {
  const name = alarm.configuration.AlarmName;
  if (names && !names.has(name)) return false;
  if (prefix !== undefined && !name.startsWith(prefix)) return false;
  if (state !== undefined && alarm.stateValue !== state) return false;
  if (actionPrefix !== undefined) {
    const actions = [
      ...(alarm.configuration.AlarmActions ?? []),
      ...(alarm.configuration.OKActions ?? []),
      ...(alarm.configuration.InsufficientDataActions ?? []),
    ];
    if (!actions.some((action) => action.startsWith(actionPrefix))) return false;
  }
  return true;
}

function sortedDimensions(dimensions: { Name: string; Value: string }[] | undefined) {
  return [...(dimensions ?? [])].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

function pageOf<T>(items: readonly T[], token: string | undefined, size: number) {
  return pageByOffset(
    items,
    token,
    size,
    () => new AwsError('InvalidNextToken', 'The service cannot parse the token.'),
  );
}
