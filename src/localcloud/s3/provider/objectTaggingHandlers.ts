// Object tagging: Put (replaces the set, up to 10 tags), Get (an empty set when none), Delete. Tags sent on upload
// in `x-amz-tagging` are stored by PutObject, CreateMultipartUpload and CopyObject (objectDetails.ts).
import type { S3Operations } from '../../models/generated/s3';
import type { ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';
import { validateTagSet } from '../tagSets';
import { versionOf } from './objectHandlers';

/** The object tagging handlers. */
export function objectTaggingHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    PutObjectTagging: (input) => {
      const tags = input.Tagging.TagSet ?? [];
      validateTagSet(tags, 'object');
      const object = store.updateObject(input.Bucket, input.Key, input.VersionId, { tags });
      return versionOf(store, input.Bucket, object);
    },
    GetObjectTagging: (input) => {
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      return { TagSet: object.tags ?? [], ...versionOf(store, input.Bucket, object) };
    },
    DeleteObjectTagging: (input) => {
      const object = store.updateObject(input.Bucket, input.Key, input.VersionId, { tags: [] });
      return versionOf(store, input.Bucket, object);
    },
  };
}
