// ListObjectVersions: every version and delete marker, by key then newest first, with prefixes, delimiters,
// `encoding-type=url` and paging by key marker and version-id marker (a key marker alone starts after all of that
// key's versions). Versions and delete markers come back in two lists, as S3 sends them.
import type {
  CommonPrefix,
  DeleteMarkerEntry,
  ListObjectVersionsOutput,
  ObjectVersion,
  S3Operations,
} from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';
import { versionIdOf } from '../objectVersions';
import { bucketOwner } from './bucketHandlers';

const MAX_KEYS = 1000;

/** The ListObjectVersions handler. */
export function versionListHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    ListObjectVersions: (input, context) => {
      store.requireBucket(input.Bucket);
      const maxKeys = Math.min(input.MaxKeys ?? MAX_KEYS, MAX_KEYS);
      if (maxKeys < 0) {
        throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, {
          ArgumentName: 'max-keys',
          ArgumentValue: String(input.MaxKeys),
        });
      }
      const keyMarker = input.KeyMarker ?? '';
      const versionIdMarker = input.VersionIdMarker;
      if (versionIdMarker !== undefined && versionIdMarker !== '' && keyMarker === '') {
        throw new AwsError('InvalidArgument', 'A version-id marker cannot be specified without a key marker.', 400, {
          ArgumentName: 'version-id-marker',
          ArgumentValue: versionIdMarker,
        });
      }
      const prefix = input.Prefix ?? '';
      const delimiter = input.Delimiter ?? '';
      const encode =
        input.EncodingType === 'url'
          ? (text: string) => encodeURIComponent(text).replace(/%2F/g, '/')
          : (text: string) => text;
      const owner = bucketOwner(context.accountId);
      const versions: ObjectVersion[] = [];
      const markers: DeleteMarkerEntry[] = [];
      const prefixes: CommonPrefix[] = [];
      let count = 0;
      let truncated = false;
      let next: { key: string; versionId?: string } | undefined;
      let lastPrefix: string | undefined;
      outer: for (const key of store.sortedVersionedKeys(input.Bucket)) {
        if (!key.startsWith(prefix) || key < keyMarker) continue;
        if (key === keyMarker && !versionIdMarker) continue;
        const delimiterAt = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
        if (delimiterAt >= 0) {
          const common = key.slice(0, delimiterAt + delimiter.length);
          if (common === lastPrefix || common <= keyMarker) continue;
          if (count >= maxKeys) {
            truncated = true;
            break;
          }
          prefixes.push({ Prefix: encode(common) });
          lastPrefix = common;
          next = { key: common };
          count++;
          continue;
        }
        const entries = store.versionsOf(input.Bucket, key);
        let start = 0;
        if (key === keyMarker && versionIdMarker) {
          start = entries.findIndex((entry) => versionIdOf(entry) === versionIdMarker) + 1;
          if (start === 0) continue;
        }
        for (let index = start; index < entries.length; index++) {
          if (count >= maxKeys) {
            truncated = true;
            break outer;
          }
          const entry = entries[index]!;
          const common = {
            Key: encode(key),
            VersionId: versionIdOf(entry),
            IsLatest: index === 0,
            LastModified: new Date(entry.lastModified),
            Owner: owner,
          };
          if (entry.deleteMarker) markers.push(common);
          else
            versions.push({
              ...common,
              ETag: entry.etag,
              Size: entry.size,
              StorageClass: entry.storageClass ?? 'STANDARD',
            });
          next = { key, versionId: versionIdOf(entry) };
          count++;
        }
      }
      const output: ListObjectVersionsOutput = {
        Name: input.Bucket,
        Prefix: encode(prefix),
        KeyMarker: encode(keyMarker),
        VersionIdMarker: versionIdMarker ?? '',
        MaxKeys: maxKeys,
        ...(delimiter !== '' ? { Delimiter: encode(delimiter) } : {}),
        IsTruncated: truncated,
        ...(input.EncodingType === 'url' ? { EncodingType: 'url' } : {}),
        ...(truncated && next
          ? { NextKeyMarker: encode(next.key), ...(next.versionId ? { NextVersionIdMarker: next.versionId } : {}) }
          : {}),
        ...(versions.length > 0 ? { Versions: versions } : {}),
        ...(markers.length > 0 ? { DeleteMarkers: markers } : {}),
        ...(prefixes.length > 0 ? { CommonPrefixes: prefixes } : {}),
      };
      return output;
    },
  };
}
