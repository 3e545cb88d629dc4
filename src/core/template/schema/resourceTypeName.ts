// The shapes of a resource Type that CloudFormation accepts besides the types it knows: custom resources
// (`Custom::Name`) and registry types (`Organization::Service::Resource`, modules ending in `::MODULE`).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html
const CUSTOM_RESOURCE = /^Custom::[A-Za-z0-9_@-]{1,60}$/;
const REGISTRY_TYPE = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}(::MODULE)?$/;

/** Why CloudFormation rejects a Type that is not a known one, or undefined when its shape is acceptable. */
export function resourceTypeNameProblem(typeName: string): string | undefined {
  if (CUSTOM_RESOURCE.test(typeName) || REGISTRY_TYPE.test(typeName)) return undefined;
  return `CloudFormation rejects the resource type '${typeName}': a type is AWS::Service::Resource, Custom::Name or a registry type Organization::Service::Resource.`;
}
