// S3 Object Lock: a version under retention (until a date, GOVERNANCE or COMPLIANCE) or a legal hold cannot be
// deleted by version id or have its retention shortened; GOVERNANCE yields to `x-amz-bypass-governance-retention`.
// Uploads to a bucket with a default retention get it; lock headers on a bucket without Object Lock are refused.
import { AwsError } from '../protocol/awsError';
import type { ObjectMetadata } from './objectStore';

/** The configuration name of a bucket's Object Lock configuration. */
export const OBJECT_LOCK_CONFIGURATION = 'objectLock';

/** A stored retention (the date as ISO text). */
export interface StoredRetention {
  Mode: string;
  RetainUntilDate: string;
}

/** A bucket's Object Lock configuration as stored. */
export interface ObjectLockSettings {
  ObjectLockEnabled?: string;
  Rule?: { DefaultRetention?: { Mode?: string; Days?: number; Years?: number } };
}

/** What an upload may say about locks. */
export interface LockRequest {
  ObjectLockMode?: string;
  ObjectLockRetainUntilDate?: Date;
  ObjectLockLegalHoldStatus?: string;
}

const DAY_MS = 86_400_000;

export function missingLockConfiguration(): AwsError {
  return new AwsError('InvalidRequest', 'Bucket is missing Object Lock Configuration', 400);
}

/** The retention and legal hold an upload gets: its headers, else the bucket's default retention. */
export function lockForUpload(
  request: LockRequest,
  settings: ObjectLockSettings | null | undefined,
  now = Date.now(),
): Pick<ObjectMetadata, 'retention' | 'legalHold'> {
  const asked =
    request.ObjectLockMode !== undefined ||
    request.ObjectLockRetainUntilDate !== undefined ||
    request.ObjectLockLegalHoldStatus !== undefined;
  if (!settings?.ObjectLockEnabled) {
    if (asked) throw missingLockConfiguration();
    return {};
  }
  if ((request.ObjectLockMode === undefined) !== (request.ObjectLockRetainUntilDate === undefined)) {
    throw new AwsError(
      'InvalidArgument',
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
      400,
    );
  }
  const lock: Pick<ObjectMetadata, 'retention' | 'legalHold'> = {};
  if (request.ObjectLockMode !== undefined && request.ObjectLockRetainUntilDate !== undefined) {
    validateRetainUntil(request.ObjectLockRetainUntilDate, now);
    lock.retention = {
      Mode: request.ObjectLockMode,
      RetainUntilDate: request.ObjectLockRetainUntilDate.toISOString(),
    };
  } else {
    const byDefault = settings.Rule?.DefaultRetention;
    if (byDefault?.Mode) {
      const days = byDefault.Days ?? (byDefault.Years ?? 0) * 365;
      lock.retention = { Mode: byDefault.Mode, RetainUntilDate: new Date(now + days * DAY_MS).toISOString() };
    }
  }
  if (request.ObjectLockLegalHoldStatus !== undefined) lock.legalHold = request.ObjectLockLegalHoldStatus;
  return lock;
}

/** A retain-until date must be in the future. */
export function validateRetainUntil(date: Date, now = Date.now()): void {
  if (date.getTime() <= now) {
    throw new AwsError('InvalidArgument', 'The retain until date must be in the future!', 400);
  }
}

/** Whether a version is protected from deletion or a shorter retention; AccessDenied if so. */
export function checkUnlocked(version: ObjectMetadata, bypassGovernance: boolean, now = Date.now()): void {
  if (version.legalHold === 'ON') throw accessDenied();
  const retention = version.retention;
  if (!retention || new Date(retention.RetainUntilDate).getTime() <= now) return;
  if (retention.Mode === 'GOVERNANCE' && bypassGovernance) return;
  throw accessDenied();
}

/** The lock members GetObject and HeadObject answer. */
export function lockMembers(version: ObjectMetadata): {
  ObjectLockMode?: string;
  ObjectLockRetainUntilDate?: Date;
  ObjectLockLegalHoldStatus?: string;
} {
  return {
    ...(version.retention
      ? {
          ObjectLockMode: version.retention.Mode,
          ObjectLockRetainUntilDate: new Date(version.retention.RetainUntilDate),
        }
      : {}),
    ...(version.legalHold ? { ObjectLockLegalHoldStatus: version.legalHold } : {}),
  };
}

/** PutObjectLockConfiguration's rules: Enabled, and a default retention of Days or Years (positive). */
export function validateLockConfiguration(settings: ObjectLockSettings): void {
  if (settings.ObjectLockEnabled !== 'Enabled') throw malformed();
  const byDefault = settings.Rule?.DefaultRetention;
  if (settings.Rule && !byDefault) throw malformed();
  if (!byDefault) return;
  if (!byDefault.Mode || (byDefault.Days === undefined) === (byDefault.Years === undefined)) throw malformed();
  const period = byDefault.Days ?? byDefault.Years ?? 0;
  if (period <= 0) {
    throw new AwsError('InvalidArgument', 'Default retention period must be a positive integer value.', 400, {
      ArgumentName: byDefault.Days !== undefined ? 'Days' : 'Years',
      ArgumentValue: String(period),
    });
  }
}

function accessDenied(): AwsError {
  return new AwsError('AccessDenied', 'Access Denied', 403);
}

function malformed(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
}
