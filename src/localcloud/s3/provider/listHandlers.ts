// ListObjectsV2 and the older ListObjects over a bucket's sorted keys, with prefixes, delimiters, paging and
// `encoding-type=url`, which the aws CLI always asks for.
import type {
  CommonPrefix,
  ListObjectsRequest,
  ListObjectsV2Request,
  Object as S3Object,
  Owner,
  S3Operations,
} from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';
import { bucketOwner } from './bucketHandlers';

/** One page of a listing. */
interface ListingPage {
  contents: S3Object[];
  commonPrefixes: CommonPrefix[];
  count: number;
  truncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  lastReturned: string;
}

/** The listing handlers. */
export function listHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    ListObjectsV2: (input, context) => {
      const { continuationToken, after } = startOf(input);
      // V2 names owners only when asked (fetch-owner); V1 always does.
      const page = listPage(store, input, after, input.FetchOwner ? bucketOwner(context.accountId) : undefined);
      const encode = encoder(input.EncodingType);
      return {
        Name: input.Bucket,
        Prefix: encode(input.Prefix ?? ''),
        KeyCount: page.count,
        MaxKeys: maxKeysOf(input),
        ...(input.Delimiter ? { Delimiter: encode(input.Delimiter) } : {}),
        IsTruncated: page.truncated,
        ...(input.EncodingType === 'url' ? { EncodingType: 'url' } : {}),
        ...(continuationToken !== undefined ? { ContinuationToken: continuationToken } : {}),
        ...(input.StartAfter !== undefined ? { StartAfter: encode(input.StartAfter) } : {}),
        ...(page.truncated
          ? { NextContinuationToken: Buffer.from(page.lastReturned, 'utf8').toString('base64url') }
          : {}),
        ...pageContents(page, encode),
      };
    },
    ListObjects: (input, context) => {
      const after = input.Marker ?? '';
      const page = listPage(store, input, after, bucketOwner(context.accountId));
      const encode = encoder(input.EncodingType);
      return {
        Name: input.Bucket,
        Prefix: encode(input.Prefix ?? ''),
        Marker: encode(after),
        MaxKeys: maxKeysOf(input),
        ...(input.Delimiter ? { Delimiter: encode(input.Delimiter) } : {}),
        IsTruncated: page.truncated,
        ...(input.EncodingType === 'url' ? { EncodingType: 'url' } : {}),
        ...(page.truncated && input.Delimiter ? { NextMarker: encode(page.lastReturned) } : {}),
        ...pageContents(page, encode),
      };
    },
  };
}

function pageContents(
  page: ListingPage,
  encode: (text: string) => string,
): { Contents?: S3Object[]; CommonPrefixes?: CommonPrefix[] } {
  return {
    ...(page.contents.length > 0
      ? { Contents: page.contents.map((item) => ({ ...item, Key: encode(item.Key!) })) }
      : {}),
    ...(page.commonPrefixes.length > 0
      ? { CommonPrefixes: page.commonPrefixes.map((common) => ({ Prefix: encode(common.Prefix!) })) }
      : {}),
  };
}

/** Where a V2 listing starts: after its continuation token's key, else after StartAfter. */
function startOf(input: ListObjectsV2Request): { continuationToken?: string; after: string } {
  const continuationToken = input.ContinuationToken;
  if (continuationToken === undefined) return { after: input.StartAfter ?? '' };
  const after = Buffer.from(continuationToken, 'base64url').toString('utf8');
  if (continuationToken === '' || Buffer.from(after, 'utf8').toString('base64url') !== continuationToken) {
    throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
      ArgumentName: 'continuation-token',
    });
  }
  return { continuationToken, after };
}

function maxKeysOf(input: ListObjectsRequest | ListObjectsV2Request): number {
  const maxKeys = input.MaxKeys ?? 1000;
  if (maxKeys < 0) {
    throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, {
      ArgumentName: 'max-keys',
      ArgumentValue: String(maxKeys),
    });
  }
  return maxKeys;
}

function encoder(encodingType: string | undefined): (text: string) => string {
  return encodingType === 'url' ? (text) => encodeURIComponent(text).replace(/%2F/g, '/') : (text) => text;
}

function listPage(
  store: ObjectStore,
  input: ListObjectsRequest | ListObjectsV2Request,
  after: string,
  owner: Owner | undefined,
): ListingPage {
  store.requireBucket(input.Bucket);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter ?? '';
  const maxKeys = maxKeysOf(input);
  const page: ListingPage = { contents: [], commonPrefixes: [], count: 0, truncated: false, lastReturned: '' };
  // S3 answers max-keys=0 with an empty page that is not truncated (no token to follow).
  if (maxKeys === 0) return page;
  let lastPrefix: string | undefined;
  for (const key of store.sortedKeys(input.Bucket)) {
    if (key <= after || !key.startsWith(prefix)) continue;
    const delimiterAt = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const commonPrefix = delimiterAt < 0 ? undefined : key.slice(0, delimiterAt + delimiter.length);
    if (commonPrefix !== undefined && (commonPrefix === lastPrefix || commonPrefix <= after)) continue;
    if (page.count >= maxKeys) {
      page.truncated = true;
      break;
    }
    page.count++;
    if (commonPrefix !== undefined) {
      page.commonPrefixes.push({ Prefix: commonPrefix });
      // The next page resumes after this prefix; the `commonPrefix <= after` test then skips the keys under it.
      lastPrefix = commonPrefix;
      page.lastReturned = commonPrefix;
      continue;
    }
    const object = store.headObject(input.Bucket, key);
    page.lastReturned = key;
    page.contents.push({
      Key: key,
      LastModified: new Date(object.lastModified),
      ETag: object.etag,
      Size: object.size,
      StorageClass: object.storageClass ?? 'STANDARD',
      ...(owner ? { Owner: owner } : {}),
      ...checksumAlgorithms(object.checksums),
    });
  }
  return page;
}

/** The algorithms of the checksums an object was uploaded with, as listings name them. */
function checksumAlgorithms(checksums: Record<string, string>): {
  ChecksumAlgorithm?: string[];
  ChecksumType?: string;
} {
  const algorithms = Object.keys(checksums).map((header) => header.slice('x-amz-checksum-'.length).toUpperCase());
  return algorithms.length > 0 ? { ChecksumAlgorithm: algorithms, ChecksumType: 'FULL_OBJECT' } : {};
}
