// S3 over restXml: the generated model plus the handlers in provider/ (buckets, objects, listings, multipart).
// The engine routes by method, path, query subresources and required members, reads bound members and XML
// payloads, and writes outputs and S3's error documents. Both addressing styles work (virtual-hosted buckets
// become path-style first) and aws-chunked uploads are decoded before parsing (s3Requests.ts). Buckets are global,
// each in its own region.
import type { S3Operations } from '../models/generated/s3';
import s3Model from '../models/generated/s3.json';
import { AwsError } from '../protocol/awsError';
import { createModelService, type ModelService } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';
import type { Violation } from '../protocol/shapeValidation';
import type { ServiceRequestHead } from '../localCloudService';
import { silentLogger, type Logger } from '../../core/logger';
import { answerPreflight, applyCors } from './bucketCors';
import { LifecycleSweeper } from './lifecycleSweep';
import { MultipartUploads } from './multipartUploads';
import { notifyingHandlers, S3Notifier, type S3EventTargets } from './notificationDelivery';
import { checkPresignedExpiry } from './presignedExpiry';
import { answerPresignedPost, isPresignedPost } from './presignedPost';
import type { ObjectStore } from './objectStore';
import { aclHandlers } from './provider/aclHandlers';
import { annotationHandlers } from './provider/annotationHandlers';
import { BUCKET_CONFIGURATIONS, KEYED_CONFIGURATIONS } from './provider/bucketConfigurationSpecs';
import { bucketHandlers, bucketOwner } from './provider/bucketHandlers';
import { expressHandlers } from './provider/expressHandlers';
import { listHandlers } from './provider/listHandlers';
import { metadataTableHandlers } from './provider/metadataTableHandlers';
import { multipartHandlers } from './provider/multipartHandlers';
import { deprecatedOperationHandlers } from './provider/deprecatedOperations';
import { objectAttributesHandlers } from './provider/objectAttributesHandlers';
import { objectEncryptionHandlers } from './provider/objectEncryptionHandlers';
import { objectHandlers } from './provider/objectHandlers';
import { objectLockHandlers } from './provider/objectLockHandlers';
import { objectTaggingHandlers } from './provider/objectTaggingHandlers';
import { policyHandlers } from './provider/policyHandlers';
import { keyedConfigurationHandlers, storedConfigurationHandlers } from './provider/storedConfigurations';
import { versionListHandlers } from './provider/versionListHandlers';
import { decodeS3Request, pathStyleHead } from './s3Requests';

/** What the S3 service needs. */
export interface S3ServiceOptions {
  store: ObjectStore;
  /** The S3 state folder, for multipart parts in progress. */
  directory: string;
  /** The region of requests that carry no SigV4 scope (and of buckets created without a constraint). */
  region: string;
  accountId: string;
  /** Largest object accepted in one PUT (S3 allows 5 GB; the local cloud buffers bodies in memory). */
  maxObjectBytes?: number;
  logger?: Logger;
  /** Where event notifications go (the local Lambda; SQS and SNS when present); without it none are sent. */
  eventTargets?: S3EventTargets;
}

const DEFAULT_MAX_OBJECT_BYTES = 256 * 1024 * 1024;
const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/**
 * The root elements S3 gives outputs whose members are the body (botocore's models do not carry them; clients
 * ignore them, tools that read the XML do not). Others default to `<Operation>Result`.
 */
const OUTPUT_ROOTS: Readonly<Record<string, string>> = {
  ListBuckets: 'ListAllMyBucketsResult',
  ListDirectoryBuckets: 'ListAllMyDirectoryBucketsResult',
  ListObjects: 'ListBucketResult',
  ListObjectsV2: 'ListBucketResult',
  ListObjectVersions: 'ListVersionsResult',
  ListMultipartUploads: 'ListMultipartUploadsResult',
  ListParts: 'ListPartsResult',
  CreateMultipartUpload: 'InitiateMultipartUploadResult',
  CompleteMultipartUpload: 'CompleteMultipartUploadResult',
  DeleteObjects: 'DeleteResult',
  GetBucketLocation: 'LocationConstraint',
  GetBucketTagging: 'Tagging',
  GetObjectTagging: 'Tagging',
  GetBucketVersioning: 'VersioningConfiguration',
  GetBucketAcl: 'AccessControlPolicy',
  GetObjectAcl: 'AccessControlPolicy',
  GetBucketCors: 'CORSConfiguration',
  GetBucketLifecycle: 'LifecycleConfiguration',
  GetBucketLifecycleConfiguration: 'LifecycleConfiguration',
  GetBucketWebsite: 'WebsiteConfiguration',
  GetBucketLogging: 'BucketLoggingStatus',
  GetBucketNotification: 'NotificationConfiguration',
  GetBucketNotificationConfiguration: 'NotificationConfiguration',
  GetBucketRequestPayment: 'RequestPaymentConfiguration',
  GetBucketAccelerateConfiguration: 'AccelerateConfiguration',
  GetObjectAttributes: 'GetObjectAttributesResponse',
  ListBucketAnalyticsConfigurations: 'ListBucketAnalyticsConfigurationResult',
  ListBucketInventoryConfigurations: 'ListInventoryConfigurationsResult',
  ListBucketMetricsConfigurations: 'ListMetricsConfigurationsResult',
  ListBucketIntelligentTieringConfigurations: 'ListBucketIntelligentTieringConfigurationsOutput',
  CreateSession: 'CreateSessionResult',
};

/** The S3 service. */
export type S3Service = ModelService<S3Operations>;

/** Creates the S3 service. */
export function createS3Service(options: S3ServiceOptions): S3Service {
  const { store } = options;
  const uploads = new MultipartUploads(options.directory, store);
  const logger = options.logger ?? silentLogger;
  const notifier = new S3Notifier(store, options.eventTargets, logger, (accountId) => bucketOwner(accountId).ID!);
  const lifecycle = new LifecycleSweeper(store, uploads, logger, (event) =>
    notifier.lifecycleEvent(event, options.accountId),
  );
  const maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  const service = createModelService<S3Operations>(
    s3Model as unknown as ServiceModel,
    notifyingHandlers(
      {
        ...bucketHandlers(store),
        ...objectHandlers(store),
        ...listHandlers(store),
        ...multipartHandlers(store, uploads),
        ...storedConfigurationHandlers(store, BUCKET_CONFIGURATIONS),
        ...keyedConfigurationHandlers(store, KEYED_CONFIGURATIONS),
        ...policyHandlers(store),
        ...objectTaggingHandlers(store),
        ...deprecatedOperationHandlers(store),
        ...versionListHandlers(store),
        ...aclHandlers(store),
        ...objectLockHandlers(store),
        ...objectAttributesHandlers(store),
        ...expressHandlers(store),
        ...metadataTableHandlers(store),
        ...annotationHandlers(store),
        ...objectEncryptionHandlers(store),
      },
      store,
      notifier,
    ),
    {
      region: options.region,
      accountId: options.accountId,
      // S3 answers members it cannot read (a part number that is not a number) as InvalidArgument.
      validationErrorCode: 'InvalidArgument',
      validationError: s3ValidationError,
      rewriteHead: pathStyleHead,
      decodeRequest: decodeS3Request,
      restXml: {
        outputRoot: (operation) => OUTPUT_ROOTS[operation],
        xmlNamespace: S3_NAMESPACE,
        wrongMethod: (head) =>
          new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
            Method: head.method,
            ResourceType: resourceTypeOf(head),
          }),
        badEncoding: () => new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400),
      },
      bodyLimit: (_operation, head) =>
        head.method === 'PUT' || isPresignedPost(head) ? maxObjectBytes + 64 * 1024 : 1024 * 1024,
      bodyTooLargeError: (_operation, _head, limit) =>
        new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
          MaxSizeAllowed: String(limit),
        }),
    },
  );
  return {
    ...service,
    // CORS sits before the operations: preflights (OPTIONS, no operation of the model) and Access-Control-*
    // headers on answers to requests with an Origin the bucket's rules allow.
    handle: async (request, response) => {
      // Lifecycle rules act on the clock before the request sees the bucket (AWS applies them asynchronously).
      lifecycle.sweepIfDue();
      const head = pathStyleHead(request);
      if (head.method === 'OPTIONS') return answerPreflight(store, head, response);
      applyCors(store, head, response);
      checkPresignedExpiry(head, Date.now());
      if (isPresignedPost(head)) {
        return answerPresignedPost(store, { ...request, ...head }, response, (bucket, object) =>
          notifier.objectEvent(
            bucket,
            'ObjectCreated:Post',
            object.key,
            { requestId: request.requestId, principalId: `AWS:${options.accountId}`, accountId: options.accountId },
            object,
          ),
        );
      }
      return service.handle(request, response);
    },
  };
}

/** What a path names, as S3's MethodNotAllowed says it: the service, a bucket or an object. */
function resourceTypeOf(head: ServiceRequestHead): string {
  const segments = head.path.split('/').filter((segment) => segment !== '');
  return segments.length === 0 ? 'SERVICE' : segments.length === 1 ? 'BUCKET' : 'OBJECT';
}

/** S3's own errors for members it names apart (the generic answer is InvalidArgument with the violations). */
function s3ValidationError(_operation: string, violations: readonly Violation[]): AwsError | undefined {
  const storageClass = violations.find((violation) => violation.path === 'storageClass');
  if (storageClass) {
    return new AwsError('InvalidStorageClass', 'The storage class you specified is not valid', 400, {
      StorageClassRequested: String(storageClass.value),
    });
  }
  const location = violations.find((violation) => violation.path === 'createBucketConfiguration.locationConstraint');
  if (location) {
    return new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: String(location.value),
    });
  }
  return undefined;
}
