// AWS::CodeDeploy::Application, DeploymentGroup and DeploymentConfig in the local CodeDeploy, so an alias's
// CodeDeployLambdaAliasUpdate policy finds its application, group, configuration and alarms. The template's
// PascalCase properties become the API's camelCase members.
import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../../../core/template/templateJson';
import type { CodeDeployStore, ComputePlatform, DeploymentGroupRecord } from '../../../codedeploy/codeDeployStore';
import type { CreateDeploymentGroupInput, TrafficRoutingConfig } from '../../../models/generated/codedeploy';
import type { RegionalState } from '../../../regionalState';
import { alreadyExistsError } from '../alreadyExists';
import { stringProperty, type ProviderContext, type ResourceProvider } from '../resourceProvider';

const NUMBERS = new Set(['value', 'canaryPercentage', 'canaryInterval', 'linearPercentage', 'linearInterval']);
const BOOLEANS = new Set(['enabled', 'ignorePollAlarmFailure', 'terminationHookEnabled']);

/** `{AlarmConfiguration: {Alarms: [{Name}]}}` as `{alarmConfiguration: {alarms: [{name}]}}`, typed values. */
function camelCased(value: JsonValue, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => camelCased(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => {
        const camel = name.charAt(0).toLowerCase() + name.slice(1);
        return [camel, camelCased(item, camel)];
      }),
    );
  }
  if (NUMBERS.has(key) && typeof value === 'string' && value.trim() !== '') return Number(value);
  if (BOOLEANS.has(key) && typeof value === 'string') return value === 'true';
  return value;
}

function nameOf(properties: JsonObject, property: string, context: ProviderContext): string {
  return stringProperty(properties, property) ?? context.generatedName({ maxLength: 100 });
}

export function codeDeployProviders(stores: RegionalState<CodeDeployStore>): ResourceProvider[] {
  const applicationProvider: ResourceProvider = {
    type: 'AWS::CodeDeploy::Application',
    create(properties, context) {
      const store = stores.get(context.region);
      const name = nameOf(properties, 'ApplicationName', context);
      if (store.application(name)) throw alreadyExistsError(context.resourceType, name);
      context.claimPhysicalId(name);
      store.putApplication({
        applicationId: randomUUID(),
        applicationName: name,
        computePlatform: (stringProperty(properties, 'ComputePlatform') ?? 'Server') as ComputePlatform,
        createTime: context.clock.now().toISOString(),
      });
      return Promise.resolve({ physicalId: name });
    },
    update(update) {
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      stores.get(context.region).deleteApplication(deletion.physicalId);
      return Promise.resolve();
    },
  };

  const groupConfiguration = (name: string, properties: JsonObject): Omit<CreateDeploymentGroupInput, 'tags'> => {
    const { tags: _tags, ...members } = camelCased(properties) as Record<string, unknown>;
    return {
      ...(members as Partial<CreateDeploymentGroupInput>),
      applicationName: stringProperty(properties, 'ApplicationName') ?? '',
      deploymentGroupName: name,
      serviceRoleArn: stringProperty(properties, 'ServiceRoleArn') ?? '',
    };
  };
  const groupProvider: ResourceProvider = {
    type: 'AWS::CodeDeploy::DeploymentGroup',
    create(properties, context) {
      const store = stores.get(context.region);
      const application = stringProperty(properties, 'ApplicationName') ?? '';
      if (!store.application(application)) {
        throw new Error(`No application found for name: ${application}`);
      }
      const name = nameOf(properties, 'DeploymentGroupName', context);
      if (store.group(application, name)) throw alreadyExistsError(context.resourceType, name);
      context.claimPhysicalId(name);
      const record: DeploymentGroupRecord = {
        deploymentGroupId: randomUUID(),
        configuration: groupConfiguration(name, properties),
      };
      store.putGroup(record);
      return Promise.resolve({ physicalId: name });
    },
    update(update, context) {
      const store = stores.get(context.region);
      const application = stringProperty(update.properties, 'ApplicationName') ?? '';
      const group = store.group(application, update.current.physicalId);
      const configuration = groupConfiguration(update.current.physicalId, update.properties);
      store.putGroup({ deploymentGroupId: group?.deploymentGroupId ?? randomUUID(), configuration });
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      const application = stringProperty(deletion.properties, 'ApplicationName') ?? '';
      stores.get(context.region).deleteGroup(application, deletion.physicalId);
      return Promise.resolve();
    },
  };

  const configProvider: ResourceProvider = {
    type: 'AWS::CodeDeploy::DeploymentConfig',
    create(properties, context) {
      const store = stores.get(context.region);
      const name = nameOf(properties, 'DeploymentConfigName', context);
      if (store.customConfig(name) || name.startsWith('CodeDeployDefault.')) {
        throw alreadyExistsError(context.resourceType, name);
      }
      context.claimPhysicalId(name);
      const members = camelCased(properties) as {
        minimumHealthyHosts?: { type?: string; value?: number };
        trafficRoutingConfig?: TrafficRoutingConfig;
      };
      store.putConfig({
        deploymentConfigId: randomUUID(),
        deploymentConfigName: name,
        computePlatform: (stringProperty(properties, 'ComputePlatform') ?? 'Server') as ComputePlatform,
        ...(members.minimumHealthyHosts ? { minimumHealthyHosts: members.minimumHealthyHosts } : {}),
        ...(members.trafficRoutingConfig ? { trafficRoutingConfig: members.trafficRoutingConfig } : {}),
        createTime: context.clock.now().toISOString(),
      });
      return Promise.resolve({ physicalId: name });
    },
    update(update) {
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      stores.get(context.region).deleteConfig(deletion.physicalId);
      return Promise.resolve();
    },
  };

  return [applicationProvider, groupProvider, configProvider];
}
