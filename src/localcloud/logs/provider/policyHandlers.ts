// Resource policies (account-wide, at most 10 a region, or on one log group), account policies (data protection,
// subscription filter, field index, transformer policies) and cross-account destinations with their policies.
// Stored and returned as CloudWatch does; the local cloud does not enforce policies.
import { randomUUID } from 'node:crypto';
import type { AccountPolicy, Destination, LogsOperations, ResourcePolicy } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import {
  invalidParameter,
  logsArn,
  pageOf,
  requireJsonDocument,
  resourceNotFound,
  type LogsProviderContext,
} from './logsProviderContext';
import { dropTags, storeInitialTags } from './resourceTags';

const MAX_RESOURCE_POLICIES = 10;

export function policyHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  return {
    PutResourcePolicy: storedOnly((input, context) => {
      const { resources } = stores.get(context.region);
      if (input.policyDocument === undefined) throw invalidParameter('policyDocument is required.');
      requireJsonDocument(input.policyDocument);
      const key = input.resourceArn ?? input.policyName;
      if (key === undefined) throw invalidParameter('Either policyName or resourceArn must be specified.');
      const previous = resources.get<ResourcePolicy>('resourcePolicies', key);
      if (input.expectedRevisionId !== undefined && previous?.revisionId !== input.expectedRevisionId) {
        throw new AwsError('OperationAbortedException', 'The expected revision id does not match the policy.');
      }
      const accountScoped = resources
        .list<ResourcePolicy>('resourcePolicies')
        .filter((p) => p.policyScope === 'ACCOUNT');
      if (!previous && input.resourceArn === undefined && accountScoped.length >= MAX_RESOURCE_POLICIES) {
        throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
      }
      const policy: ResourcePolicy = {
        ...(input.policyName !== undefined ? { policyName: input.policyName } : {}),
        policyDocument: input.policyDocument,
        lastUpdatedTime: Date.now(),
        policyScope: input.resourceArn === undefined ? 'ACCOUNT' : 'RESOURCE',
        ...(input.resourceArn !== undefined ? { resourceArn: input.resourceArn } : {}),
        revisionId: randomUUID(),
      };
      resources.put('resourcePolicies', key, policy);
      return { resourcePolicy: policy, revisionId: policy.revisionId };
    }),
    DescribeResourcePolicies: storedOnly((input, context) => {
      const policies = stores
        .get(context.region)
        .resources.list<ResourcePolicy>('resourcePolicies')
        .filter((policy) => input.resourceArn === undefined || policy.resourceArn === input.resourceArn)
        .filter((policy) => input.policyScope === undefined || policy.policyScope === input.policyScope);
      const { page, nextToken } = pageOf(policies, input.nextToken, input.limit ?? 50);
      return { resourcePolicies: page, ...(nextToken ? { nextToken } : {}) };
    }),
    DeleteResourcePolicy: storedOnly((input, context) => {
      const { resources } = stores.get(context.region);
      const key = input.resourceArn ?? input.policyName ?? '';
      const policy = resources.get<ResourcePolicy>('resourcePolicies', key);
      if (!policy) throw resourceNotFound(`Policy with name [${key}] does not exist`);
      if (input.expectedRevisionId !== undefined && policy.revisionId !== input.expectedRevisionId) {
        throw new AwsError('OperationAbortedException', 'The expected revision id does not match the policy.');
      }
      resources.delete('resourcePolicies', key);
    }),
    PutAccountPolicy: storedOnly((input, context) => {
      requireJsonDocument(input.policyDocument);
      const policy: AccountPolicy = {
        policyName: input.policyName,
        policyDocument: input.policyDocument,
        lastUpdatedTime: Date.now(),
        policyType: input.policyType,
        scope: input.scope ?? 'ALL',
        ...(input.selectionCriteria !== undefined ? { selectionCriteria: input.selectionCriteria } : {}),
        accountId: context.accountId,
      };
      stores.get(context.region).resources.put('accountPolicies', `${input.policyType}/${input.policyName}`, policy);
      return { accountPolicy: policy };
    }),
    DescribeAccountPolicies: storedOnly((input, context) => {
      const policies = stores
        .get(context.region)
        .resources.list<AccountPolicy>('accountPolicies')
        .filter((policy) => policy.policyType === input.policyType)
        .filter((policy) => input.policyName === undefined || policy.policyName === input.policyName)
        .filter((policy) => !input.accountIdentifiers || input.accountIdentifiers.includes(policy.accountId!));
      const { page, nextToken } = pageOf(policies, input.nextToken, 50);
      return { accountPolicies: page, ...(nextToken ? { nextToken } : {}) };
    }),
    DeleteAccountPolicy: storedOnly((input, context) => {
      if (!stores.get(context.region).resources.delete('accountPolicies', `${input.policyType}/${input.policyName}`)) {
        throw resourceNotFound(`Policy with name [${input.policyName}] does not exist`);
      }
    }),
    PutDestination: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const previous = store.resources.get<Destination>('destinations', input.destinationName);
      const arn = logsArn(context, 'destination', input.destinationName);
      const destination: Destination = {
        destinationName: input.destinationName,
        targetArn: input.targetArn,
        roleArn: input.roleArn,
        ...(previous?.accessPolicy !== undefined ? { accessPolicy: previous.accessPolicy } : {}),
        arn,
        creationTime: previous?.creationTime ?? Date.now(),
      };
      store.resources.put('destinations', input.destinationName, destination);
      if (!previous) storeInitialTags(store, arn, input.tags);
      return { destination };
    }),
    PutDestinationPolicy: storedOnly((input, context) => {
      const { resources } = stores.get(context.region);
      const destination = resources.get<Destination>('destinations', input.destinationName);
      if (!destination) throw resourceNotFound('The specified destination does not exist.');
      requireJsonDocument(input.accessPolicy, 'access policy');
      resources.put('destinations', input.destinationName, { ...destination, accessPolicy: input.accessPolicy });
    }),
    DescribeDestinations: storedOnly((input, context) => {
      const prefix = input.DestinationNamePrefix;
      const destinations = stores
        .get(context.region)
        .resources.list<Destination>('destinations')
        .filter((destination) => prefix === undefined || destination.destinationName!.startsWith(prefix))
        .sort((a, b) => (a.destinationName! < b.destinationName! ? -1 : 1));
      const { page, nextToken } = pageOf(destinations, input.nextToken, input.limit ?? 50);
      return { destinations: page, ...(nextToken ? { nextToken } : {}) };
    }),
    DeleteDestination: storedOnly((input, context) => {
      const store = stores.get(context.region);
      if (!store.resources.delete('destinations', input.destinationName)) {
        throw resourceNotFound('The specified destination does not exist.');
      }
      dropTags(store, logsArn(context, 'destination', input.destinationName));
    }),
  };
}
