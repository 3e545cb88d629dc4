// AWS::Serverless::Application: a nested CloudFormation stack. A Location URL is used as it is; a Serverless
// Application Repository location names the application's template, which the translator asks SAR for (without
// AWS here, the URL is built from the application and version).
import { InvalidResourceError } from './samTransformError';
import { isIntrinsic, isObject, type JsonObject, text } from './intrinsics';
import { mainAttributes } from './function/samFunction';
import { samTagList } from './tags';
import { checkProperties, type GeneratedResources } from './transformContext';

export function transformApplication(logicalId: string, resource: JsonObject): GeneratedResources {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  checkProperties(logicalId, properties, {
    Parameters: 'map',
    NotificationARNs: 'list',
    Tags: 'map',
    TimeoutInMinutes: 'integer',
  });
  const location = properties.Location;
  if (location === undefined)
    throw new InvalidResourceError(logicalId, "Property 'Location' is required.", ['Properties', 'Location']);
  let templateUrl;
  if (typeof location === 'string' || isIntrinsic(location)) templateUrl = location;
  else if (isObject(location)) {
    const { ApplicationId: applicationId, SemanticVersion: version } = location;
    if (applicationId === undefined || version === undefined) {
      throw new InvalidResourceError(
        logicalId,
        'Resource is missing the required [ApplicationId] property.'.replace(
          '[ApplicationId]',
          applicationId === undefined ? '[ApplicationId]' : '[SemanticVersion]',
        ),
        ['Properties', 'Location'],
      );
    }
    if (isIntrinsic(applicationId) || isIntrinsic(version)) {
      throw new InvalidResourceError(
        logicalId,
        "Property 'ApplicationId' cannot be resolved. Only FindInMap and Ref to parameters are supported with intrinsic functions.",
        ['Properties', 'Location'],
      );
    }
    templateUrl = `https://awsserverlessrepo-changesets-xxx.s3.amazonaws.com/${text(applicationId).split(':').pop()}/${text(version)}/template.yaml`;
  } else
    throw new InvalidResourceError(logicalId, "Property 'Location' should be a string or a map.", [
      'Properties',
      'Location',
    ]);
  const stack: JsonObject = { TemplateURL: templateUrl };
  for (const name of ['Parameters', 'NotificationARNs', 'TimeoutInMinutes'])
    if (properties[name] !== undefined) stack[name] = properties[name]!;
  const tags = samTagList(logicalId, properties.Tags);
  if (isObject(location) && !isIntrinsic(location)) {
    tags.push(
      { Key: 'serverlessrepo:applicationId', Value: location.ApplicationId ?? null },
      { Key: 'serverlessrepo:semanticVersion', Value: location.SemanticVersion ?? null },
    );
  }
  stack.Tags = tags;
  return { [logicalId]: { Type: 'AWS::CloudFormation::Stack', ...mainAttributes(resource), Properties: stack } };
}
