// A log group's configuration: retention (events past it expire), KMS key association (stored: nothing is
// encrypted at rest locally), tags (TagResource and the legacy TagLogGroup), data protection, field index and
// transformer policies, syslog and bearer-token settings (stored and returned as AWS does).
import type { LogsOperations } from '../../models/generated/logs';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { validationMessage } from '../../protocol/shapeValidation';
import {
  groupNameFrom,
  invalidParameter,
  logGroupArn,
  parseLogsArn,
  requireJsonDocument,
  resourceNotFound,
  type LogsProviderContext,
} from './logsProviderContext';
import { MAX_TAGS, resourceTags } from './resourceTags';
import { AwsError } from '../../protocol/awsError';

/** The retention periods CloudWatch accepts, in days. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export function logGroupSettingsHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  const tagGroup = (region: string, name: string, tags: Record<string, string>) =>
    stores.get(region).updateSettings(name, (settings) => {
      const merged = { ...settings.tags, ...tags };
      if (Object.keys(merged).length > MAX_TAGS) {
        throw new AwsError('TooManyTagsException', `A resource can have at most ${MAX_TAGS} tags.`);
      }
      settings.tags = merged;
    });

  return {
    PutRetentionPolicy: (input, context) => {
      if (!RETENTION_DAYS.includes(input.retentionInDays)) {
        throw invalidParameter(
          validationMessage([
            {
              path: 'retentionInDays',
              value: input.retentionInDays,
              constraint: `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
            },
          ]),
        );
      }
      const store = stores.get(context.region);
      const group = store.updateSettings(input.logGroupName, (settings) => {
        settings.retentionInDays = input.retentionInDays;
      });
      store.expireEvents(group);
    },
    DeleteRetentionPolicy: (input, context) => {
      stores.get(context.region).updateSettings(input.logGroupName, (settings) => {
        delete settings.retentionInDays;
      });
    },
    AssociateKmsKey: storedOnly((input, context) => {
      const name = kmsTarget(input);
      if (name === undefined) return;
      if (!/^arn:aws[\w-]*:kms:[^:]+:\d{12}:key\/.+$/.test(input.kmsKeyId)) {
        throw invalidParameter(`Specified KMS key ${input.kmsKeyId} is not a valid KMS key ARN.`);
      }
      stores.get(context.region).updateSettings(name, (settings) => {
        settings.kmsKeyId = input.kmsKeyId;
      });
    }),
    DisassociateKmsKey: storedOnly((input, context) => {
      const name = kmsTarget(input);
      if (name === undefined) return;
      stores.get(context.region).updateSettings(name, (settings) => {
        delete settings.kmsKeyId;
      });
    }),
    TagLogGroup: (input, context) => {
      tagGroup(context.region, input.logGroupName, input.tags);
    },
    UntagLogGroup: (input, context) => {
      stores.get(context.region).updateSettings(input.logGroupName, (settings) => {
        for (const key of input.tags) delete settings.tags[key];
      });
    },
    ListTagsLogGroup: (input, context) => ({
      tags: { ...stores.get(context.region).requireGroup(input.logGroupName).settings.tags },
    }),
    TagResource: (input, context) => {
      const target = resourceTags(stores.get(context.region), context, input.resourceArn);
      const merged = { ...target.tags, ...input.tags };
      if (Object.keys(merged).length > MAX_TAGS) {
        throw new AwsError('TooManyTagsException', `A resource can have at most ${MAX_TAGS} tags.`);
      }
      target.replace(merged);
    },
    UntagResource: (input, context) => {
      const target = resourceTags(stores.get(context.region), context, input.resourceArn);
      const remaining = { ...target.tags };
      for (const key of input.tagKeys) delete remaining[key];
      target.replace(remaining);
    },
    ListTagsForResource: (input, context) => ({
      tags: resourceTags(stores.get(context.region), context, input.resourceArn).tags,
    }),
    PutDataProtectionPolicy: storedOnly((input, context) => {
      requireJsonDocument(input.policyDocument);
      const name = groupNameFrom(input);
      const lastUpdatedTime = Date.now();
      stores.get(context.region).updateSettings(name, (settings) => {
        settings.dataProtectionPolicy = { policyDocument: input.policyDocument, lastUpdatedTime };
      });
      return { logGroupIdentifier: input.logGroupIdentifier, policyDocument: input.policyDocument, lastUpdatedTime };
    }),
    GetDataProtectionPolicy: storedOnly((input, context) => {
      const policy = stores.get(context.region).requireGroup(groupNameFrom(input)).settings.dataProtectionPolicy;
      return { logGroupIdentifier: input.logGroupIdentifier, ...policy };
    }),
    DeleteDataProtectionPolicy: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const name = groupNameFrom(input);
      if (!store.requireGroup(name).settings.dataProtectionPolicy) {
        throw resourceNotFound('The specified data protection policy does not exist.');
      }
      store.updateSettings(name, (settings) => delete settings.dataProtectionPolicy);
    }),
    PutIndexPolicy: storedOnly((input, context) => {
      requireJsonDocument(input.policyDocument);
      const name = groupNameFrom(input);
      const lastUpdateTime = Date.now();
      stores.get(context.region).updateSettings(name, (settings) => {
        settings.indexPolicy = { policyDocument: input.policyDocument, lastUpdateTime };
      });
      return {
        indexPolicy: {
          logGroupIdentifier: input.logGroupIdentifier,
          lastUpdateTime,
          policyDocument: input.policyDocument,
          source: 'LOG_GROUP',
        },
      };
    }),
    DescribeIndexPolicies: storedOnly((input, context) => {
      const store = stores.get(context.region);
      return {
        indexPolicies: input.logGroupIdentifiers.flatMap((identifier) => {
          const policy = store.requireGroup(groupNameFrom({ logGroupIdentifier: identifier })).settings.indexPolicy;
          return policy ? [{ logGroupIdentifier: identifier, ...policy, source: 'LOG_GROUP' }] : [];
        }),
      };
    }),
    DeleteIndexPolicy: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const name = groupNameFrom(input);
      if (!store.requireGroup(name).settings.indexPolicy) {
        throw resourceNotFound('The specified index policy does not exist.');
      }
      store.updateSettings(name, (settings) => delete settings.indexPolicy);
      return {};
    }),
    DescribeFieldIndexes: storedOnly((input, context) => {
      const store = stores.get(context.region);
      return {
        fieldIndexes: input.logGroupIdentifiers.flatMap((identifier) => {
          const group = store.requireGroup(groupNameFrom({ logGroupIdentifier: identifier }));
          const policy = group.settings.indexPolicy;
          if (!policy) return [];
          const fields = (JSON.parse(policy.policyDocument) as { Fields?: unknown }).Fields;
          return (Array.isArray(fields) ? fields.filter((field) => typeof field === 'string') : []).map((field) => ({
            logGroupIdentifier: identifier,
            fieldIndexName: field,
            lastScanTime: policy.lastUpdateTime,
            ...(group.events.length > 0
              ? { firstEventTime: group.events[0]!.timestamp, lastEventTime: group.events.at(-1)!.timestamp }
              : {}),
            type: 'FIELD_INDEX',
          }));
        }),
      };
    }),
    PutSyslogConfiguration: storedOnly((input, context) => {
      stores.get(context.region).updateSettings(groupNameFrom(input), (settings) => {
        const others = (settings.syslogConfigurations ?? []).filter(
          (item) => item.vpcEndpointId !== input.vpcEndpointId,
        );
        settings.syslogConfigurations = [...others, { vpcEndpointId: input.vpcEndpointId, createdAt: Date.now() }];
      });
    }),
    DeleteSyslogConfiguration: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const name = groupNameFrom(input);
      const configurations = store.requireGroup(name).settings.syslogConfigurations ?? [];
      if (!configurations.some((item) => item.vpcEndpointId === input.vpcEndpointId)) {
        throw resourceNotFound('The specified syslog configuration does not exist.');
      }
      store.updateSettings(name, (settings) => {
        settings.syslogConfigurations = configurations.filter((item) => item.vpcEndpointId !== input.vpcEndpointId);
      });
    }),
    ListSyslogConfigurations: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const groups = input.logGroupIdentifier
        ? [store.requireGroup(groupNameFrom({ logGroupIdentifier: input.logGroupIdentifier }))]
        : store.listGroups();
      return {
        syslogConfigurations: groups.flatMap((group) =>
          (group.settings.syslogConfigurations ?? [])
            .filter((item) => input.vpcEndpointId === undefined || item.vpcEndpointId === input.vpcEndpointId)
            .map((item) => ({
              logGroupArn: logGroupArn(context, group.logGroupName),
              sourceType: 'VPC_ENDPOINT',
              ...item,
            })),
        ),
      };
    }),
    PutBearerTokenAuthentication: storedOnly((input, context) => {
      stores.get(context.region).updateSettings(groupNameFrom(input), (settings) => {
        settings.bearerTokenAuthenticationEnabled = input.bearerTokenAuthenticationEnabled;
      });
    }),
  };
}

/** The group AssociateKmsKey/DisassociateKmsKey name; undefined for a query-results resource (stored nowhere). */
function kmsTarget(input: { logGroupName?: string; resourceIdentifier?: string }): string | undefined {
  if (input.logGroupName !== undefined && input.resourceIdentifier !== undefined) {
    throw invalidParameter('logGroupName and resourceIdentifier are mutually exclusive.');
  }
  if (input.logGroupName !== undefined) return input.logGroupName;
  if (input.resourceIdentifier === undefined) {
    throw invalidParameter('Either logGroupName or resourceIdentifier must be specified.');
  }
  const arn = parseLogsArn(input.resourceIdentifier);
  if (arn?.resourceType === 'log-group') return arn.resourceId.replace(/:\*$/, '');
  if (arn?.resourceType === 'query-result') return undefined;
  throw invalidParameter(`Invalid resourceIdentifier: ${input.resourceIdentifier}`);
}
