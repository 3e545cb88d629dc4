// AWS::S3::Bucket: a bucket in the local cloud's S3 with its configurations (notifications, versioning, lifecycle,
// CORS, tags, encryption... set through S3's API: bucketConfigurations.ts). Deleting a bucket that still holds
// objects fails, as on AWS.
import type { JsonObject } from '../../../../core/template/templateJson';
import { alreadyExistsError, ignoringNotFound } from '../alreadyExists';
import { stringProperty, type ProviderContext, type ResourceProvider } from '../resourceProvider';
import { bucketConfigurationCalls } from './bucketConfigurations';

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
  async create(properties, context) {
    const name = stringProperty(properties, 'BucketName') ?? context.generatedName({ maxLength: 63, lowercase: true });
    const store = context.services.objectStore;
    if (store.hasBucket(name)) throw alreadyExistsError(context.resourceType, name);
    context.claimPhysicalId(name);
    store.createBucket(name, context.region);
    await configure(name, properties, {}, context);
    return { physicalId: name, attributes: bucketAttributes(name, context) };
  },
  async update(update, context) {
    await configure(update.current.physicalId, update.properties, update.previousProperties, context);
    return update.current;
  },
  delete(deletion, context) {
    return ignoringNotFound(() => context.services.objectStore.deleteBucket(deletion.physicalId));
  },
};

async function configure(bucket: string, next: JsonObject, previous: JsonObject, context: ProviderContext) {
  const s3 = context.services.s3;
  if (!s3) return;
  for (const { operation, input } of bucketConfigurationCalls(bucket, next, previous)) {
    await s3(operation, input);
  }
}
