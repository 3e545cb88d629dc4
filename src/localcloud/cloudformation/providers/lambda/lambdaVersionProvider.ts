// AWS::Lambda::Version: publishes the function's current code and configuration. Versions are immutable: any
// property change publishes a new one (replacement). Ref is the version's ARN.
import { ignoringNotFound } from '../alreadyExists';
import { stringProperty, type ResourceProvider } from '../resourceProvider';

export const lambdaVersionProvider: ResourceProvider = {
  type: 'AWS::Lambda::Version',
  async create(properties, context) {
    const functionName = stringProperty(properties, 'FunctionName') ?? '';
    const published = await context.services.lambda('PublishVersion', {
      FunctionName: functionName,
      ...(stringProperty(properties, 'Description') !== undefined
        ? { Description: stringProperty(properties, 'Description') }
        : {}),
      ...(stringProperty(properties, 'CodeSha256') !== undefined
        ? { CodeSha256: stringProperty(properties, 'CodeSha256') }
        : {}),
    });
    const arn = String(published.FunctionArn);
    return { physicalId: arn, attributes: { Version: String(published.Version), FunctionArn: arn } };
  },
  update: (update) => Promise.resolve(update.current),
  requiresReplacement: (changed) => changed.length > 0,
  delete(deletion, context) {
    const version = deletion.attributes.Version;
    if (typeof version !== 'string') return Promise.resolve();
    const functionName = deletion.physicalId.slice(0, deletion.physicalId.lastIndexOf(':'));
    return ignoringNotFound(() =>
      context.services.lambda('DeleteFunction', { FunctionName: functionName, Qualifier: version }),
    );
  },
};
