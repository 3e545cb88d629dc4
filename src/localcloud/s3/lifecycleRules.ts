// S3 Lifecycle rules as AWS applies them (pure: the sweep in lifecycleSweep.ts acts on what these decide). A rule
// applies to a version when it is Enabled and its filter matches (prefix, tags, size bounds, or their And; the
// legacy rule-level Prefix). Days count from the object's creation (from becoming noncurrent for noncurrent
// versions, from initiation for multipart uploads) and are rounded up to the next midnight UTC; Date rules act from
// that midnight. See https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
import type { ObjectMetadata } from './objectMetadata';

const DAY = 86_400_000;

interface Tag {
  Key: string;
  Value: string;
}

interface RuleFilter {
  Prefix?: string;
  Tag?: Tag;
  ObjectSizeGreaterThan?: number;
  ObjectSizeLessThan?: number;
  And?: { Prefix?: string; Tags?: Tag[]; ObjectSizeGreaterThan?: number; ObjectSizeLessThan?: number };
}

/** A lifecycle rule as stored (dates are ISO strings once saved). */
export interface LifecycleRule {
  ID?: string;
  Status?: string;
  Prefix?: string;
  Filter?: RuleFilter;
  Expiration?: { Days?: number; Date?: string | Date; ExpiredObjectDeleteMarker?: boolean };
  NoncurrentVersionExpiration?: { NoncurrentDays?: number; NewerNoncurrentVersions?: number };
  AbortIncompleteMultipartUpload?: { DaysAfterInitiation?: number };
}

/** When an action is due, and the rule that asks for it. */
export interface Due {
  at: number;
  ruleId: string;
}

/** What a sweep does to one key at a given time. */
export type LifecycleAction =
  | { kind: 'expireCurrent'; ruleId: string }
  | { kind: 'removeVersion'; versionId: string; ruleId: string; deleteMarker: boolean };

/** `start` plus `days`, rounded up to the next midnight UTC (S3's rule for every Days setting). */
export function afterDays(start: number, days: number): number {
  return Math.ceil((start + days * DAY) / DAY) * DAY;
}

function tagsMatch(wanted: readonly Tag[], tags: readonly Tag[] | undefined): boolean {
  return wanted.every((tag) => tags?.some((own) => own.Key === tag.Key && own.Value === tag.Value));
}

/** Whether a rule's filter selects a version (delete markers have no tags or size: tag filters never select them). */
export function ruleMatches(
  rule: LifecycleRule,
  version: Pick<ObjectMetadata, 'key' | 'size' | 'tags' | 'deleteMarker'>,
): boolean {
  if (rule.Status !== 'Enabled') return false;
  const filter: RuleFilter = rule.Filter ?? { Prefix: rule.Prefix ?? '' };
  const and = filter.And;
  const prefix = and ? and.Prefix : filter.Prefix;
  const tags = and ? (and.Tags ?? []) : filter.Tag ? [filter.Tag] : [];
  const greaterThan = and ? and.ObjectSizeGreaterThan : filter.ObjectSizeGreaterThan;
  const lessThan = and ? and.ObjectSizeLessThan : filter.ObjectSizeLessThan;
  if (prefix !== undefined && !version.key.startsWith(prefix)) return false;
  if (version.deleteMarker) return tags.length === 0;
  if (!tagsMatch(tags, version.tags)) return false;
  if (greaterThan !== undefined && !(version.size > greaterThan)) return false;
  if (lessThan !== undefined && !(version.size < lessThan)) return false;
  return true;
}

function prefixOf(rule: LifecycleRule): string {
  return (rule.Filter ? (rule.Filter.And?.Prefix ?? rule.Filter.Prefix) : rule.Prefix) ?? '';
}

function ruleIdOf(rule: LifecycleRule): string {
  return rule.ID ?? '';
}

function earliest(candidates: readonly (Due | undefined)[]): Due | undefined {
  let best: Due | undefined;
  for (const candidate of candidates) if (candidate && (!best || candidate.at < best.at)) best = candidate;
  return best;
}

/** When the current version expires (Expiration Days or Date), the earliest of the rules that select it. */
export function currentExpiry(rules: readonly LifecycleRule[], current: ObjectMetadata): Due | undefined {
  if (current.deleteMarker) return undefined;
  return earliest(
    rules.map((rule) => {
      const expiration = rule.Expiration;
      if (!expiration || !ruleMatches(rule, current)) return undefined;
      if (expiration.Days !== undefined) {
        return { at: afterDays(current.lastModified, expiration.Days), ruleId: ruleIdOf(rule) };
      }
      if (expiration.Date !== undefined) return { at: new Date(expiration.Date).getTime(), ruleId: ruleIdOf(rule) };
      return undefined;
    }),
  );
}

/** The x-amz-expiration header S3 sends with an object that a rule will expire. */
export function expirationHeader(due: Due): string {
  return `expiry-date="${new Date(due.at).toUTCString()}", rule-id="${due.ruleId}"`;
}

/** When an expired object delete marker (the key's only version) goes. */
function markerRemoval(rules: readonly LifecycleRule[], marker: ObjectMetadata): Due | undefined {
  return earliest(
    rules.map((rule) => {
      if (!ruleMatches(rule, marker)) return undefined;
      if (rule.Expiration?.ExpiredObjectDeleteMarker === true)
        return { at: marker.lastModified, ruleId: ruleIdOf(rule) };
      // A Days expiration cleans expired delete markers up once they are as old as its lifetime.
      const days = rule.Expiration?.Days;
      return days !== undefined ? { at: afterDays(marker.lastModified, days), ruleId: ruleIdOf(rule) } : undefined;
    }),
  );
}

/** When a noncurrent version goes: NoncurrentDays after it became noncurrent, past the newest N kept. */
function noncurrentRemoval(
  rules: readonly LifecycleRule[],
  version: ObjectMetadata,
  noncurrentSince: number,
  newerNoncurrent: number,
): Due | undefined {
  return earliest(
    rules.map((rule) => {
      const expiration = rule.NoncurrentVersionExpiration;
      if (!expiration || !ruleMatches(rule, version)) return undefined;
      if (newerNoncurrent < (expiration.NewerNoncurrentVersions ?? 0)) return undefined;
      return { at: afterDays(noncurrentSince, expiration.NoncurrentDays ?? 0), ruleId: ruleIdOf(rule) };
    }),
  );
}

/**
 * What is due for one key's versions (newest first) at `now`, and when the next action on it falls due (for the
 * sweep's schedule). Expiring the current version comes first; noncurrent versions are judged as they stand.
 */
export function dueActions(
  rules: readonly LifecycleRule[],
  versions: readonly ObjectMetadata[],
  now: number,
): { actions: LifecycleAction[]; next?: number } {
  const actions: LifecycleAction[] = [];
  const pending: number[] = [];
  const consider = (due: Due | undefined, action: (ruleId: string) => LifecycleAction) => {
    if (!due) return;
    if (due.at <= now) actions.push(action(due.ruleId));
    else pending.push(due.at);
  };
  const [current, ...noncurrent] = versions;
  if (!current) return { actions };
  if (current.deleteMarker && noncurrent.length === 0) {
    consider(markerRemoval(rules, current), (ruleId) => ({
      kind: 'removeVersion',
      versionId: current.versionId ?? 'null',
      ruleId,
      deleteMarker: true,
    }));
  }
  consider(currentExpiry(rules, current), (ruleId) => ({ kind: 'expireCurrent', ruleId }));
  noncurrent.forEach((version, rank) => {
    const noncurrentSince = versions[rank]!.lastModified;
    consider(noncurrentRemoval(rules, version, noncurrentSince, rank), (ruleId) => ({
      kind: 'removeVersion',
      versionId: version.versionId ?? 'null',
      ruleId,
      deleteMarker: version.deleteMarker === true,
    }));
  });
  return { actions, ...(pending.length > 0 ? { next: Math.min(...pending) } : {}) };
}

/** When a multipart upload initiated at `initiated` is aborted (AbortIncompleteMultipartUpload). */
export function abortDue(rules: readonly LifecycleRule[], key: string, initiated: number): Due | undefined {
  return earliest(
    rules.map((rule) => {
      const days = rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation;
      // Uploads have no tags or size yet: only the rule's prefix selects them.
      if (days === undefined || rule.Status !== 'Enabled' || !key.startsWith(prefixOf(rule))) return undefined;
      return { at: afterDays(initiated, days), ruleId: ruleIdOf(rule) };
    }),
  );
}
