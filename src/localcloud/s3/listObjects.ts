// ListObjectsV2 (and the older ListObjects) over a bucket's sorted keys, with prefixes, delimiters, paging and
// `encoding-type=url`, which the aws CLI always asks for.
import { AwsError } from '../protocol/awsError';
import { xmlElement } from '../protocol/xmlShapes';
import type { ObjectStore } from './objectStore';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The ListBucketResult document for a listing request's query string. */
export function listObjects(store: ObjectStore, bucket: string, query: URLSearchParams): string {
  store.requireBucket(bucket);
  const version2 = query.get('list-type') === '2';
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeysText = query.get('max-keys');
  const maxKeys = maxKeysText === null ? 1000 : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
  }
  const urlEncoded = query.get('encoding-type') === 'url';
  const encode = (text: string) => (urlEncoded ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
  const continuation = query.get('continuation-token');
  let after = version2 ? (query.get('start-after') ?? '') : (query.get('marker') ?? '');
  if (version2 && continuation !== null) {
    after = Buffer.from(continuation, 'base64url').toString('utf8');
    if (Buffer.from(after, 'utf8').toString('base64url') !== continuation) {
      throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400);
    }
  }

  const contents: string[] = [];
  const prefixes: string[] = [];
  let count = 0;
  let lastReturned = '';
  let truncated = false;
  for (const key of store.sortedKeys(bucket)) {
    if (key <= after || !key.startsWith(prefix)) continue;
    const delimiterAt = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const commonPrefix = delimiterAt < 0 ? undefined : key.slice(0, delimiterAt + delimiter.length);
    if (commonPrefix !== undefined && commonPrefix === prefixes[prefixes.length - 1]) continue;
    if (commonPrefix !== undefined && commonPrefix <= after) continue;
    if (count >= maxKeys) {
      truncated = true;
      break;
    }
    count++;
    if (commonPrefix !== undefined) {
      prefixes.push(commonPrefix);
      // The next page resumes after this prefix; the `commonPrefix <= after` test then skips the keys under it.
      lastReturned = commonPrefix;
      continue;
    }
    const object = store.headObject(bucket, key);
    lastReturned = key;
    contents.push(
      `<Contents>${xmlElement('Key', encode(key))}${xmlElement('LastModified', new Date(object.lastModified).toISOString())}${xmlElement('ETag', object.etag)}${xmlElement('Size', object.size)}<StorageClass>STANDARD</StorageClass></Contents>`,
    );
  }

  const parts = [
    xmlElement('Name', bucket),
    xmlElement('Prefix', encode(prefix)),
    version2 ? xmlElement('KeyCount', count) : xmlElement('Marker', encode(after)),
    xmlElement('MaxKeys', maxKeys),
    delimiter === '' ? '' : xmlElement('Delimiter', encode(delimiter)),
    xmlElement('IsTruncated', truncated),
    urlEncoded ? xmlElement('EncodingType', 'url') : '',
    version2 && continuation !== null ? xmlElement('ContinuationToken', continuation) : '',
    version2 && query.get('start-after') !== null ? xmlElement('StartAfter', encode(query.get('start-after')!)) : '',
    truncated && version2
      ? xmlElement('NextContinuationToken', Buffer.from(lastReturned, 'utf8').toString('base64url'))
      : '',
    truncated && !version2 && delimiter !== '' ? xmlElement('NextMarker', encode(lastReturned)) : '',
    ...contents,
    ...prefixes.map((common) => `<CommonPrefixes>${xmlElement('Prefix', encode(common))}</CommonPrefixes>`),
  ];
  return `<ListBucketResult xmlns="${S3_NAMESPACE}">${parts.join('')}</ListBucketResult>`;
}
