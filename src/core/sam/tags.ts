// Tags on what SAM creates: a `lambda:createdBy: SAM` tag first, then the resource's own (samtranslator/model/
// tags/resource_tagging.py); the reserved key may not be set by users.
import { InvalidResourceError } from './samTransformError';
import { isIntrinsic, isObject, type JsonValue } from './intrinsics';

export const SAM_TAG = { Key: 'lambda:createdBy', Value: 'SAM' };

/** The CloudFormation tag list for a SAM resource's `Tags` map (with the SAM tag first). */
export function samTagList(logicalId: string, tags: JsonValue | undefined, withSamTag = true): JsonValue[] {
  const list: JsonValue[] = withSamTag ? [{ ...SAM_TAG }] : [];
  if (tags === undefined || tags === null) return list;
  if (isIntrinsic(tags)) return list;
  if (!isObject(tags))
    throw new InvalidResourceError(logicalId, "Property 'Tags' should be a map.", ['Properties', 'Tags']);
  for (const [key, value] of Object.entries(tags)) {
    if (key === SAM_TAG.Key) {
      throw new InvalidResourceError(
        logicalId,
        'lambda:createdBy is a reserved Tag key name and cannot be set on your resource. Please change the tag key in the input.',
        ['Properties', 'Tags', key],
      );
    }
    list.push({ Key: key, Value: value });
  }
  return list;
}
