// CodeDeploy applications, deployment groups and deployment configurations (predefined and custom).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type {
  ApplicationInfo,
  CodedeployOperations,
  DeploymentGroupInfo,
  LastDeploymentInfo,
} from '../../models/generated/codedeploy';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import type { RegionalState } from '../../regionalState';
import type { ApplicationRecord, CodeDeployStore, ComputePlatform, DeploymentGroupRecord } from '../codeDeployStore';
import { describeConfig, PREDEFINED_CONFIGS } from '../deploymentConfigs';
import type { LambdaDeployments } from '../lambdaDeployments';
import { pageOf } from './codeDeployPages';

export function applicationHandlers(
  stores: RegionalState<CodeDeployStore>,
  deployments: LambdaDeployments,
  clock: Clock,
): ServiceProvider<CodedeployOperations> {
  const requireApplication = (store: CodeDeployStore, name: string): ApplicationRecord => {
    const application = store.application(name);
    if (!application) throw new AwsError('ApplicationDoesNotExistException', `No application found for name: ${name}`);
    return application;
  };
  const requireGroup = (store: CodeDeployStore, application: string, name: string): DeploymentGroupRecord => {
    requireApplication(store, application);
    const group = store.group(application, name);
    if (!group)
      throw new AwsError('DeploymentGroupDoesNotExistException', `No Deployment Group found for name: ${name}`);
    return group;
  };
  const requireConfig = (region: string, name: string | undefined) => {
    if (name === undefined) return;
    if (!deployments.config(region, name)) {
      throw new AwsError(
        'DeploymentConfigDoesNotExistException',
        `No deployment configuration found for name: ${name}`,
      );
    }
  };
  const groupInfo = (store: CodeDeployStore, group: DeploymentGroupRecord): DeploymentGroupInfo => {
    const { configuration } = group;
    const application = store.application(configuration.applicationName);
    const ofGroup = store
      .deployments()
      .filter(
        (record) =>
          record.applicationName === configuration.applicationName &&
          record.deploymentGroupName === configuration.deploymentGroupName,
      );
    const last = (record: (typeof ofGroup)[number] | undefined): LastDeploymentInfo | undefined =>
      record && {
        deploymentId: record.deploymentId,
        status: record.status,
        createTime: new Date(record.createTime),
        ...(record.completeTime ? { endTime: new Date(record.completeTime) } : {}),
      };
    const { autoScalingGroups, alarmConfiguration, ...rest } = configuration;
    return {
      ...rest,
      // AWS answers the alarm settings in full, defaults included.
      alarmConfiguration: { enabled: false, ignorePollAlarmFailure: false, alarms: [], ...alarmConfiguration },
      deploymentGroupId: group.deploymentGroupId,
      deploymentConfigName: configuration.deploymentConfigName ?? 'CodeDeployDefault.OneAtATime',
      computePlatform: application?.computePlatform ?? 'Server',
      autoScalingGroups: (autoScalingGroups ?? []).map((name) => ({ name })),
      ...(last(ofGroup[0]) ? { lastAttemptedDeployment: last(ofGroup[0]) } : {}),
      ...(last(ofGroup.find((record) => record.status === 'Succeeded'))
        ? { lastSuccessfulDeployment: last(ofGroup.find((record) => record.status === 'Succeeded')) }
        : {}),
    };
  };
  const applicationInfo = (application: ApplicationRecord): ApplicationInfo => ({
    applicationId: application.applicationId,
    applicationName: application.applicationName,
    computePlatform: application.computePlatform,
    createTime: new Date(application.createTime),
    linkedToGitHub: false,
  });

  return {
    CreateApplication: (input, context) => {
      const store = stores.get(context.region);
      if (store.application(input.applicationName)) {
        throw new AwsError('ApplicationAlreadyExistsException', `Application ${input.applicationName} already exists`);
      }
      const record: ApplicationRecord = {
        applicationId: randomUUID(),
        applicationName: input.applicationName,
        computePlatform: (input.computePlatform ?? 'Server') as ComputePlatform,
        createTime: clock.now().toISOString(),
      };
      store.putApplication(record);
      return { applicationId: record.applicationId };
    },
    GetApplication: (input, context) => ({
      application: applicationInfo(requireApplication(stores.get(context.region), input.applicationName)),
    }),
    BatchGetApplications: (input, context) => {
      const store = stores.get(context.region);
      return {
        applicationsInfo: input.applicationNames.map((name) => applicationInfo(requireApplication(store, name))),
      };
    },
    ListApplications: (input, context) => {
      const page = pageOf(
        stores
          .get(context.region)
          .applications()
          .map((application) => application.applicationName),
        input.nextToken,
        100,
      );
      return { applications: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    UpdateApplication: (input, context) => {
      const store = stores.get(context.region);
      if (!input.applicationName) return;
      requireApplication(store, input.applicationName);
      if (input.newApplicationName && input.newApplicationName !== input.applicationName) {
        if (store.application(input.newApplicationName)) {
          throw new AwsError(
            'ApplicationAlreadyExistsException',
            `Application ${input.newApplicationName} already exists`,
          );
        }
        store.renameApplication(input.applicationName, input.newApplicationName);
      }
    },
    DeleteApplication: (input, context) => {
      stores.get(context.region).deleteApplication(input.applicationName);
    },
    CreateDeploymentGroup: (input, context) => {
      const store = stores.get(context.region);
      requireApplication(store, input.applicationName);
      requireConfig(context.region, input.deploymentConfigName);
      if (store.group(input.applicationName, input.deploymentGroupName)) {
        throw new AwsError(
          'DeploymentGroupAlreadyExistsException',
          `Deployment Group ${input.deploymentGroupName} already exists for application ${input.applicationName}`,
        );
      }
      const { tags: _tags, ...configuration } = input;
      const record: DeploymentGroupRecord = { deploymentGroupId: randomUUID(), configuration };
      store.putGroup(record);
      return { deploymentGroupId: record.deploymentGroupId };
    },
    GetDeploymentGroup: (input, context) => {
      const store = stores.get(context.region);
      return {
        deploymentGroupInfo: groupInfo(store, requireGroup(store, input.applicationName, input.deploymentGroupName)),
      };
    },
    BatchGetDeploymentGroups: (input, context) => {
      const store = stores.get(context.region);
      requireApplication(store, input.applicationName);
      const missing = input.deploymentGroupNames.filter((name) => !store.group(input.applicationName, name));
      return {
        deploymentGroupsInfo: input.deploymentGroupNames.flatMap((name) => {
          const group = store.group(input.applicationName, name);
          return group ? [groupInfo(store, group)] : [];
        }),
        ...(missing.length ? { errorMessage: `Deployment groups not found: ${missing.join(', ')}` } : {}),
      };
    },
    ListDeploymentGroups: (input, context) => {
      const store = stores.get(context.region);
      requireApplication(store, input.applicationName);
      const page = pageOf(
        store.groups(input.applicationName).map((group) => group.configuration.deploymentGroupName),
        input.nextToken,
        100,
      );
      return {
        applicationName: input.applicationName,
        deploymentGroups: page.items,
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
    UpdateDeploymentGroup: (input, context) => {
      const store = stores.get(context.region);
      const group = requireGroup(store, input.applicationName, input.currentDeploymentGroupName);
      requireConfig(context.region, input.deploymentConfigName);
      const { currentDeploymentGroupName, newDeploymentGroupName, terminationHookEnabled, ...changes } = input;
      const name = newDeploymentGroupName ?? currentDeploymentGroupName;
      if (name !== currentDeploymentGroupName && store.group(input.applicationName, name)) {
        throw new AwsError('DeploymentGroupAlreadyExistsException', `Deployment Group ${name} already exists`);
      }
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      group.configuration = {
        ...group.configuration,
        ...defined,
        deploymentGroupName: name,
        ...(terminationHookEnabled === undefined ? {} : { terminationHookEnabled }),
      };
      store.putGroup(group);
      return { hooksNotCleanedUp: [] };
    },
    DeleteDeploymentGroup: (input, context) => {
      const store = stores.get(context.region);
      requireApplication(store, input.applicationName);
      store.deleteGroup(input.applicationName, input.deploymentGroupName);
      return { hooksNotCleanedUp: [] };
    },
    CreateDeploymentConfig: (input, context) => {
      const store = stores.get(context.region);
      if (deployments.config(context.region, input.deploymentConfigName)) {
        throw new AwsError(
          'DeploymentConfigAlreadyExistsException',
          `A deployment configuration with the name ${input.deploymentConfigName} already exists`,
        );
      }
      const record = {
        deploymentConfigId: randomUUID(),
        deploymentConfigName: input.deploymentConfigName,
        computePlatform: (input.computePlatform ?? 'Server') as ComputePlatform,
        ...(input.minimumHealthyHosts ? { minimumHealthyHosts: input.minimumHealthyHosts } : {}),
        ...(input.trafficRoutingConfig ? { trafficRoutingConfig: input.trafficRoutingConfig } : {}),
        createTime: clock.now().toISOString(),
      };
      store.putConfig(record);
      return { deploymentConfigId: record.deploymentConfigId };
    },
    GetDeploymentConfig: (input, context) => {
      const config = deployments.config(context.region, input.deploymentConfigName);
      if (!config) {
        throw new AwsError(
          'DeploymentConfigDoesNotExistException',
          `No deployment configuration found for name: ${input.deploymentConfigName}`,
        );
      }
      return { deploymentConfigInfo: describeConfig(config) };
    },
    ListDeploymentConfigs: (input, context) => {
      const names = [
        ...PREDEFINED_CONFIGS.keys(),
        ...stores
          .get(context.region)
          .customConfigs()
          .map((config) => config.deploymentConfigName),
      ];
      const page = pageOf(names, input.nextToken, 100);
      return { deploymentConfigsList: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    DeleteDeploymentConfig: (input, context) => {
      if (PREDEFINED_CONFIGS.has(input.deploymentConfigName)) {
        throw new AwsError(
          'InvalidOperationException',
          `Deployment configuration ${input.deploymentConfigName} is predefined and cannot be deleted`,
        );
      }
      stores.get(context.region).deleteConfig(input.deploymentConfigName);
    },
  };
}
