// S3's tag rules, shared by bucket tagging (up to 50 tags) and object tagging (up to 10, also sent on uploads as
// the URL-encoded `x-amz-tagging` header): keys of 1-128 characters, values up to 256, unique keys, no `aws:`
// prefix, and only letters, digits, spaces and `+ - = . _ : / @`.
import type { Tag } from '../models/generated/s3';
import { AwsError } from '../protocol/awsError';

export const MAX_BUCKET_TAGS = 50;
export const MAX_OBJECT_TAGS = 10;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Checks a tag set as S3 does; throws InvalidTag (or BadRequest for too many tags). */
export function validateTagSet(tags: readonly Tag[], kind: 'bucket' | 'object'): void {
  const limit = kind === 'bucket' ? MAX_BUCKET_TAGS : MAX_OBJECT_TAGS;
  if (tags.length > limit) {
    throw new AwsError(
      'BadRequest',
      kind === 'bucket'
        ? `Bucket tag count cannot be greater than ${limit}`
        : `Object tags cannot be greater than ${limit}`,
      400,
    );
  }
  const seen = new Set<string>();
  for (const { Key: key, Value: value } of tags) {
    if (seen.has(key)) throw invalidTag('Cannot provide multiple Tags with the same key', key);
    seen.add(key);
    if (key.toLowerCase().startsWith('aws:')) {
      throw invalidTag('System tags cannot be added/updated by requester', key);
    }
    if (key.length === 0 || !TAG_TEXT.test(key)) throw invalidTag('The TagKey you have provided is invalid', key);
    if ([...key].length > MAX_KEY_LENGTH) {
      throw invalidTag(`The TagKey you have provided is too long, max ${MAX_KEY_LENGTH}`, key);
    }
    if (!TAG_TEXT.test(value)) throw invalidTag('The TagValue you have provided is invalid', key, value);
    if ([...value].length > MAX_VALUE_LENGTH) {
      throw invalidTag(`The TagValue you have provided is too long, max ${MAX_VALUE_LENGTH}`, key, value);
    }
  }
}

/** The tags of an `x-amz-tagging` header (`k1=v1&k2=v2`, URL-encoded); checked as object tags. */
export function tagsFromHeader(header: string | undefined): Tag[] | undefined {
  if (header === undefined) return undefined;
  const tags: Tag[] = [];
  const keys = new Set<string>();
  for (const [key, value] of new URLSearchParams(header)) {
    if (keys.has(key)) {
      throw new AwsError(
        'InvalidArgument',
        "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
        400,
        {
          ArgumentName: 'x-amz-tagging',
          ArgumentValue: header,
        },
      );
    }
    keys.add(key);
    tags.push({ Key: key, Value: value });
  }
  validateTagSet(tags, 'object');
  return tags;
}

function invalidTag(message: string, key: string, value?: string): AwsError {
  return new AwsError('InvalidTag', message, 400, {
    TagKey: key,
    ...(value !== undefined ? { TagValue: value } : {}),
  });
}
