// Metric filters (stored per group, TestMetricFilter runs the filter pattern engine) and subscription filters
// (at most two per group; Lambda destinations receive matching events, see subscriptionDelivery.ts).
import { extractFilterValues } from '../../../core/logs/filterPattern';
import type { LogsOperations, MetricFilter, SubscriptionFilter } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { parsePatternParameter } from '../logQueries';
import {
  invalidParameter,
  pageOf,
  parseLogsArn,
  resourceNotFound,
  type LogsProviderContext,
} from './logsProviderContext';

const MAX_METRIC_FILTERS = 100;
const MAX_SUBSCRIPTION_FILTERS = 2;
/** Where a subscription filter can send events. */
const DESTINATION_ARN = /^arn:aws[\w-]*:(lambda|kinesis|firehose|logs):([^:]*):(\d{12}):(.+)$/;

export function filterHandlers({ stores, subscriptionTargets }: LogsProviderContext): ServiceProvider<LogsOperations> {
  return {
    PutMetricFilter: (input, context) => {
      const pattern = parsePatternParameter(input.filterPattern);
      const store = stores.get(context.region);
      const group = store.requireGroup(input.logGroupName);
      const filters = group.settings.metricFilters;
      if (!Object.hasOwn(filters, input.filterName) && Object.keys(filters).length >= MAX_METRIC_FILTERS) {
        throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
      }
      for (const transformation of input.metricTransformations) {
        if (!/^(\$\.?[\w.[\]]+|-?\d+(\.\d+)?)$/.test(transformation.metricValue.trim())) {
          throw invalidParameter(`Invalid metric value: ${transformation.metricValue}`);
        }
        const dimensioned = Object.keys(transformation.dimensions ?? {}).length > 0;
        if (dimensioned && transformation.defaultValue !== undefined) {
          throw invalidParameter(
            'Invalid metric transformation: dimensions and default value are mutually exclusive properties',
          );
        }
        // Dimensions read fields: only JSON and space-delimited patterns have any.
        if (dimensioned && pattern.kind !== 'json' && pattern.kind !== 'spaceDelimited') {
          throw invalidParameter('The specified filter pattern does not support dimensions');
        }
      }
      const filter: MetricFilter = {
        filterName: input.filterName,
        filterPattern: input.filterPattern,
        metricTransformations: input.metricTransformations,
        creationTime: filters[input.filterName]?.creationTime ?? Date.now(),
        logGroupName: input.logGroupName,
        applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
        ...(input.fieldSelectionCriteria !== undefined ? { fieldSelectionCriteria: input.fieldSelectionCriteria } : {}),
        ...(input.emitSystemFieldDimensions ? { emitSystemFieldDimensions: input.emitSystemFieldDimensions } : {}),
      };
      store.updateSettings(input.logGroupName, (settings) => {
        settings.metricFilters[input.filterName] = filter;
      });
    },
    DeleteMetricFilter: (input, context) => {
      const store = stores.get(context.region);
      if (!Object.hasOwn(store.requireGroup(input.logGroupName).settings.metricFilters, input.filterName)) {
        throw resourceNotFound('The specified metric filter does not exist.');
      }
      store.updateSettings(input.logGroupName, (settings) => delete settings.metricFilters[input.filterName]);
    },
    DescribeMetricFilters: (input, context) => {
      const store = stores.get(context.region);
      if (input.filterNamePrefix !== undefined && input.logGroupName === undefined) {
        throw invalidParameter('If you specify filterNamePrefix, you must also specify logGroupName.');
      }
      if ((input.metricName === undefined) !== (input.metricNamespace === undefined)) {
        throw invalidParameter('If you specify metricName, you must also specify metricNamespace.');
      }
      const groups = input.logGroupName !== undefined ? [store.requireGroup(input.logGroupName)] : store.listGroups();
      const filters = groups
        .flatMap((group) => Object.values(group.settings.metricFilters).sort(byFilterName))
        .filter(
          (filter) => input.filterNamePrefix === undefined || filter.filterName!.startsWith(input.filterNamePrefix),
        )
        .filter(
          (filter) =>
            input.metricName === undefined ||
            filter.metricTransformations!.some(
              (t) => t.metricName === input.metricName && t.metricNamespace === input.metricNamespace,
            ),
        );
      const { page, nextToken } = pageOf(filters, input.nextToken, input.limit ?? 50);
      return { metricFilters: page, ...(nextToken ? { nextToken } : {}) };
    },
    TestMetricFilter: (input) => {
      const pattern = parsePatternParameter(input.filterPattern);
      const matches = input.logEventMessages.flatMap((message, index) => {
        const extractedValues = extractFilterValues(pattern, message);
        return extractedValues ? [{ eventNumber: index + 1, eventMessage: message, extractedValues }] : [];
      });
      return { matches };
    },
    PutSubscriptionFilter: async (input, context) => {
      parsePatternParameter(input.filterPattern);
      const store = stores.get(context.region);
      const group = store.requireGroup(input.logGroupName);
      const filters = group.settings.subscriptionFilters;
      if (!Object.hasOwn(filters, input.filterName) && Object.keys(filters).length >= MAX_SUBSCRIPTION_FILTERS) {
        throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
      }
      const destination = DESTINATION_ARN.exec(input.destinationArn);
      if (!destination) throw invalidParameter(`Invalid destinationArn: ${input.destinationArn}`);
      const service = destination[1];
      if (service === 'lambda') {
        if (!(await subscriptionTargets.functionExists(context.region, input.destinationArn))) {
          throw invalidParameter(
            'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.',
          );
        }
      } else if (service === 'logs') {
        const name = parseLogsArn(input.destinationArn)?.resourceId ?? '';
        if (!stores.get(destination[2]!).resources.has('destinations', name)) {
          throw resourceNotFound('The specified destination does not exist.');
        }
      } else if (input.roleArn === undefined) {
        throw invalidParameter(`A roleArn is required to deliver to ${service}.`);
      }
      const filter: SubscriptionFilter = {
        filterName: input.filterName,
        logGroupName: input.logGroupName,
        filterPattern: input.filterPattern,
        destinationArn: input.destinationArn,
        ...(input.roleArn !== undefined ? { roleArn: input.roleArn } : {}),
        distribution: input.distribution ?? 'ByLogStream',
        applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
        creationTime: filters[input.filterName]?.creationTime ?? Date.now(),
        ...(input.fieldSelectionCriteria !== undefined ? { fieldSelectionCriteria: input.fieldSelectionCriteria } : {}),
        ...(input.emitSystemFields ? { emitSystemFields: input.emitSystemFields } : {}),
      };
      store.updateSettings(input.logGroupName, (settings) => {
        settings.subscriptionFilters[input.filterName] = filter;
      });
    },
    DeleteSubscriptionFilter: (input, context) => {
      const store = stores.get(context.region);
      if (!Object.hasOwn(store.requireGroup(input.logGroupName).settings.subscriptionFilters, input.filterName)) {
        throw resourceNotFound('The specified subscription filter does not exist.');
      }
      store.updateSettings(input.logGroupName, (settings) => delete settings.subscriptionFilters[input.filterName]);
    },
    DescribeSubscriptionFilters: (input, context) => {
      const group = stores.get(context.region).requireGroup(input.logGroupName);
      const filters = Object.values(group.settings.subscriptionFilters)
        .sort(byFilterName)
        .filter(
          (filter) => input.filterNamePrefix === undefined || filter.filterName!.startsWith(input.filterNamePrefix),
        );
      const { page, nextToken } = pageOf(filters, input.nextToken, input.limit ?? 50);
      return { subscriptionFilters: page, ...(nextToken ? { nextToken } : {}) };
    },
  };
}

function byFilterName(a: { filterName?: string }, b: { filterName?: string }): number {
  return (a.filterName ?? '') < (b.filterName ?? '') ? -1 : (a.filterName ?? '') > (b.filterName ?? '') ? 1 : 0;
}
