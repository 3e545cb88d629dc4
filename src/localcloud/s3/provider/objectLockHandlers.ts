// Object Lock on versions: retention (extending is always allowed; shortening or removing needs GOVERNANCE plus
// the bypass header) and legal holds, on buckets whose Object Lock is enabled.
import type { S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import {
  checkUnlocked,
  missingLockConfiguration,
  OBJECT_LOCK_CONFIGURATION,
  validateRetainUntil,
  type ObjectLockSettings,
} from '../objectLock';
import type { ObjectStore } from '../objectStore';

/** The object retention and legal hold handlers. */
export function objectLockHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  const requireLock = (bucket: string) => {
    if (!store.bucketConfiguration<ObjectLockSettings>(bucket, OBJECT_LOCK_CONFIGURATION)?.ObjectLockEnabled) {
      throw missingLockConfiguration();
    }
  };
  return {
    PutObjectRetention: (input) => {
      requireLock(input.Bucket);
      const version = store.headObject(input.Bucket, input.Key, input.VersionId);
      const retention = input.Retention;
      const until = retention?.RetainUntilDate;
      if (until !== undefined) validateRetainUntil(until);
      const current = version.retention;
      const shortened =
        current !== undefined &&
        (until === undefined ||
          until.getTime() < new Date(current.RetainUntilDate).getTime() ||
          (current.Mode === 'COMPLIANCE' && retention?.Mode !== 'COMPLIANCE'));
      if (shortened) checkUnlocked({ ...version, legalHold: undefined }, input.BypassGovernanceRetention === true);
      const stored =
        retention?.Mode !== undefined && until !== undefined
          ? { Mode: retention.Mode, RetainUntilDate: until.toISOString() }
          : undefined;
      store.updateObject(input.Bucket, input.Key, input.VersionId, { retention: stored });
      return {};
    },
    GetObjectRetention: (input) => {
      requireLock(input.Bucket);
      const { retention } = store.headObject(input.Bucket, input.Key, input.VersionId);
      if (!retention) throw noLock();
      return { Retention: { Mode: retention.Mode, RetainUntilDate: new Date(retention.RetainUntilDate) } };
    },
    PutObjectLegalHold: (input) => {
      requireLock(input.Bucket);
      const status = input.LegalHold?.Status;
      if (status === undefined) {
        throw new AwsError(
          'MalformedXML',
          'The XML you provided was not well-formed or did not validate against our published schema',
          400,
        );
      }
      store.updateObject(input.Bucket, input.Key, input.VersionId, { legalHold: status });
      return {};
    },
    GetObjectLegalHold: (input) => {
      requireLock(input.Bucket);
      const { legalHold } = store.headObject(input.Bucket, input.Key, input.VersionId);
      if (!legalHold) throw noLock();
      return { LegalHold: { Status: legalHold } };
    },
  };
}

function noLock(): AwsError {
  return new AwsError(
    'NoSuchObjectLockConfiguration',
    'The specified object does not have a ObjectLock configuration',
    404,
  );
}
