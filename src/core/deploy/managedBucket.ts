// The bucket artifacts go to when none is given (`--resolve-s3`, SAM's managed bucket). On AWS, bucket names are
// global, so a small CloudFormation stack creates one with a unique name, as SAM CLI's aws-sam-cli-managed-default
// does; on the local cloud and other endpoints, names are private to the endpoint and a fixed name is enough.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import type * as awsClients from '../aws/awsClients';
import { WorkbenchError } from '../errors';

type AwsClientsModule = typeof awsClients;

export const MANAGED_STACK_NAME = 'serverless-workbench-managed-default';

/** The managed bucket's name on a local endpoint. */
export function localManagedBucketName(region: string): string {
  return `serverless-workbench-managed-${region}`;
}

/** Creates the bucket unless it exists; returns whether it was created. */
export async function ensureBucket(
  clients: AwsClientsModule,
  s3: S3Client,
  bucket: string,
  region: string,
): Promise<boolean> {
  try {
    await s3.send(new clients.s3.HeadBucketCommand({ Bucket: bucket }));
    return false;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) {
      // S3 answers HEAD without a body, so "400 UnknownError" may be expired credentials or a bucket owned by
      // someone else: a listing of the same bucket fails with the error code that says which.
      await s3.send(new clients.s3.ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }));
      return false;
    }
  }
  await s3.send(
    new clients.s3.CreateBucketCommand({
      Bucket: bucket,
      // us-east-1 is the one region that refuses its own name as a constraint.
      ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
    }),
  );
  return true;
}

const MANAGED_STACK_TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Description: 'Serverless Workbench: the bucket deploy uploads code and templates to.',
  Resources: {
    SourceBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        Tags: [{ Key: 'ManagedStackSource', Value: 'ServerlessWorkbench' }],
      },
    },
    SourceBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'SourceBucket' },
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Action: 's3:*',
              Principal: '*',
              Resource: [
                { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${SourceBucket}/*' },
                { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${SourceBucket}' },
              ],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
  },
  Outputs: { SourceBucket: { Value: { Ref: 'SourceBucket' } } },
});

/** The managed stack's bucket, creating the stack on first use and waiting for it. */
export async function resolveManagedStackBucket(
  clients: AwsClientsModule,
  cloudFormation: CloudFormationClient,
  options: { pollIntervalMs?: number; onCreate?: () => void } = {},
): Promise<string> {
  const { cloudformation } = clients;
  const describe = async () => {
    try {
      const result = await cloudFormation.send(
        new cloudformation.DescribeStacksCommand({ StackName: MANAGED_STACK_NAME }),
      );
      return result.Stacks?.[0];
    } catch (error) {
      if (/does not exist/.test((error as Error).message ?? '')) return undefined;
      throw error;
    }
  };
  let stack = await describe();
  if (!stack) {
    options.onCreate?.();
    await cloudFormation.send(
      new cloudformation.CreateStackCommand({
        StackName: MANAGED_STACK_NAME,
        TemplateBody: MANAGED_STACK_TEMPLATE,
        Tags: [{ Key: 'ManagedStackSource', Value: 'ServerlessWorkbench' }],
      }),
    );
    stack = await describe();
  }
  while (stack?.StackStatus?.endsWith('_IN_PROGRESS')) {
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 1000));
    stack = await describe();
  }
  const bucket = stack?.Outputs?.find((output) => output.OutputKey === 'SourceBucket')?.OutputValue;
  if (!stack || !bucket || !/_COMPLETE$/.test(stack.StackStatus ?? '') || /ROLLBACK/.test(stack.StackStatus ?? '')) {
    throw new WorkbenchError(
      `The managed stack ${MANAGED_STACK_NAME} is ${stack?.StackStatus ?? 'missing'}${stack?.StackStatusReason ? `: ${stack.StackStatusReason}` : ''}`,
      {
        code: 'ManagedBucketUnavailable',
        hint: `Delete the stack ${MANAGED_STACK_NAME} and try again, or pass --s3-bucket.`,
      },
    );
  }
  return bucket;
}
