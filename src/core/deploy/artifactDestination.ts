// Where packaged artifacts go: the bucket the user named, or the managed bucket (created on first use, like
// `sam deploy --resolve-s3`). The same for the local cloud, other endpoints and AWS; only the managed bucket's
// origin differs (see managedBucket.ts).
import type { S3Client } from '@aws-sdk/client-s3';
import type * as awsClients from '../aws/awsClients';
import type { AwsClientSettings } from '../aws/backend';
import { ArtifactUploader, type UploadedArtifact } from './artifactUploader';
import { ensureBucket, localManagedBucketName, resolveManagedStackBucket } from './managedBucket';
import { createS3ArtifactStore } from './s3ArtifactStore';

/** What the destination needs to know. */
export interface ArtifactDestinationOptions {
  clients: typeof awsClients;
  /** Client settings for S3, and for CloudFormation (the managed stack on AWS). */
  settings: (service: 's3' | 'cloudformation') => AwsClientSettings;
  /** `--s3-bucket`; absent: the managed bucket. */
  bucket?: string;
  prefix?: string;
  kmsKeyId?: string;
  forceUpload?: boolean;
  metadata?: Record<string, string>;
  onArtifact?: (artifact: UploadedArtifact) => void;
  /** Progress notes ("Creating the managed bucket..."). */
  onNotice?: (message: string) => void;
}

/** An uploader bound to the resolved bucket, and the S3 client behind it (destroy it when done). */
export interface ArtifactDestination {
  bucket: string;
  uploader: ArtifactUploader;
  s3: S3Client;
  dispose(): void;
}

/** Resolves the bucket (creating the managed one when needed) and returns an uploader for it. */
export async function openArtifactDestination(options: ArtifactDestinationOptions): Promise<ArtifactDestination> {
  const { clients } = options;
  const settings = options.settings('s3');
  const s3 = new clients.S3Client(settings);
  try {
    const bucket = options.bucket ?? (await resolveManagedBucket(options, settings, s3));
    const store = createS3ArtifactStore({
      clients,
      s3,
      bucket,
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(options.kmsKeyId ? { kmsKeyId: options.kmsKeyId } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
    const uploader = new ArtifactUploader(store, {
      ...(options.prefix ? { prefix: options.prefix } : {}),
      ...(options.forceUpload ? { forceUpload: true } : {}),
      ...(options.onArtifact ? { onArtifact: options.onArtifact } : {}),
    });
    return { bucket, uploader, s3, dispose: () => s3.destroy() };
  } catch (error) {
    s3.destroy();
    throw error;
  }
}

async function resolveManagedBucket(
  options: ArtifactDestinationOptions,
  settings: AwsClientSettings,
  s3: S3Client,
): Promise<string> {
  const { clients } = options;
  if (settings.endpoint) {
    const bucket = localManagedBucketName(settings.region);
    if (await ensureBucket(clients, s3, bucket, settings.region)) options.onNotice?.(`Created the bucket ${bucket}`);
    return bucket;
  }
  const cloudFormation = new clients.CloudFormationClient(options.settings('cloudformation'));
  try {
    return await resolveManagedStackBucket(clients, cloudFormation, {
      onCreate: () =>
        options.onNotice?.('Creating the managed artifact bucket (stack serverless-workbench-managed-default)'),
    });
  } finally {
    cloudFormation.destroy();
  }
}
