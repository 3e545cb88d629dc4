// AWS::CloudWatch::Alarm: an alarm in the local CloudWatch (DescribeAlarms and SetAlarmState see it, and a
// CodeDeploy deployment group that lists it watches it). The template's properties are PutMetricAlarm's.
import type { JsonObject, JsonValue } from '../../../../core/template/templateJson';
import type { AlarmStore } from '../../../cloudwatch/alarmStore';
import type { PutMetricAlarmInput } from '../../../models/generated/cloudwatch';
import type { RegionalState } from '../../../regionalState';
import { alreadyExistsError } from '../alreadyExists';
import type { ProviderContext, ResourceProvider } from '../resourceProvider';

const NUMBERS = new Set(['Period', 'EvaluationPeriods', 'DatapointsToAlarm', 'Threshold']);
const BOOLEANS = new Set(['ActionsEnabled', 'ReturnData']);

/** Template values as the API's types: numbers and booleans CloudFormation may carry as text. */
function apiValue(name: string, value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => apiValue('', item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, apiValue(key, item)]));
  }
  if (NUMBERS.has(name) && typeof value === 'string' && value.trim() !== '') return Number(value);
  if (BOOLEANS.has(name) && typeof value === 'string') return value === 'true';
  return value;
}

function alarmInput(name: string, properties: JsonObject): PutMetricAlarmInput {
  const converted = apiValue('', properties) as Record<string, unknown>;
  delete converted['AlarmName'];
  return { ...(converted as Partial<PutMetricAlarmInput>), AlarmName: name };
}

/** The provider, over the local cloud's alarm stores. */
export function cloudWatchAlarmProvider(alarms: RegionalState<AlarmStore>): ResourceProvider {
  const put = (name: string, properties: JsonObject, context: ProviderContext) => {
    const alarm = alarms.get(context.region).put(alarmInput(name, properties), context.clock.now());
    return { physicalId: name, attributes: { Arn: alarm.arn } };
  };
  return {
    type: 'AWS::CloudWatch::Alarm',
    create(properties, context) {
      const given = typeof properties['AlarmName'] === 'string' ? properties['AlarmName'] : undefined;
      const name = given ?? context.generatedName({ maxLength: 255 });
      if (alarms.get(context.region).get(name)) throw alreadyExistsError(context.resourceType, name);
      context.claimPhysicalId(name);
      return Promise.resolve(put(name, properties, context));
    },
    update(update, context) {
      return Promise.resolve(put(update.current.physicalId, update.properties, context));
    },
    delete(deletion, context) {
      alarms.get(context.region).delete(deletion.physicalId);
      return Promise.resolve();
    },
  };
}
