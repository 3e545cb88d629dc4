// S3 events: permission for S3 to invoke the function, and the bucket in the template gets the notification
// (and depends on the permission). The bucket must be a `Ref` to a bucket of the same template.
import { InvalidEventError, InvalidResourceError } from '../samTransformError';
import { fnIf, isObject, NO_VALUE, ref, refName, text, type JsonObject, type JsonValue } from '../intrinsics';
import {
  EventResourceError,
  eventPath,
  functionArn,
  permission,
  type FunctionEvent,
  type FunctionEventHandler,
} from './functionEvent';

export const s3Event: FunctionEventHandler = (event) => {
  const bucketId = refName(event.properties.Bucket);
  const bucket = bucketId ? event.context.resource(bucketId) : undefined;
  if (!bucketId || !bucket || bucket.Type !== 'AWS::S3::Bucket') {
    throw new InvalidEventError(
      event.eventName,
      'S3 events must reference an S3 bucket in the same template.',
      eventPath(event, 'Bucket'),
    );
  }
  const events = event.properties.Events;
  if (!(typeof events === 'string' || (Array.isArray(events) && events.every((name) => typeof name === 'string'))))
    throw new EventResourceError(event, "Type of property 'Events' is invalid.", ['Events']);
  const resources = permission(event, 's3.amazonaws.com', undefined, { Ref: 'AWS::AccountId' });
  const permissionId = Object.keys(resources)[0]!;
  const condition = event.attributes.Condition;
  if (condition !== undefined) dependOnPermissionByTag(bucketId, bucket, permissionId, condition);
  else dependOnPermission(event, bucketId, bucket, permissionId);
  // The notification, as the translator injects it (a conditional function's entry is conditional too).
  const mappings = (Array.isArray(events) ? events : [events]).map((name) => {
    const mapping: JsonObject = { Function: functionArn(event) };
    if (event.properties.Filter !== undefined) mapping.Filter = event.properties.Filter;
    mapping.Event = name;
    return condition !== undefined ? fnIf(text(condition), mapping, NO_VALUE) : mapping;
  });
  const properties = bucket.Properties ?? (bucket.Properties = {});
  if (!isObject(properties)) throw new InvalidResourceError(bucketId, 'Properties should be a map.', ['Properties']);
  const notification = properties.NotificationConfiguration ?? (properties.NotificationConfiguration = {});
  if (!isObject(notification))
    throw new InvalidResourceError(bucketId, "Property 'NotificationConfiguration' should be a map.", [
      'Properties',
      'NotificationConfiguration',
    ]);
  const configurations = notification.LambdaConfigurations ?? (notification.LambdaConfigurations = []);
  if (!Array.isArray(configurations))
    throw new InvalidResourceError(bucketId, 'Invalid type for LambdaConfigurations. Must be a list.', [
      'Properties',
      'NotificationConfiguration',
      'LambdaConfigurations',
    ]);
  for (const mapping of mappings) {
    const text = JSON.stringify(mapping);
    if (!configurations.some((existing) => JSON.stringify(existing) === text)) configurations.push(mapping);
  }
  return resources;
};

/** The bucket waits for the permission (DependsOn, a string or a list of strings). */
function dependOnPermission(event: FunctionEvent, bucketId: string, bucket: JsonObject, permissionId: string): void {
  const dependsOn = 'DependsOn' in bucket ? bucket.DependsOn : [];
  const list = typeof dependsOn === 'string' ? [dependsOn] : dependsOn;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
    throw new InvalidResourceError(
      event.eventId,
      "Invalid type for field 'DependsOn'. Expected a string or list of strings.",
      [],
      ['Resources', bucketId, 'DependsOn'],
    );
  bucket.DependsOn = [...new Set([...list, permissionId])];
}

/**
 * DependsOn cannot be conditional: a conditional function's permission is depended on through a tag whose value
 * references it only when the condition holds.
 */
function dependOnPermissionByTag(
  bucketId: string,
  bucket: JsonObject,
  permissionId: string,
  condition: JsonValue,
): void {
  const properties = bucket.Properties ?? (bucket.Properties = {});
  if (!isObject(properties)) throw new InvalidResourceError(bucketId, 'Properties should be a map.', ['Properties']);
  const tags = properties.Tags ?? [];
  if (!Array.isArray(tags))
    throw new InvalidResourceError(bucketId, "Property 'Tags' should be a list.", ['Properties', 'Tags']);
  properties.Tags = [
    ...tags,
    {
      Key: `sam:ConditionalDependsOn:${permissionId}`,
      Value: fnIf(text(condition), ref(permissionId), 'no dependency'),
    },
  ];
}
