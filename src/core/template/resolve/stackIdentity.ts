// Where a template is imagined to be deployed, and the ARNs, URLs and pseudo parameters that follow from it. The
// local runtime and the sample events use the same ones, so a function's environment and its events agree.
import { stableUuid } from './stableId';

/** The stack a template is resolved for: its region, account, partition and name. */
export interface StackIdentity {
  region: string;
  accountId: string;
  /** `aws`, `aws-cn` or `aws-us-gov`, from the region. */
  partition: string;
  /** The stack name used for CloudFormation-generated physical names (`<stack>-<LogicalId>-<suffix>`). */
  stackName: string;
}

/** The account id SAM CLI uses locally. */
export const LOCAL_ACCOUNT_ID = '123456789012';

/** A stack identity for a region, account and stack name; the partition follows from the region. */
export function createStackIdentity(location: Omit<StackIdentity, 'partition'>): StackIdentity {
  return { ...location, partition: partitionOf(location.region) };
}

/** The ARN partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The DNS suffix of the partition's service endpoints (AWS::URLSuffix). */
export function urlSuffixOf(identity: Pick<StackIdentity, 'partition'>): string {
  return identity.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** A regional ARN in the identity's partition, region and account. */
export function regionalArn(identity: StackIdentity, service: string, resource: string): string {
  return `arn:${identity.partition}:${service}:${identity.region}:${identity.accountId}:${resource}`;
}

/** An S3 bucket ARN: S3 bucket ARNs carry neither region nor account. */
export function bucketArn(identity: Pick<StackIdentity, 'partition'>, bucketName: string): string {
  return `arn:${identity.partition}:s3:::${bucketName}`;
}

/** The URL SQS gives a queue (what `Ref` returns for AWS::SQS::Queue). */
export function queueUrl(identity: StackIdentity, queueName: string): string {
  return `https://sqs.${identity.region}.${urlSuffixOf(identity)}/${identity.accountId}/${queueName}`;
}

/** The stack's ARN (AWS::StackId), with an id that is stable per stack name. */
export function stackArn(identity: StackIdentity): string {
  return regionalArn(
    identity,
    'cloudformation',
    `stack/${identity.stackName}/${stableUuid(`stack:${identity.stackName}`)}`,
  );
}

/** The values of CloudFormation's pseudo parameters for the stack (AWS::NoValue is the evaluator's business). */
export function pseudoParameters(identity: StackIdentity): Map<string, string | string[]> {
  return new Map<string, string | string[]>([
    ['AWS::Region', identity.region],
    ['AWS::AccountId', identity.accountId],
    ['AWS::StackName', identity.stackName],
    ['AWS::StackId', stackArn(identity)],
    ['AWS::Partition', identity.partition],
    ['AWS::URLSuffix', urlSuffixOf(identity)],
    ['AWS::NotificationARNs', []],
  ]);
}
