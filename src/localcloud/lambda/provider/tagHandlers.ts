// Tags (TagResource, UntagResource, ListTags) on functions, addressed by the function's unqualified ARN, and on
// event source mappings, code signing configs and capacity providers by theirs (resourceTags.ts).
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import type { FunctionRecord } from '../functionRecords';
import { requireFunction, type LambdaContext } from '../lambdaContext';
import { resourceTags, setResourceTags, taggableResource } from '../resourceTags';
import type { LambdaRegions } from './lambdaRegions';

/** Lambda allows 50 tags a function. */
const MAX_TAGS = 50;
const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::([^:]+))?$/;

/** The function a tagging ARN names; versions and aliases cannot be tagged. */
function taggedFunction(
  regions: LambdaRegions,
  region: string,
  resource: string,
): {
  lambda: LambdaContext;
  record: FunctionRecord;
} {
  const match = FUNCTION_ARN.exec(resource);
  if (!match) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${resource}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|capacity-provider:[a-zA-Z0-9-_]+)`,
    );
  }
  if (match[4] !== undefined) {
    throw new AwsError(
      'InvalidParameterValueException',
      'Tags on function aliases and versions are not supported. Please specify a function ARN.',
    );
  }
  // The ARN's region picks the namespace, as the function lives there.
  const lambda = regions.get(match[1] ?? region);
  return { lambda, record: requireFunction(lambda, match[3]!) };
}

/** The tags of the resource an ARN names, and how to store them back. */
function taggedResource(
  regions: LambdaRegions,
  region: string,
  resource: string,
): { tags: Record<string, string>; save: (tags: Record<string, string>) => void } {
  const other = taggableResource(resource);
  if (other) {
    const lambda = regions.get(other.region);
    if (!other.exists(lambda)) {
      throw new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
    }
    return { tags: resourceTags(lambda, resource), save: (tags) => setResourceTags(lambda, resource, tags) };
  }
  const { lambda, record } = taggedFunction(regions, region, resource);
  return {
    tags: record.tags,
    save: (tags) => {
      record.tags = tags;
      lambda.functions.save(record);
    },
  };
}

/** The tag handlers. */
export function tagHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    TagResource: (input, request) => {
      const tagged = taggedResource(regions, request.region, input.Resource);
      const tags = { ...tagged.tags, ...input.Tags };
      if (Object.keys(tags).length > MAX_TAGS) {
        throw new AwsError(
          'InvalidParameterValueException',
          `Number of tags exceeds resource tag limit of ${MAX_TAGS}.`,
        );
      }
      tagged.save(tags);
    },
    UntagResource: (input, request) => {
      const tagged = taggedResource(regions, request.region, input.Resource);
      const tags = { ...tagged.tags };
      for (const key of input.TagKeys) delete tags[key];
      tagged.save(tags);
    },
    ListTags: (input, request) => ({ Tags: { ...taggedResource(regions, request.region, input.Resource).tags } }),
  };
}
