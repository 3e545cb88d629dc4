// Templates and included snippets stored in S3 (TemplateURL, AWS::Include's Location) are read from the local
// cloud's own S3: every URL form AWS accepts (virtual-hosted, path-style, regional, s3://) and the local
// endpoint's path-style URLs name a bucket and key there.
import { AwsError, isAwsError } from '../../protocol/awsError';
import type { ObjectStore } from '../../s3/objectStore';

/** Bucket and key of an S3 URL, or undefined when the URL does not name an S3 object. */
export function parseS3Location(location: string): { bucket: string; key: string } | undefined {
  const s3Scheme = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
  if (s3Scheme) return { bucket: s3Scheme[1]!, key: decodeKey(s3Scheme[2]!) };
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname;
  const path = url.pathname.replace(/^\//, '');
  // Virtual-hosted: bucket.s3.amazonaws.com, bucket.s3.region.amazonaws.com, bucket.s3-region.amazonaws.com.
  const virtual = /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (virtual && path) return { bucket: virtual[1]!, key: decodeKey(path) };
  // Path-style: s3.amazonaws.com/bucket/key, s3.region.amazonaws.com/..., and the local endpoint itself.
  const pathStyle =
    /^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.test(host) ||
    host === '127.0.0.1' ||
    host === 'localhost' ||
    host === '[::1]';
  const slash = path.indexOf('/');
  if (pathStyle && slash > 0) return { bucket: path.slice(0, slash), key: decodeKey(path.slice(slash + 1)) };
  return undefined;
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** Reads an S3 object named by a URL as text; ValidationError with S3's reason when it cannot. */
export function readS3Text(store: ObjectStore, location: string, what: 'TemplateURL' | 'Location'): string {
  const parsed = parseS3Location(location);
  if (!parsed) {
    throw new AwsError(
      'ValidationError',
      what === 'TemplateURL' ? 'TemplateURL must be a supported URL.' : `${location} is not a valid S3 location`,
    );
  }
  try {
    return store.getObject(parsed.bucket, parsed.key).data.toString('utf8');
  } catch (error) {
    if (!isAwsError(error)) throw error;
    const reason =
      error.code === 'NoSuchBucket'
        ? 'The specified bucket does not exist'
        : error.code === 'NoSuchKey'
          ? 'The specified key does not exist.'
          : error.message;
    throw new AwsError('ValidationError', `S3 error: ${reason}`);
  }
}
