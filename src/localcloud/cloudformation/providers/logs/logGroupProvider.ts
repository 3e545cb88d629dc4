// AWS::Logs::LogGroup: a log group in the local cloud's CloudWatch Logs (RetentionInDays and the rest are
// recorded with the stack).
import { alreadyExistsError, ignoringNotFound } from '../alreadyExists';
import { stringProperty, type ResourceProvider } from '../resourceProvider';

export const logGroupProvider: ResourceProvider = {
  type: 'AWS::Logs::LogGroup',
  create(properties, context) {
    const name = stringProperty(properties, 'LogGroupName') ?? context.generatedName({ maxLength: 512 });
    const store = context.services.logStore;
    if (store.getGroup(name)) throw alreadyExistsError(context.resourceType, name);
    context.claimPhysicalId(name);
    store.createGroup(name);
    const arn = `arn:${context.partition}:logs:${context.region}:${context.accountId}:log-group:${name}`;
    return Promise.resolve({ physicalId: name, attributes: { Arn: `${arn}:*` } });
  },
  update(update) {
    return Promise.resolve(update.current);
  },
  delete(deletion, context) {
    return ignoringNotFound(() => context.services.logStore.deleteGroup(deletion.physicalId));
  },
};
