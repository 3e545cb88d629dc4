// AWS::S3::Bucket configurations deployed through the local CloudFormation: CloudFormation's property names become
// S3's documents (notifications, versioning, lifecycle, CORS, tags), so a SAM function with an S3 event is invoked
// when a matching object is uploaded to the deployed bucket; an update that drops a configuration removes it.
import { strict as assert } from 'node:assert';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import {
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { bucketConfigurationCalls } from '../../../src/localcloud/cloudformation/providers/s3/bucketConfigurations';
import { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { pollUntil } from '../../support/trafficShiftHarness';

function template(withEvent: boolean): string {
  return JSON.stringify({
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: {
      Uploads: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketName: 'stack-uploads',
          VersioningConfiguration: { Status: 'Enabled' },
          LifecycleConfiguration: {
            Rules: [
              { Id: 'tmp', Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: '1' },
              {
                Id: 'old-versions',
                Status: 'Enabled',
                TagFilters: [{ Key: 'keep', Value: 'no' }],
                NoncurrentVersionExpiration: { NoncurrentDays: 3, NewerNoncurrentVersions: 2 },
              },
            ],
          },
          CorsConfiguration: { CorsRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'], MaxAge: 60 }] },
          Tags: [{ Key: 'team', Value: 'media' }],
        },
      },
      OnUpload: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          InlineCode: 'exports.handler = async () => {};',
          ...(withEvent
            ? {
                Events: {
                  Upload: {
                    Type: 'S3',
                    Properties: {
                      Bucket: { Ref: 'Uploads' },
                      Events: 's3:ObjectCreated:*',
                      Filter: { S3Key: { Rules: [{ Name: 'suffix', Value: '.jpg' }] } },
                    },
                  },
                },
              }
            : {}),
        },
      },
    },
  });
}

describe('local cloud: AWS::S3::Bucket configurations', () => {
  it('maps CloudFormation names to S3 documents, and removals to deletes', () => {
    const calls = bucketConfigurationCalls(
      'b',
      {
        NotificationConfiguration: {
          QueueConfigurations: [{ Event: 's3:ObjectRemoved:*', Queue: 'arn:aws:sqs:us-east-1:123456789012:q' }],
        },
        LifecycleConfiguration: {
          Rules: [{ Status: 'Enabled', Prefix: 'logs/', ObjectSizeGreaterThan: '10', ExpirationDate: '2027-01-01' }],
        },
      },
      { Tags: [{ Key: 'a', Value: 'b' }] },
    );
    assert.deepEqual(calls, [
      {
        operation: 'PutBucketNotificationConfiguration',
        input: {
          Bucket: 'b',
          NotificationConfiguration: {
            LambdaFunctionConfigurations: [],
            QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:us-east-1:123456789012:q', Events: ['s3:ObjectRemoved:*'] }],
            TopicConfigurations: [],
          },
        },
      },
      {
        operation: 'PutBucketLifecycleConfiguration',
        input: {
          Bucket: 'b',
          LifecycleConfiguration: {
            Rules: [
              {
                Status: 'Enabled',
                Filter: { And: { Prefix: 'logs/', ObjectSizeGreaterThan: 10 } },
                Expiration: { Date: Date.parse('2027-01-01') / 1000 },
                Transitions: [],
              },
            ],
          },
        },
      },
      { operation: 'DeleteBucketTagging', input: { Bucket: 'b' } },
    ]);
  });

  describe('deployed with a SAM S3 event', () => {
    let harness: LocalCloudHarness;
    let pool: FakeRuntimePool;
    let cloudFormation: CloudFormationClient;
    beforeEach(async () => {
      pool = new FakeRuntimePool();
      harness = await startHarness({ runtimePool: pool });
      cloudFormation = new CloudFormationClient(clientConfig(harness.cloud.endpoint));
    });
    afterEach(async () => {
      cloudFormation.destroy();
      await harness.stop();
    });

    async function settled(): Promise<void> {
      let status = '';
      let reason = '';
      await pollUntil(async () => {
        const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'media' }))).Stacks?.[0];
        status = stack?.StackStatus ?? '';
        reason = stack?.StackStatusReason ?? '';
        return !status.endsWith('_IN_PROGRESS');
      }, 30_000);
      assert.match(status, /^(CREATE|UPDATE)_COMPLETE$/, reason);
    }

    it('configures the bucket and invokes the function for matching uploads; an update removes the event', async () => {
      const { s3 } = harness;
      const capabilities = ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
      await cloudFormation.send(
        new CreateStackCommand({ StackName: 'media', TemplateBody: template(true), Capabilities: [...capabilities] }),
      );
      await settled();
      assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'stack-uploads' }))).Status, 'Enabled');
      assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket: 'stack-uploads' }))).TagSet, [
        { Key: 'team', Value: 'media' },
      ]);
      const rules = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'stack-uploads' }))).Rules!;
      assert.deepEqual(rules[0]!.Expiration, { Days: 1 });
      assert.deepEqual(rules[1]!.Filter, { Tag: { Key: 'keep', Value: 'no' } });
      assert.equal(
        (await s3.send(new GetBucketCorsCommand({ Bucket: 'stack-uploads' }))).CORSRules?.[0]?.MaxAgeSeconds,
        60,
      );
      const notifications = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'stack-uploads' }));
      assert.equal(notifications.LambdaFunctionConfigurations?.length, 1);

      await s3.send(new PutObjectCommand({ Bucket: 'stack-uploads', Key: 'cat.jpg', Body: 'meow' }));
      await s3.send(new PutObjectCommand({ Bucket: 'stack-uploads', Key: 'notes.txt', Body: 'no' }));
      await pollUntil(() => pool.invocations.length >= 1);
      const record = (
        JSON.parse(pool.invocations[0]!.request.payload) as { Records: { s3: { object: { key: string } } }[] }
      ).Records[0]!;
      assert.equal(record.s3.object.key, 'cat.jpg');

      await cloudFormation.send(
        new UpdateStackCommand({ StackName: 'media', TemplateBody: template(false), Capabilities: [...capabilities] }),
      );
      await settled();
      const after = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'stack-uploads' }));
      assert.equal(after.LambdaFunctionConfigurations, undefined);
      await s3.send(new PutObjectCommand({ Bucket: 'stack-uploads', Key: 'dog.jpg', Body: 'woof' }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(pool.invocations.length, 1);
    });
  });
});
