// Object tagging: Put (replaces the set, up to 10 tags), Get (an empty set when none), Delete. Tags sent on upload
// in `x-amz-tagging` are stored by PutObject, CreateMultipartUpload and CopyObject (objectDetails.ts).
import type { S3Operations } from '../../models/generated/s3';
import type { ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';
import { validateTagSet } from '../tagSets';

/** The object tagging handlers. */
export function objectTaggingHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    PutObjectTagging: (input) => {
      const tags = input.Tagging.TagSet ?? [];
      validateTagSet(tags, 'object');
      store.updateObject(input.Bucket, input.Key, { tags });
      return {};
    },
    GetObjectTagging: (input) => {
      const object = store.headObject(input.Bucket, input.Key);
      return { TagSet: object.tags ?? [] };
    },
    DeleteObjectTagging: (input) => {
      store.updateObject(input.Bucket, input.Key, { tags: [] });
      return {};
    },
  };
}
