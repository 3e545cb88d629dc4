// AWS::S3::Bucket: a bucket in the local cloud's S3 (its configuration, such as notifications or CORS, is
// recorded with the stack). Deleting a bucket that still holds objects fails, as on AWS.
import { alreadyExistsError, ignoringNotFound } from '../alreadyExists';
import { stringProperty, type ProviderContext, type ResourceProvider } from '../resourceProvider';

function bucketAttributes(name: string, context: ProviderContext) {
  const { region, partition } = context;
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    Arn: `arn:${partition}:s3:::${name}`,
    DomainName: `${name}.s3.${suffix}`,
    DualStackDomainName: `${name}.s3.dualstack.${region}.${suffix}`,
    RegionalDomainName: `${name}.s3.${region}.${suffix}`,
    WebsiteURL: `http://${name}.s3-website-${region}.${suffix}`,
  };
}

export const s3BucketProvider: ResourceProvider = {
  type: 'AWS::S3::Bucket',
  create(properties, context) {
    const name = stringProperty(properties, 'BucketName') ?? context.generatedName({ maxLength: 63, lowercase: true });
    const store = context.services.objectStore;
    if (store.hasBucket(name)) throw alreadyExistsError(context.resourceType, name);
    context.claimPhysicalId(name);
    store.createBucket(name);
    return Promise.resolve({ physicalId: name, attributes: bucketAttributes(name, context) });
  },
  update(update) {
    return Promise.resolve(update.current);
  },
  delete(deletion, context) {
    return ignoringNotFound(() => context.services.objectStore.deleteBucket(deletion.physicalId));
  },
};
