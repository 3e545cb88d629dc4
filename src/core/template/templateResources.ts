import type { ParsedTemplate } from './parseTemplate';
import { getMapValue, scalarString, type SourceRange, type TemplateNode } from './templateTree';

/** One entry of a template's Resources section. */
export interface TemplateResource {
  logicalId: string;
  /** The resource's `Type`, or undefined while it is missing or not a plain string. */
  type: string | undefined;
  /** Where the logical ID is written: what "open the resource" reveals. */
  keyRange: SourceRange;
  /** The whole resource definition. */
  node: TemplateNode | undefined;
}

export const FUNCTION_TYPES: ReadonlySet<string> = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/** The resources a template declares, in source order. */
export function listResources(template: ParsedTemplate): TemplateResource[] {
  const resources = getMapValue(template.root, 'Resources');
  if (resources?.kind !== 'map') return [];
  return resources.pairs.map((pair) => ({
    logicalId: String(pair.key.value),
    type: scalarString(getMapValue(pair.value, 'Type')),
    keyRange: pair.key.range,
    node: pair.value,
  }));
}

/** The Lambda functions a template declares (SAM and plain CloudFormation). */
export function listFunctions(template: ParsedTemplate): TemplateResource[] {
  return listResources(template).filter((resource) => resource.type !== undefined && FUNCTION_TYPES.has(resource.type));
}
