// Browser uploads (presigned POST): `POST /<bucket>` with a multipart/form-data body whose fields are the key
// (`${filename}` replaced by the file's name), an optional base64 policy (expiration and conditions: exact
// matches, `eq`, `starts-with`, `content-length-range`), Content-Type, x-amz-meta-*, tagging, acl, the success
// action, and the file last. The signature is not verified (the local cloud accepts any credentials).
import type { ServerResponse } from 'node:http';
import type { ServiceRequest } from '../localCloudService';
import { AwsError } from '../protocol/awsError';
import { escapeXml } from '../protocol/xmlShapes';
import { parseXml } from '../protocol/xmlDocument';
import type { ObjectDetails, ObjectMetadata, ObjectStore } from './objectStore';

/** One form field (the file has a file name). */
export interface FormField {
  name: string;
  value: Buffer;
  fileName?: string;
  contentType?: string;
}

/** True for a POST that uploads a form to a bucket. */
export function isPresignedPost(request: Pick<ServiceRequest, 'method' | 'path' | 'headers'>): boolean {
  const segments = request.path.split('?')[0]!.split('/').filter(Boolean);
  const contentType = request.headers['content-type'] ?? '';
  return request.method === 'POST' && segments.length === 1 && contentType.startsWith('multipart/form-data');
}

/** Splits a multipart/form-data body into its fields. */
export function parseFormData(body: Buffer, contentType: string): FormField[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw malformedPost();
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]!.trim()}`);
  const fields: FormField[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw malformedPost();
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*?\bname="([^"]*)"(?:[^\r\n]*?\bfilename="([^"]*)")?/i.exec(
      headers,
    );
    if (disposition) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
      fields.push({
        name: disposition[1]!,
        value: part.subarray(headerEnd + 4),
        ...(disposition[2] !== undefined ? { fileName: disposition[2] } : {}),
        ...(type !== undefined ? { contentType: type } : {}),
      });
    }
    start = next;
  }
  return fields;
}

/** Stores the upload a form describes and answers as S3 does (204, 200, 201 with a document, or 303). */
export function answerPresignedPost(
  store: ObjectStore,
  request: ServiceRequest,
  response: ServerResponse,
  /** Told of the object stored (for the ObjectCreated:Post notification). */
  onCreated: (bucket: string, object: ObjectMetadata) => void = () => undefined,
): void {
  const bucket = decodeURIComponent(request.path.split('?')[0]!.split('/').filter(Boolean)[0]!);
  store.requireBucket(bucket);
  const fields = parseFormData(request.body, request.headers['content-type'] ?? '');
  const file = fields.find((field) => field.name.toLowerCase() === 'file');
  if (!file) {
    throw new AwsError('InvalidArgument', 'POST requires exactly one file upload per request.', 400, {
      ArgumentName: 'file',
      ArgumentValue: '0',
    });
  }
  const values = new Map<string, string>();
  for (const field of fields) if (field !== file) values.set(field.name.toLowerCase(), field.value.toString('utf8'));
  const rawKey = values.get('key');
  if (rawKey === undefined) {
    throw new AwsError(
      'InvalidArgument',
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      400,
      { ArgumentName: 'key', ArgumentValue: '' },
    );
  }
  const key = rawKey.replace(/\$\{filename\}/g, file.fileName ?? '');
  const formFields = [...values.keys()];
  values.set('key', key);
  values.set('bucket', bucket);
  const policy = values.get('policy');
  if (policy !== undefined) checkPolicy(policy, values, formFields, file.value.length);
  const userMetadata: Record<string, string> = {};
  for (const [name, value] of values) if (name.startsWith('x-amz-meta-')) userMetadata[name.slice(11)] = value;
  const details: ObjectDetails = {
    contentType: values.get('content-type') ?? file.contentType ?? 'binary/octet-stream',
    headers: {},
    userMetadata,
    checksums: {},
    ...tagsOf(values.get('tagging')),
  };
  const object = store.putObject(bucket, key, file.value, details);
  onCreated(bucket, object);
  const host = request.headers.host ?? 'localhost';
  const location = `http://${host}/${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`;
  const headers: Record<string, string> = {
    ETag: object.etag,
    Location: location,
    'x-amz-request-id': request.requestId,
    'x-amz-id-2': request.requestId,
    ...(object.versionId !== undefined && object.versionId !== 'null' ? { 'x-amz-version-id': object.versionId } : {}),
  };
  const redirect = values.get('success_action_redirect') ?? values.get('redirect');
  if (redirect !== undefined && /^https?:\/\//.test(redirect)) {
    const target = new URL(redirect);
    target.searchParams.set('bucket', bucket);
    target.searchParams.set('key', key);
    target.searchParams.set('etag', object.etag);
    response.writeHead(303, { ...headers, Location: target.toString(), 'Content-Length': '0' }).end();
    return;
  }
  const status = values.get('success_action_status');
  if (status === '201') {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${escapeXml(location)}</Location><Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(object.etag)}</ETag></PostResponse>`;
    response.writeHead(201, {
      ...headers,
      'Content-Type': 'application/xml',
      'Content-Length': Buffer.byteLength(xml),
    });
    response.end(xml);
    return;
  }
  response.writeHead(status === '200' ? 200 : 204, { ...headers, 'Content-Length': '0' }).end();
}

/** Form fields no condition needs to name (AWS: the signature, the file, the policy, `x-ignore-*`). */
const UNCONDITIONED_FIELDS = new Set(['policy', 'x-amz-signature', 'signature', 'awsaccesskeyid', 'file']);

/** Checks a POST policy: not expired, every condition holds for the form, every form field has a condition. */
function checkPolicy(encoded: string, values: Map<string, string>, formFields: readonly string[], size: number): void {
  let policy: { expiration?: string; conditions?: unknown[] };
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as typeof policy;
  } catch {
    throw new AwsError('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.', 400);
  }
  if (policy.expiration !== undefined && new Date(policy.expiration).getTime() < Date.now()) {
    throw new AwsError('AccessDenied', 'Invalid according to Policy: Policy expired.', 403);
  }
  for (const condition of policy.conditions ?? []) {
    if (Array.isArray(condition)) {
      const [operator, field, expected] = condition as [string, unknown, unknown];
      if (String(operator).toLowerCase() === 'content-length-range') {
        if (size > Number(expected)) {
          throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
            ProposedSize: String(size),
            MaxSizeAllowed: String(expected),
          });
        }
        if (size < Number(field)) {
          throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
            ProposedSize: String(size),
            MinSizeAllowed: String(field),
          });
        }
        continue;
      }
      const value = values.get(String(field).replace(/^\$/, '').toLowerCase()) ?? '';
      const holds =
        String(operator).toLowerCase() === 'starts-with'
          ? value.startsWith(String(expected))
          : value === String(expected);
      if (!holds) throw conditionFailed(condition);
    } else if (typeof condition === 'object' && condition !== null) {
      for (const [field, expected] of Object.entries(condition)) {
        if ((values.get(field.toLowerCase()) ?? '') !== String(expected)) throw conditionFailed(condition);
      }
    }
  }
  const conditioned = new Set(conditionedFields(policy.conditions ?? []));
  const extra = formFields.find(
    (field) => !UNCONDITIONED_FIELDS.has(field) && !field.startsWith('x-ignore-') && !conditioned.has(field),
  );
  if (extra !== undefined) {
    throw new AwsError('AccessDenied', `Invalid according to Policy: Extra input fields: ${extra}`, 403);
  }
}

/** The (lower-case) field names a policy's conditions name. */
function conditionedFields(conditions: readonly unknown[]): string[] {
  return conditions.flatMap((condition) => {
    if (Array.isArray(condition)) {
      const [operator, field] = condition as [unknown, unknown];
      return String(operator).toLowerCase() === 'content-length-range'
        ? []
        : [String(field).replace(/^\$/, '').toLowerCase()];
    }
    return typeof condition === 'object' && condition !== null
      ? Object.keys(condition).map((field) => field.toLowerCase())
      : [];
  });
}

function tagsOf(tagging: string | undefined): Pick<ObjectDetails, 'tags'> {
  if (tagging === undefined) return {};
  const tags = parseXml(tagging)
    .children.filter((child) => child.name === 'TagSet')
    .flatMap((set) => set.children.filter((tag) => tag.name === 'Tag'))
    .map((tag) => ({
      Key: tag.children.find((child) => child.name === 'Key')?.text ?? '',
      Value: tag.children.find((child) => child.name === 'Value')?.text ?? '',
    }));
  return tags.length > 0 ? { tags } : {};
}

function conditionFailed(condition: unknown): AwsError {
  return new AwsError(
    'AccessDenied',
    `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition).replace(/,/g, ', ')}`,
    403,
  );
}

function malformedPost(): AwsError {
  return new AwsError(
    'MalformedPOSTRequest',
    'The body of your POST request is not well-formed multipart/form-data.',
    400,
  );
}
