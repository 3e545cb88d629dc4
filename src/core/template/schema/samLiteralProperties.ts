import type { TemplateDiagnostic } from '../templateDiagnostic';
import type { SourceRange } from '../templateTree';
import type { ObjectTypeSpec, PropertySpec } from './templateSchema';

// Properties the SAM transform reads itself while it builds the API, before CloudFormation resolves anything:
// an intrinsic function there (`!Ref AuthParameter`) makes the transform reject the template, although the schema
// accepts intrinsics at every value. SAM's messages: "Unable to set Authorizer [...] on API method [...]. The method
// authorizer must be a string ..." and "DefaultAuthorizer is not a string."
const LITERAL_ONLY: readonly { property: string; parentType: RegExp }[] = [
  { property: 'Authorizer', parentType: /\.(Api|HttpApi)EventAuth$/ },
  { property: 'DefaultAuthorizer', parentType: /^AWS::Serverless::(Api|HttpApi)\.Auth$/ },
];

/** The error for an intrinsic function where SAM needs a literal name, or undefined elsewhere. */
export function samLiteralOnlyDiagnostic(
  property: PropertySpec | undefined,
  parentType: ObjectTypeSpec | undefined,
  range: SourceRange,
): TemplateDiagnostic | undefined {
  if (!property || !parentType) return undefined;
  const rule = LITERAL_ONLY.find(
    (candidate) => candidate.property === property.name && candidate.parentType.test(parentType.name),
  );
  if (!rule) return undefined;
  return {
    range,
    severity: 'error',
    code: 'intrinsic-not-supported',
    message: `The SAM transform needs the authorizer's name in ${property.name}, not an intrinsic function: it reads the value before CloudFormation resolves it, and rejects the template.`,
  };
}
