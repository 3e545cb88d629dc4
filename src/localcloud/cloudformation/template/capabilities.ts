// Capabilities a template needs before CloudFormation will deploy it: CAPABILITY_IAM for IAM resources,
// CAPABILITY_NAMED_IAM when they carry custom names, CAPABILITY_AUTO_EXPAND for macros on CreateStack/UpdateStack.
import type { JsonObject } from '../../../core/template/templateJson';
import { AwsError } from '../../protocol/awsError';

/** IAM resource types and the property that gives each a custom name. */
const IAM_TYPES: Readonly<Record<string, string | undefined>> = {
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::GroupPolicy': undefined,
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::RolePolicy': undefined,
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::UserPolicy': undefined,
  'AWS::IAM::UserToGroupAddition': undefined,
};

/** What a processed template requires, and why (ValidateTemplate's Capabilities and CapabilitiesReason). */
export interface RequiredCapabilities {
  capabilities: string[];
  reason?: string;
}

export function requiredCapabilities(processed: JsonObject): RequiredCapabilities {
  const resources = processed.Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return { capabilities: [] };
  const iamResources: string[] = [];
  let named = false;
  for (const [logicalId, definition] of Object.entries(resources)) {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) continue;
    const type = definition.Type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(IAM_TYPES, type)) continue;
    iamResources.push(logicalId);
    const nameProperty = IAM_TYPES[type];
    const properties = definition.Properties;
    if (nameProperty && properties !== null && typeof properties === 'object' && !Array.isArray(properties)) {
      if (properties[nameProperty] !== undefined) named = true;
    }
  }
  if (iamResources.length === 0) return { capabilities: [] };
  return {
    capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
    reason: `The following resource(s) require capabilities: [${[...new Set(iamResources.map((id) => typeOf(resources, id)))].join(', ')}]`,
  };
}

function typeOf(resources: JsonObject, logicalId: string): string {
  const type = (resources[logicalId] as JsonObject).Type;
  return typeof type === 'string' ? type : '';
}

/**
 * Throws InsufficientCapabilitiesException ("Requires capabilities : [CAPABILITY_IAM]") unless the granted
 * capabilities cover the template; NAMED_IAM covers IAM. `needsAutoExpand`: the template has macros and is
 * deployed directly (CreateStack/UpdateStack; change sets expand macros without it).
 */
export function checkCapabilities(processed: JsonObject, granted: readonly string[], needsAutoExpand: boolean): void {
  const missing: string[] = [];
  const { capabilities } = requiredCapabilities(processed);
  for (const capability of capabilities) {
    const covered =
      granted.includes(capability) || (capability === 'CAPABILITY_IAM' && granted.includes('CAPABILITY_NAMED_IAM'));
    if (!covered) missing.push(capability);
  }
  if (needsAutoExpand && !granted.includes('CAPABILITY_AUTO_EXPAND')) missing.push('CAPABILITY_AUTO_EXPAND');
  if (missing.length > 0) {
    throw new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${missing.join(', ')}]`);
  }
}

const VALID_CAPABILITIES = new Set(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND']);

/** Rejects capabilities CloudFormation does not know, as its validation layer does. */
export function validateCapabilityNames(capabilities: readonly string[]): void {
  for (const [index, capability] of capabilities.entries()) {
    if (!VALID_CAPABILITIES.has(capability)) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '[${capabilities.join(', ')}]' at 'capabilities' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CAPABILITY_AUTO_EXPAND, CAPABILITY_NAMED_IAM, CAPABILITY_IAM]] (member ${index + 1})`,
      );
    }
  }
}
