// GetObjectAttributes (ETag unquoted, size, storage class, checksums, the part count of multipart objects),
// RestoreObject (archived storage classes only: 202 for a new restore, 200 once restored; the copy is available
// at once locally) and what S3 answers for reads of archived objects that are not restored.
import type { GetObjectAttributesOutput, S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { checksumMembers } from '../objectDetails';
import type { ObjectMetadata, ObjectStore } from '../objectStore';
import { versionOf } from './objectHandlers';

const ATTRIBUTES = new Set(['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize']);
/** Storage classes whose objects must be restored before they can be read. */
const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);
const DAY_MS = 86_400_000;

/** GetObject on an archived object that is not restored: InvalidObjectState, as S3. */
export function checkReadable(object: ObjectMetadata, now = Date.now()): void {
  if (!ARCHIVED.has(object.storageClass ?? '')) return;
  if (object.restoredUntil !== undefined && object.restoredUntil > now) return;
  throw new AwsError('InvalidObjectState', "The operation is not valid for the object's storage class", 403, {
    StorageClass: object.storageClass!,
  });
}

/** HeadObject's `x-amz-restore` for a restored archived object. */
export function restoreHeader(object: ObjectMetadata): string | undefined {
  if (object.restoredUntil === undefined) return undefined;
  return `ongoing-request="false", expiry-date="${new Date(object.restoredUntil).toUTCString()}"`;
}

/** The object attribute handlers. */
export function objectAttributesHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    GetObjectAttributes: (input) => {
      const requested = input.ObjectAttributes ?? [];
      for (const name of requested) {
        if (!ATTRIBUTES.has(name)) {
          throw new AwsError('InvalidArgument', 'Invalid attribute name specified.', 400, {
            ArgumentName: 'x-amz-object-attributes',
            ArgumentValue: name,
          });
        }
      }
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      const wants = new Set(requested);
      const output: GetObjectAttributesOutput = {
        LastModified: new Date(object.lastModified),
        ...versionOf(store, input.Bucket, object),
      };
      if (wants.has('ETag')) output.ETag = object.etag.replace(/"/g, '');
      if (wants.has('ObjectSize')) output.ObjectSize = object.size;
      if (wants.has('StorageClass')) output.StorageClass = object.storageClass ?? 'STANDARD';
      if (wants.has('Checksum') && Object.keys(object.checksums).length > 0) {
        output.Checksum = { ...checksumMembers(object.checksums), ChecksumType: 'FULL_OBJECT' };
      }
      const parts = /-(\d+)"$/.exec(object.etag)?.[1];
      if (wants.has('ObjectParts') && parts !== undefined) {
        output.ObjectParts = { TotalPartsCount: Number(parts) };
      }
      return output;
    },
    RestoreObject: (input, context) => {
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      if (!ARCHIVED.has(object.storageClass ?? '')) {
        throw new AwsError('InvalidObjectState', "Restore is not allowed for the object's current storage class", 403, {
          StorageClass: object.storageClass ?? 'STANDARD',
        });
      }
      const days = input.RestoreRequest?.Days ?? 1;
      const alreadyRestored = object.restoredUntil !== undefined && object.restoredUntil > Date.now();
      store.updateObject(input.Bucket, input.Key, input.VersionId, { restoredUntil: Date.now() + days * DAY_MS });
      context.reply.status = alreadyRestored ? 200 : 202;
      return {};
    },
    SelectObjectContent: (input) => {
      store.headObject(input.Bucket, input.Key);
      // S3 Select is closed to new customers: S3 refuses it for accounts that never used it.
      throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
        Method: 'POST',
        ResourceType: 'SELECT',
      });
    },
    GetObjectTorrent: (input) => {
      store.headObject(input.Bucket, input.Key);
      // Torrents exist only for objects in regions from before 2014 that sign with SigV2.
      throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
        Method: 'GET',
        ResourceType: 'TORRENT',
      });
    },
  };
}
