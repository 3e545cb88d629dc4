// S3 events: permission for S3 to invoke the function, and the bucket in the template gets the notification
// (and depends on the permission). The bucket must be a `Ref` to a bucket of the same template.
import { InvalidEventError } from '../samTransformError';
import { isObject, ref, refName, type JsonObject } from '../intrinsics';
import { eventPath, functionArn, permission, type FunctionEventHandler } from './functionEvent';

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
  const resources = permission(event, 's3.amazonaws.com', undefined, { Ref: 'AWS::AccountId' });
  const permissionId = Object.keys(resources)[0]!;
  const events = event.properties.Events;
  const properties = isObject(bucket.Properties) ? bucket.Properties : (bucket.Properties = {});
  const notification = isObject(properties.NotificationConfiguration)
    ? properties.NotificationConfiguration
    : (properties.NotificationConfiguration = {});
  const existing = notification.LambdaConfigurations;
  if (existing !== undefined && !Array.isArray(existing)) {
    throw new InvalidEventError(
      event.eventName,
      'Invalid type for LambdaConfigurations. Must be a list of objects.',
      eventPath(event, 'Bucket'),
    );
  }
  const configurations = existing ?? [];
  for (const name of Array.isArray(events) ? events : [events ?? null]) {
    const configuration: JsonObject = { Event: name, Function: functionArn(event) };
    if (event.properties.Filter !== undefined) configuration.Filter = event.properties.Filter;
    configurations.push(configuration);
  }
  notification.LambdaConfigurations = configurations;
  const dependsOn = bucket.DependsOn;
  const list = dependsOn === undefined ? [] : Array.isArray(dependsOn) ? dependsOn : [dependsOn];
  if (!list.includes(permissionId)) list.push(permissionId);
  bucket.DependsOn = list;
  if (bucket.Condition === undefined && event.attributes.Condition !== undefined) void ref;
  return resources;
};
