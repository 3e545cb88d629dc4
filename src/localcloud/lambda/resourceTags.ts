// Tags of the Lambda resources other than functions that TagResource addresses by ARN (event source mappings, code
// signing configs, capacity providers): kept per region in the `tags` collection under the resource's ARN, set by
// the resource's Create (its Tags member) and dropped with it. Function tags live in the function's document.
import type { LambdaContext } from './lambdaContext';

/** The resources taggable besides functions: the ARN's resource type and the collection (and key) holding it. */
const TAGGABLE = {
  'event-source-mapping': 'eventSourceMappings',
  'code-signing-config': 'codeSigningConfigs',
  'capacity-provider': 'capacityProviders',
} as const;

const RESOURCE_ARN =
  /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):\d{12}:(event-source-mapping|code-signing-config|capacity-provider):([A-Za-z0-9_-]+)$/;

/** The region and whether the resource exists, for a non-function ARN TagResource accepts; undefined otherwise. */
export function taggableResource(
  arn: string,
): { region: string; exists: (lambda: LambdaContext) => boolean } | undefined {
  const match = RESOURCE_ARN.exec(arn);
  if (!match) return undefined;
  const collection = TAGGABLE[match[2] as keyof typeof TAGGABLE];
  return { region: match[1]!, exists: (lambda) => lambda.resources.has(collection, match[3]!) };
}

export function resourceTags(lambda: LambdaContext, arn: string): Record<string, string> {
  return lambda.resources.get<Record<string, string>>('tags', arn) ?? {};
}

/** Replaces the resource's tags (none: forgets them). */
export function setResourceTags(lambda: LambdaContext, arn: string, tags: Record<string, string> | undefined): void {
  if (tags && Object.keys(tags).length > 0) lambda.resources.put('tags', arn, tags);
  else lambda.resources.delete('tags', arn);
}
