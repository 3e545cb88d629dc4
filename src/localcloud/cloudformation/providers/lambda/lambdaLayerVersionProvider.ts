// AWS::Lambda::LayerVersion: publishes a layer version in the local Lambda from its content in the local S3
// (what `aws cloudformation package` uploads). Versions are immutable: any change publishes a new one.
import { AwsError, isAwsError } from '../../../protocol/awsError';
import { listProperty, objectProperty, stringProperty, type ResourceProvider } from '../resourceProvider';

/** `arn:...:layer:<name>:<version>` split into its name and version. */
function parseLayerVersionArn(arn: string): { name: string; version: number } | undefined {
  const match = /:layer:([^:]+):(\d+)$/.exec(arn);
  return match ? { name: match[1]!, version: Number(match[2]) } : undefined;
}

export const lambdaLayerVersionProvider: ResourceProvider = {
  type: 'AWS::Lambda::LayerVersion',
  create(properties, context) {
    const name = stringProperty(properties, 'LayerName') ?? context.generatedName({ maxLength: 140 });
    const content = objectProperty(properties, 'Content') ?? {};
    const bucket = stringProperty(content, 'S3Bucket');
    const key = stringProperty(content, 'S3Key');
    if (bucket === undefined || key === undefined) {
      throw new Error('Properties validation failed: Content.S3Bucket and Content.S3Key are required');
    }
    let zip: Buffer;
    try {
      zip = context.services.objectStore.getObject(bucket, key).data;
    } catch (error) {
      if (!isAwsError(error)) throw error;
      throw new AwsError(
        'InvalidParameterValueException',
        `Error occurred while GetObject. S3 Error Code: ${error.code}. S3 Error Message: ${error.message}`,
      );
    }
    const strings = (property: string) => (listProperty(properties, property) ?? []).map(String);
    const record = context.services.layers.publish(
      name,
      zip,
      {
        description: stringProperty(properties, 'Description') ?? '',
        compatibleRuntimes: strings('CompatibleRuntimes'),
        compatibleArchitectures: strings('CompatibleArchitectures'),
        ...(stringProperty(properties, 'LicenseInfo') !== undefined
          ? { licenseInfo: stringProperty(properties, 'LicenseInfo') }
          : {}),
      },
      context.clock.now(),
    );
    const arn = `arn:${context.partition}:lambda:${context.region}:${context.accountId}:layer:${name}:${record.version}`;
    return Promise.resolve({ physicalId: arn, attributes: { LayerVersionArn: arn } });
  },
  update: (update) => Promise.resolve(update.current),
  requiresReplacement: (changed) => changed.length > 0,
  delete(deletion, context) {
    const parsed = parseLayerVersionArn(deletion.physicalId);
    if (parsed) context.services.layers.delete(parsed.name, parsed.version);
    return Promise.resolve();
  },
};
