// Bucket policies: stored as the JSON text sent (S3 gives it back as sent), checked the way S3 checks them first
// (a JSON object with a Statement list whose entries have Effect and Principal), and read by GetBucketPolicyStatus,
// which calls a policy public when an Allow statement names every principal without conditions. Not enforced.
import type { S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';

const POLICY = 'policy';

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** The bucket policy handlers. */
export function policyHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  const policyOf = (bucket: string): string => {
    const policy = store.bucketConfiguration<string>(bucket, POLICY);
    if (policy === undefined || policy === null) {
      throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: bucket });
    }
    return policy;
  };
  return {
    PutBucketPolicy: (input) => {
      store.requireBucket(input.Bucket);
      statementsOf(input.Policy);
      store.setBucketConfiguration(input.Bucket, POLICY, input.Policy);
    },
    GetBucketPolicy: (input) => ({ Policy: policyOf(input.Bucket) }),
    DeleteBucketPolicy: (input) => {
      store.requireBucket(input.Bucket);
      store.setBucketConfiguration(input.Bucket, POLICY, undefined);
    },
    GetBucketPolicyStatus: (input) => {
      const statements = statementsOf(policyOf(input.Bucket));
      return { PolicyStatus: { IsPublic: statements.some(isPublic) } };
    },
  };
}

/** The statements of a policy document; MalformedPolicy as S3 words it otherwise. */
export function statementsOf(text: string): Statement[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  if (
    typeof document !== 'object' ||
    document === null ||
    Array.isArray(document) ||
    !text.trimStart().startsWith('{')
  ) {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  const statement = (document as { Statement?: unknown }).Statement;
  if (statement === undefined) throw malformedPolicy('Missing required field Statement');
  const statements = (Array.isArray(statement) ? statement : [statement]) as Statement[];
  for (const entry of statements) {
    if (typeof entry !== 'object' || entry === null) throw malformedPolicy('Statement is not well formed');
    if (entry.Effect !== 'Allow' && entry.Effect !== 'Deny') {
      throw malformedPolicy(
        entry.Effect === undefined
          ? 'Missing required field Effect'
          : `Invalid effect: ${JSON.stringify(entry.Effect)}`,
      );
    }
    if (entry.Principal === undefined && (entry as { NotPrincipal?: unknown }).NotPrincipal === undefined) {
      throw malformedPolicy('Missing required field Principal');
    }
  }
  return statements;
}

function isPublic(statement: Statement): boolean {
  if (statement.Effect !== 'Allow' || statement.Condition !== undefined) return false;
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = (principal as { AWS?: unknown }).AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

function malformedPolicy(message: string): AwsError {
  return new AwsError('MalformedPolicy', message, 400);
}
