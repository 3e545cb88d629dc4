// GetTemplate (Original or Processed, of a stack or a change set), GetTemplateSummary and ValidateTemplate.
import { jsonText, type JsonObject } from '../../../core/template/templateJson';
import { AwsError, isAwsError } from '../../protocol/awsError';
import type { CloudFormationEngine } from '../cloudFormationEngine';
import { requiredCapabilities } from '../template/capabilities';
import { declaredTransforms } from '../template/processTemplate';
import { parameterDeclarations } from '../template/templateParameters';
import { requireChangeSet } from './changeSetOperations';
import type {
  GetTemplateInput,
  GetTemplateOutput,
  GetTemplateSummaryInput,
  GetTemplateSummaryOutput,
  ParameterDeclaration,
  ValidateTemplateInput,
  ValidateTemplateOutput,
} from '../../models/generated/cloudformation';

export function getTemplate(engine: CloudFormationEngine, input: GetTemplateInput): GetTemplateOutput {
  const stage = input.TemplateStage ?? 'Original';
  if (stage !== 'Original' && stage !== 'Processed') {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${stage}' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]`,
    );
  }
  let templateId: string | undefined;
  if (input.ChangeSetName !== undefined) {
    templateId = requireChangeSet(engine, input.ChangeSetName, input.StackName).templateId;
  } else {
    const stack = engine.requireStack(input.StackName);
    templateId = stack.templateId ?? engine.store.changeSetsOf(stack.stackId).at(-1)?.templateId;
  }
  if (templateId === undefined)
    throw new AwsError('ValidationError', `Stack with id ${input.StackName ?? ''} does not exist`);
  const document = engine.store.template(templateId);
  return {
    TemplateBody: stage === 'Original' ? document.original : JSON.stringify(document.processed),
    StagesAvailable: ['Original', 'Processed'],
  };
}

export function validateTemplate(engine: CloudFormationEngine, input: ValidateTemplateInput): ValidateTemplateOutput {
  const { parsed } = engine.submittedTemplate(input);
  const declarations = parameterDeclarations(parsed);
  const transforms = declaredTransforms(parsed);
  const required =
    transforms.length > 0
      ? {
          capabilities: ['CAPABILITY_AUTO_EXPAND'],
          reason: `The following resource(s) require capabilities: [${transforms.join(', ')}]`,
        }
      : requiredCapabilities(parsed);
  return {
    Parameters: Object.entries(declarations).map(([key, declaration]) => ({
      ParameterKey: key,
      ...defaultOf(declaration),
      NoEcho: declaration.NoEcho === true || declaration.NoEcho === 'true',
      ...(typeof declaration.Description === 'string' ? { Description: declaration.Description } : {}),
    })),
    ...(typeof parsed.Description === 'string' ? { Description: parsed.Description } : {}),
    Capabilities: required.capabilities,
    ...(required.reason ? { CapabilitiesReason: required.reason } : {}),
    ...(transforms.length > 0 ? { DeclaredTransforms: transforms } : {}),
  };
}

export function getTemplateSummary(
  engine: CloudFormationEngine,
  input: GetTemplateSummaryInput,
): GetTemplateSummaryOutput {
  let parsed: JsonObject;
  let processed: JsonObject | undefined;
  if (input.StackName !== undefined) {
    const stack = engine.requireStack(input.StackName);
    if (!stack.templateId) throw new AwsError('ValidationError', `Stack with id ${input.StackName} does not exist`);
    const document = engine.store.template(stack.templateId);
    parsed = engine.submittedTemplate({ TemplateBody: document.original }).parsed;
    processed = document.processed;
  } else {
    parsed = engine.submittedTemplate(input).parsed;
    processed = tryProcess(engine, parsed);
  }
  const declarations = parameterDeclarations(parsed);
  const resources = (processed ?? parsed).Resources;
  const resourceTypes =
    resources !== null && typeof resources === 'object' && !Array.isArray(resources)
      ? [...new Set(Object.values(resources).map((definition) => jsonText((definition as JsonObject).Type)))]
      : [];
  const required = requiredCapabilities(processed ?? parsed);
  const transforms = declaredTransforms(parsed);
  const capabilities = [...required.capabilities, ...(transforms.length > 0 ? ['CAPABILITY_AUTO_EXPAND'] : [])];
  return {
    Parameters: Object.entries(declarations).map(([key, declaration]): ParameterDeclaration => ({
      ParameterKey: key,
      ...defaultOf(declaration),
      ParameterType: jsonText(declaration.Type),
      NoEcho: declaration.NoEcho === true || declaration.NoEcho === 'true',
      ...(typeof declaration.Description === 'string' ? { Description: declaration.Description } : {}),
      ParameterConstraints: Array.isArray(declaration.AllowedValues)
        ? { AllowedValues: declaration.AllowedValues.map(String) }
        : {},
    })),
    ...(typeof parsed.Description === 'string' ? { Description: parsed.Description } : {}),
    Capabilities: capabilities,
    ...(required.reason ? { CapabilitiesReason: required.reason } : {}),
    ResourceTypes: resourceTypes,
    Version: typeof parsed.AWSTemplateFormatVersion === 'string' ? parsed.AWSTemplateFormatVersion : '2010-09-09',
    ...(parsed.Metadata !== undefined ? { Metadata: JSON.stringify(parsed.Metadata) } : {}),
    ...(transforms.length > 0 ? { DeclaredTransforms: transforms } : {}),
  };
}

/** The template after its transforms, with default (or placeholder) parameter values; undefined when they fail. */
function tryProcess(engine: CloudFormationEngine, parsed: JsonObject): JsonObject | undefined {
  if (declaredTransforms(parsed).length === 0) return undefined;
  const parameters = Object.entries(parameterDeclarations(parsed)).map(([key, declaration]) => ({
    key,
    value: defaultOf(declaration).DefaultValue ?? '',
    noEcho: false,
  }));
  try {
    const stack = {
      stackName: 'template-summary',
      stackId: 'arn:aws:cloudformation:::stack/template-summary/0',
      notificationArns: [],
    };
    return engine.processed({ original: '', parsed }, stack, parameters).processed;
  } catch (error) {
    if (isAwsError(error)) return undefined;
    throw error;
  }
}

function defaultOf(declaration: JsonObject): { DefaultValue?: string } {
  const value = declaration.Default;
  if (value === undefined || value === null) return {};
  return { DefaultValue: Array.isArray(value) ? value.map(jsonText).join(',') : jsonText(value) };
}
