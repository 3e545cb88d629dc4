// S3 over restXml with path-style addressing: `/<bucket>` and `/<bucket>/<key>`.
import type { ServerResponse } from 'node:http';
import type { LocalCloudService, ServiceRequest, ServiceRequestHead } from '../localCloudService';
import { AwsError } from '../protocol/awsError';
import { sendXml, sendXmlError } from '../protocol/restXmlProtocol';
import { xmlElement } from '../protocol/xmlShapes';
import { deleteObjects, MultipartUploads } from './multipartUploads';
import { objectDetails, readUploadBody } from './objectUpload';
import { listObjects } from './listObjects';
import type { ObjectMetadata, ObjectStore } from './objectStore';

/** What the S3 service needs. */
export interface S3ServiceOptions {
  store: ObjectStore;
  /** The S3 state folder, for multipart parts in progress. */
  directory: string;
  region: string;
  /** Largest object accepted in one PUT (S3 allows 5 GB; the local cloud buffers bodies in memory). */
  maxObjectBytes?: number;
}

const DEFAULT_MAX_OBJECT_BYTES = 256 * 1024 * 1024;
const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
/** Query parameters that select sub-resources this emulator does not implement. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'tagging',
  'versioning',
  'policy',
  'cors',
  'lifecycle',
  'website',
  'notification',
  'versions',
  'encryption',
  'replication',
];

/** Creates the S3 service. */
export function createS3Service(options: S3ServiceOptions): LocalCloudService {
  const { store } = options;
  const uploads = new MultipartUploads(options.directory, store);
  const maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;

  const handle = (request: ServiceRequest, response: ServerResponse): void => {
    const { bucket, key } = splitPath(request.path);
    const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => request.query.has(name));
    if (unsupported) {
      throw new AwsError('NotImplemented', `The local cloud does not implement the ?${unsupported} sub-resource`, 501);
    }
    if (bucket === undefined) {
      if (request.method !== 'GET') throw methodNotAllowed(request.method, 'SERVICE');
      const buckets = store
        .listBuckets()
        .map(
          (b) =>
            `<Bucket>${xmlElement('Name', b.name)}${xmlElement('CreationDate', new Date(b.creationDate).toISOString())}</Bucket>`,
        )
        .join('');
      sendXml(
        response,
        request.requestId,
        200,
        `<ListAllMyBucketsResult xmlns="${S3_NAMESPACE}"><Owner><ID>local</ID><DisplayName>local</DisplayName></Owner><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`,
      );
      return;
    }
    if (key === undefined) {
      handleBucket(request, response, bucket);
      return;
    }
    switch (request.method) {
      case 'PUT':
        putObject(request, response, bucket, key);
        return;
      case 'GET':
      case 'HEAD':
        getObject(request, response, bucket, key);
        return;
      case 'POST':
        postObject(request, response, bucket, key);
        return;
      case 'DELETE': {
        const uploadId = request.query.get('uploadId');
        if (uploadId !== null) uploads.abort(bucket, key, uploadId);
        else store.deleteObject(bucket, key);
        response.writeHead(204, { 'x-amz-request-id': request.requestId }).end();
        return;
      }
      default:
        throw methodNotAllowed(request.method, 'OBJECT');
    }
  };

  const handleBucket = (request: ServiceRequest, response: ServerResponse, bucket: string): void => {
    switch (request.method) {
      case 'PUT':
        validateCreateBucketBody(request.body);
        store.createBucket(bucket);
        response
          .writeHead(200, { Location: `/${bucket}`, 'x-amz-request-id': request.requestId, 'Content-Length': 0 })
          .end();
        return;
      case 'HEAD':
        store.requireBucket(bucket);
        response.writeHead(200, { 'x-amz-bucket-region': options.region, 'x-amz-request-id': request.requestId }).end();
        return;
      case 'DELETE':
        store.deleteBucket(bucket);
        response.writeHead(204, { 'x-amz-request-id': request.requestId }).end();
        return;
      case 'GET':
        if (request.query.has('location')) {
          store.requireBucket(bucket);
          const region = options.region === 'us-east-1' ? '' : options.region;
          sendXml(
            response,
            request.requestId,
            200,
            `<LocationConstraint xmlns="${S3_NAMESPACE}">${region}</LocationConstraint>`,
          );
          return;
        }
        sendXml(response, request.requestId, 200, listObjects(store, bucket, request.query));
        return;
      case 'POST':
        if (!request.query.has('delete')) throw methodNotAllowed(request.method, 'BUCKET');
        sendXml(response, request.requestId, 200, deleteObjects(store, bucket, request.body));
        return;
      default:
        throw methodNotAllowed(request.method, 'BUCKET');
    }
  };

  const putObject = (request: ServiceRequest, response: ServerResponse, bucket: string, key: string): void => {
    if (request.headers['x-amz-copy-source'] !== undefined) {
      throw new AwsError('NotImplemented', 'The local cloud does not implement CopyObject', 501);
    }
    store.requireBucket(bucket);
    const { data, trailers } = readUploadBody(request);
    const uploadId = request.query.get('uploadId');
    if (uploadId !== null) {
      const etag = uploads.uploadPart(bucket, key, uploadId, request.query.get('partNumber') ?? '', data);
      response.writeHead(200, { ETag: etag, 'x-amz-request-id': request.requestId, 'Content-Length': 0 }).end();
      return;
    }
    const details = objectDetails(request, trailers);
    const metadata = store.putObject(bucket, key, data, details);
    response
      .writeHead(200, {
        ETag: metadata.etag,
        'x-amz-request-id': request.requestId,
        'Content-Length': 0,
        ...details.checksums,
      })
      .end();
  };

  /** POST on an object: start (`?uploads`) or complete (`?uploadId=`) a multipart upload. */
  const postObject = (request: ServiceRequest, response: ServerResponse, bucket: string, key: string): void => {
    const uploadId = request.query.get('uploadId');
    if (request.query.has('uploads')) {
      sendXml(response, request.requestId, 200, uploads.create(bucket, key, objectDetails(request, {})));
    } else if (uploadId !== null) {
      sendXml(response, request.requestId, 200, uploads.complete(bucket, key, uploadId, request.body));
    } else {
      throw methodNotAllowed(request.method, 'OBJECT');
    }
  };

  const getObject = (request: ServiceRequest, response: ServerResponse, bucket: string, key: string): void => {
    const isHead = request.method === 'HEAD';
    const metadata = store.headObject(bucket, key);
    const headers: Record<string, string | number> = {
      'Content-Type': metadata.contentType,
      ETag: metadata.etag,
      'Last-Modified': new Date(metadata.lastModified).toUTCString(),
      'Accept-Ranges': 'bytes',
      'x-amz-request-id': request.requestId,
      ...metadata.headers,
    };
    for (const [name, value] of Object.entries(metadata.userMetadata)) headers[`x-amz-meta-${name}`] = value;
    if (request.headers['x-amz-checksum-mode'] === 'ENABLED') Object.assign(headers, metadata.checksums);
    const ifNoneMatch = request.headers['if-none-match'];
    if (
      ifNoneMatch !== undefined &&
      (ifNoneMatch === '*' || ifNoneMatch.split(',').some((tag) => tag.trim() === metadata.etag))
    ) {
      response.writeHead(304, { ETag: metadata.etag, 'x-amz-request-id': request.requestId }).end();
      return;
    }
    const ifMatch = request.headers['if-match'];
    if (ifMatch !== undefined && ifMatch !== '*' && !ifMatch.split(',').some((tag) => tag.trim() === metadata.etag)) {
      throw new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
        Condition: 'If-Match',
      });
    }
    const range = parseRange(request.headers.range, metadata);
    if (range) {
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${metadata.size}`;
      delete headers['x-amz-checksum-crc32'];
    }
    const length = range ? range.end - range.start + 1 : metadata.size;
    headers['Content-Length'] = length;
    response.writeHead(range ? 206 : 200, headers);
    if (isHead) {
      response.end();
      return;
    }
    const { data } = store.getObject(bucket, key);
    response.end(range ? data.subarray(range.start, range.end + 1) : data);
  };

  return {
    signingName: 's3',
    bodyLimit: (head) => (head.method === 'PUT' ? maxObjectBytes + 64 * 1024 : 1024 * 1024),
    bodyTooLargeError: (_head, limit) =>
      new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
        MaxSizeAllowed: String(limit),
      }),
    sendError: (head: ServiceRequestHead, response, error) =>
      sendXmlError(response, head.requestId, error, head.method === 'HEAD'),
    handle: (request, response) => {
      handle(request, response);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

/** `/bucket/some/key` -> bucket and decoded key; `%2F` in a key stays part of the key, never a separator. */
function splitPath(path: string): { bucket?: string; key?: string } {
  const trimmed = path.replace(/^\/+/, '');
  if (trimmed === '') return {};
  const slash = trimmed.indexOf('/');
  try {
    const bucket = decodeURIComponent(slash < 0 ? trimmed : trimmed.slice(0, slash));
    const rawKey = slash < 0 ? '' : trimmed.slice(slash + 1);
    return rawKey === '' ? { bucket } : { bucket, key: decodeURIComponent(rawKey) };
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

function parseRange(header: string | undefined, metadata: ObjectMetadata): { start: number; end: number } | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const size = metadata.size;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: header ?? '' });
  }
  return { start, end };
}

/** CreateBucket may carry a CreateBucketConfiguration document; it must at least be XML. */
function validateCreateBucketBody(body: Buffer): void {
  const text = body.toString('utf8').trim();
  if (text === '') return;
  if (!/^(<\?xml[^>]*\?>\s*)?<CreateBucketConfiguration[\s>][\s\S]*<\/CreateBucketConfiguration>$/.test(text)) {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.',
      400,
    );
  }
}

function methodNotAllowed(method: string, resourceType: string): AwsError {
  return new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: method,
    ResourceType: resourceType,
  });
}
