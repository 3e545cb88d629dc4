// AWS::Lambda::LayerVersion: publishes a layer version through the local Lambda API from its content in the local
// S3 (what `aws cloudformation package` uploads). Versions are immutable: any change publishes a new one.
import { listProperty, objectProperty, stringProperty, type ResourceProvider } from '../resourceProvider';

export const lambdaLayerVersionProvider: ResourceProvider = {
  type: 'AWS::Lambda::LayerVersion',
  async create(properties, context) {
    const name = stringProperty(properties, 'LayerName') ?? context.generatedName({ maxLength: 140 });
    const content = objectProperty(properties, 'Content') ?? {};
    const bucket = stringProperty(content, 'S3Bucket');
    const key = stringProperty(content, 'S3Key');
    if (bucket === undefined || key === undefined) {
      throw new Error('Properties validation failed: Content.S3Bucket and Content.S3Key are required');
    }
    const strings = (property: string) => (listProperty(properties, property) ?? []).map(String);
    const description = stringProperty(properties, 'Description');
    const licenseInfo = stringProperty(properties, 'LicenseInfo');
    const published = await context.services.lambda('PublishLayerVersion', {
      LayerName: name,
      Content: { S3Bucket: bucket, S3Key: key },
      CompatibleRuntimes: strings('CompatibleRuntimes'),
      CompatibleArchitectures: strings('CompatibleArchitectures'),
      ...(description !== undefined ? { Description: description } : {}),
      ...(licenseInfo !== undefined ? { LicenseInfo: licenseInfo } : {}),
    });
    const arn = String(published.LayerVersionArn);
    return { physicalId: arn, attributes: { LayerVersionArn: arn } };
  },
  update: (update) => Promise.resolve(update.current),
  requiresReplacement: (changed) => changed.length > 0,
  async delete(deletion, context) {
    const parsed = /:layer:([^:]+):(\d+)$/.exec(deletion.physicalId);
    if (!parsed) return;
    await context.services.lambda('DeleteLayerVersion', { LayerName: parsed[1]!, VersionNumber: Number(parsed[2]) });
  },
};
