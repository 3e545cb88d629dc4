// Lifecycle rules applied on the local cloud's clock. AWS runs lifecycle asynchronously (objects go some time after
// they are due); here a sweep runs before an S3 request when the clock has moved on since the last one and an
// action may be due, so tests drive time through the cloud's clock instead of sleeping. A sweep expires current
// versions (delete, or a delete marker in versioned buckets), removes noncurrent versions and expired object delete
// markers, and aborts incomplete multipart uploads; locked versions (Object Lock) stay, as on S3.
import type { Logger } from '../../core/logger';
import { isAwsError } from '../protocol/awsError';
import {
  abortDue,
  currentExpiry,
  dueActions,
  expirationHeader,
  type LifecycleAction,
  type LifecycleRule,
} from './lifecycleRules';
import type { MultipartUploads } from './multipartUploads';
import { checkUnlocked } from './objectLock';
import type { ObjectMetadata, ObjectStore } from './objectStore';
import { versionIdOf } from './objectVersions';

/** The configuration name lifecycle rules are stored under. */
export const LIFECYCLE_CONFIGURATION = 'lifecycle';
/** Sweeps run at most this often (clock time), so a burst of requests does not walk the buckets each time. */
const SWEEP_INTERVAL_MS = 1000;
const MAX_ROUNDS_PER_KEY = 4;

/** What a sweep did, for S3 event notifications (LifecycleExpiration:Delete / DeleteMarkerCreated). */
export interface LifecycleEvent {
  bucket: string;
  key: string;
  eventName: 'LifecycleExpiration:Delete' | 'LifecycleExpiration:DeleteMarkerCreated';
  /** The version removed, or the delete marker created. */
  version: ObjectMetadata;
}

/** Applies buckets' lifecycle rules when they fall due. */
export class LifecycleSweeper {
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: ObjectStore,
    private readonly uploads: MultipartUploads,
    private readonly logger: Logger,
    private readonly onEvent: (event: LifecycleEvent) => void = () => undefined,
  ) {}

  /** Sweeps when the clock has moved on by the sweep interval since the last sweep. */
  sweepIfDue(): void {
    const now = this.store.now();
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) this.sweep(now);
  }

  /** Applies every action due at `now`; answers when the next known action falls due (Infinity: none). */
  sweep(now: number): number {
    this.lastSweep = now;
    let nextDue = Number.POSITIVE_INFINITY;
    for (const { name } of this.store.listBuckets()) {
      const rules = rulesOf(this.store, name);
      if (rules.length === 0) continue;
      try {
        nextDue = Math.min(nextDue, this.sweepBucket(name, rules, now));
      } catch (error) {
        this.logger.warn(`[localcloud] S3 lifecycle sweep of ${name} failed: ${String(error)}`);
      }
    }
    return nextDue;
  }

  private sweepBucket(bucket: string, rules: readonly LifecycleRule[], now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const key of this.store.sortedVersionedKeys(bucket)) {
      // An action can make another due at once (a removed version leaves a lone delete marker): a key is judged
      // again after each change, a few rounds at most.
      for (let round = 0; round < MAX_ROUNDS_PER_KEY; round++) {
        const outcome = dueActions(rules, this.store.versionsOf(bucket, key), now);
        for (const action of outcome.actions) this.apply(bucket, key, action);
        if (outcome.actions.length === 0) {
          if (outcome.next !== undefined) next = Math.min(next, outcome.next);
          break;
        }
      }
    }
    for (const upload of this.uploads.inBucket(bucket)) {
      const due = abortDue(rules, upload.key, upload.initiated);
      if (!due) continue;
      if (due.at <= now) this.uploads.abort(bucket, upload.key, upload.uploadId);
      else next = Math.min(next, due.at);
    }
    return next;
  }

  private apply(bucket: string, key: string, action: LifecycleAction): void {
    if (action.kind === 'expireCurrent') {
      const current = this.store.versionsOf(bucket, key)[0];
      if (!current || current.deleteMarker) return;
      const outcome = this.store.deleteObject(bucket, key);
      const marker = outcome.deleteMarker ? this.store.versionsOf(bucket, key)[0] : undefined;
      this.onEvent(
        marker
          ? { bucket, key, eventName: 'LifecycleExpiration:DeleteMarkerCreated', version: marker }
          : { bucket, key, eventName: 'LifecycleExpiration:Delete', version: current },
      );
      return;
    }
    const version = this.store.versionsOf(bucket, key).find((entry) => versionIdOf(entry) === action.versionId);
    if (!version) return;
    try {
      checkUnlocked(version, false, this.store.now());
    } catch (error) {
      if (isAwsError(error)) return;
      throw error;
    }
    this.store.deleteObject(bucket, key, action.versionId);
    this.onEvent({ bucket, key, eventName: 'LifecycleExpiration:Delete', version });
  }
}

function rulesOf(store: ObjectStore, bucket: string): LifecycleRule[] {
  return store.bucketConfiguration<{ Rules?: LifecycleRule[] }>(bucket, LIFECYCLE_CONFIGURATION)?.Rules ?? [];
}

/** The x-amz-expiration member of PUT/GET/HEAD/copy answers for an object a rule will expire (current ones only). */
export function expirationMember(store: ObjectStore, bucket: string, object: ObjectMetadata): { Expiration?: string } {
  if (store.findObject(bucket, object.key) !== object) return {};
  const due = currentExpiry(rulesOf(store, bucket), object);
  return due ? { Expiration: expirationHeader(due) } : {};
}

/** The x-amz-abort-date / x-amz-abort-rule-id members of CreateMultipartUpload and ListParts answers. */
export function abortMembers(
  store: ObjectStore,
  bucket: string,
  key: string,
  initiated: number,
): { AbortDate?: Date; AbortRuleId?: string } {
  const due = abortDue(rulesOf(store, bucket), key, initiated);
  return due ? { AbortDate: new Date(due.at), AbortRuleId: due.ruleId } : {};
}
