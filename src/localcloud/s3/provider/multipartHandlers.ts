// Multipart uploads: create, upload a part (or copy one from an object's byte range), complete, abort, and the
// listings of parts and of uploads in progress.
import type { S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { copySourceObject } from '../copySource';
import { checkWriteConditions } from '../objectConditions';
import type { MultipartUploads } from '../multipartUploads';
import { asBuffer, checksumMembers, checksumsFromInput } from '../objectDetails';
import type { ObjectStore } from '../objectStore';
import { encryptionMembers } from '../objectEncryption';
import { abortMembers, expirationMember } from '../lifecycleSweep';
import { uploadDetails, versionOf } from './objectHandlers';
import { bucketOwner } from './bucketHandlers';

const MAX_LISTED = 1000;

/** The multipart handlers. */
export function multipartHandlers(store: ObjectStore, uploads: MultipartUploads): ServiceProvider<S3Operations> {
  return {
    CreateMultipartUpload: (input, context) => {
      const details = uploadDetails(store, input, context);
      const uploadId = uploads.create(input.Bucket, input.Key, details);
      return {
        Bucket: input.Bucket,
        Key: input.Key,
        UploadId: uploadId,
        ...encryptionMembers(details),
        ...abortMembers(store, input.Bucket, input.Key, uploads.get(input.Bucket, input.Key, uploadId).initiated),
      };
    },
    UploadPart: (input) => {
      store.requireBucket(input.Bucket);
      const etag = uploads.uploadPart(input.Bucket, input.Key, input.UploadId, input.PartNumber, asBuffer(input.Body));
      return { ETag: etag, ServerSideEncryption: 'AES256', ...checksumMembers(checksumsFromInput(input)) };
    },
    UploadPartCopy: (input) => {
      const source = copySourceObject(store, input.CopySource, {
        ifMatch: input.CopySourceIfMatch,
        ifNoneMatch: input.CopySourceIfNoneMatch,
        ifModifiedSince: input.CopySourceIfModifiedSince,
        ifUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
      });
      const data = copiedRange(source.data, input.CopySourceRange);
      const etag = uploads.uploadPart(input.Bucket, input.Key, input.UploadId, input.PartNumber, data);
      return { CopyPartResult: { ETag: etag, LastModified: new Date() }, ServerSideEncryption: 'AES256' };
    },
    CompleteMultipartUpload: (input) => {
      store.requireBucket(input.Bucket);
      checkWriteConditions(store.findObject(input.Bucket, input.Key), input.Key, input);
      const object = uploads.complete(input.Bucket, input.Key, input.UploadId, input.MultipartUpload?.Parts ?? []);
      return {
        Location: `/${input.Bucket}/${input.Key}`,
        Bucket: input.Bucket,
        Key: input.Key,
        ETag: object.etag,
        ...encryptionMembers(object),
        ...versionOf(store, input.Bucket, object),
        ...expirationMember(store, input.Bucket, object),
      };
    },
    AbortMultipartUpload: (input) => {
      store.requireBucket(input.Bucket);
      uploads.abort(input.Bucket, input.Key, input.UploadId);
      return {};
    },
    ListParts: (input, context) => {
      const upload = uploads.get(input.Bucket, input.Key, input.UploadId);
      const marker = input.PartNumberMarker ?? 0;
      const maxParts = Math.min(input.MaxParts ?? MAX_LISTED, MAX_LISTED);
      const after = [...upload.parts.values()]
        .filter((part) => part.partNumber > marker)
        .sort((a, b) => a.partNumber - b.partNumber);
      const page = after.slice(0, maxParts);
      const truncated = after.length > page.length;
      const owner = bucketOwner(context.accountId);
      return {
        Bucket: input.Bucket,
        Key: input.Key,
        UploadId: input.UploadId,
        ...abortMembers(store, input.Bucket, input.Key, upload.initiated),
        PartNumberMarker: marker,
        ...(truncated ? { NextPartNumberMarker: page.at(-1)!.partNumber } : {}),
        MaxParts: maxParts,
        IsTruncated: truncated,
        Parts: page.map((part) => ({
          PartNumber: part.partNumber,
          LastModified: new Date(part.lastModified),
          ETag: part.etag,
          Size: part.size,
        })),
        Initiator: owner,
        Owner: owner,
        StorageClass: 'STANDARD',
      };
    },
    ListMultipartUploads: (input, context) => {
      const prefix = input.Prefix ?? '';
      const maxUploads = Math.min(input.MaxUploads ?? MAX_LISTED, MAX_LISTED);
      const keyMarker = input.KeyMarker ?? '';
      const matching = uploads
        .inBucket(input.Bucket)
        .filter((upload) => upload.key.startsWith(prefix) && upload.key > keyMarker);
      const page = matching.slice(0, maxUploads);
      const truncated = matching.length > page.length;
      const owner = bucketOwner(context.accountId);
      return {
        Bucket: input.Bucket,
        KeyMarker: keyMarker,
        UploadIdMarker: input.UploadIdMarker ?? '',
        ...(truncated ? { NextKeyMarker: page.at(-1)!.key, NextUploadIdMarker: page.at(-1)!.uploadId } : {}),
        Prefix: prefix,
        MaxUploads: maxUploads,
        IsTruncated: truncated,
        Uploads: page.map((upload) => ({
          UploadId: upload.uploadId,
          Key: upload.key,
          Initiated: new Date(upload.initiated),
          StorageClass: 'STANDARD',
          Owner: owner,
          Initiator: owner,
        })),
      };
    },
  };
}

/** UploadPartCopy's `bytes=first-last` (both required, inclusive), else the whole object. */
function copiedRange(data: Buffer, range: string | undefined): Buffer {
  if (range === undefined) return data;
  const match = /^bytes=(\d+)-(\d+)$/.exec(range.trim());
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!match || start > end || end >= data.length) {
    throw new AwsError(
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      400,
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: range },
    );
  }
  return data.subarray(start, end + 1);
}
