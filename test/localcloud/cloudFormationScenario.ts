// What the CloudFormation fidelity tests share: samples/hello-sam packaged (code zipped and uploaded to the
// local cloud's S3 with the S3 client, CodeUri rewritten to s3://), as `aws cloudformation package` would.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { stringify } from 'yaml';
import { parseTemplateJson } from '../../src/core/template/templateJson';
import { clientConfig } from '../support/localCloudHarness';
import { packageTemplateCode } from '../support/packageTemplateCode';
import { repoRoot } from '../support/paths';

export const SAMPLE_DIRECTORY = join(repoRoot, 'samples', 'hello-sam');

/** Uploads hello-sam's code to `bucket` (created) and answers the packaged template as YAML. */
export async function packageSample(endpoint: string, bucket: string, directory = SAMPLE_DIRECTORY): Promise<string> {
  const s3 = new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const template = parseTemplateJson(readFileSync(join(directory, 'template.yaml'), 'utf8'));
    for (const upload of packageTemplateCode(template, directory, bucket)) {
      await s3.send(new PutObjectCommand({ Bucket: upload.bucket ?? bucket, Key: upload.key, Body: upload.zip }));
    }
    return stringify(template);
  } finally {
    s3.destroy();
  }
}

/** Writes the packaged template to a file for the CLI and boto3. */
export async function packageSampleToFile(endpoint: string, bucket: string, file: string): Promise<void> {
  writeFileSync(file, await packageSample(endpoint, bucket));
}

/** A SAM template the transform rejects (an Api event whose Path is not text). */
export const INVALID_SAM_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1;"
      Events:
        Bad:
          Type: Api
          Properties:
            Path: 42
`;
