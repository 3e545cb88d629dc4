// A document is a template by its content, whatever its file name (issue #3): a format version, the SAM
// transform, or Resources whose Type is an AWS:: type. Cheap regular expressions, no parse.
const formatVersion = /^\s*["']?AWSTemplateFormatVersion["']?\s*:/m;
const samTransform = /AWS::Serverless-2016-10-31/;
const resourcesSection = /^\s*["']?Resources["']?\s*:/m;
const awsResourceType = /["']?Type["']?\s*:\s*["']?(AWS|Alexa|Custom)::/;

/** True when the text looks like a CloudFormation or SAM template. */
export function isTemplateText(text: string): boolean {
  if (formatVersion.test(text) || samTransform.test(text)) return true;
  return resourcesSection.test(text) && awsResourceType.test(text);
}
