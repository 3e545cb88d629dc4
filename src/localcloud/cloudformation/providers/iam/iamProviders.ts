// IAM in the local cloud is recorded, not enforced: roles and policies get the names, ARNs and ids AWS gives
// them, so templates and functions that read them work, and nothing is checked against them.
import { randomBytes } from 'node:crypto';
import { stringProperty, type ProviderContext, type ResourceProvider } from '../resourceProvider';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM's unique ids: a four-letter prefix by kind (AROA for roles, ANPA for policies) and 17 characters. */
function iamId(prefix: string): string {
  return prefix + Array.from(randomBytes(17), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

function iamArn(context: ProviderContext, kind: string, path: string, name: string): string {
  return `arn:${context.partition}:iam::${context.accountId}:${kind}${path}${name}`;
}

export const iamRoleProvider: ResourceProvider = {
  type: 'AWS::IAM::Role',
  create(properties, context) {
    const name = stringProperty(properties, 'RoleName') ?? context.generatedName({ maxLength: 64 });
    const path = stringProperty(properties, 'Path') ?? '/';
    return Promise.resolve({
      physicalId: name,
      attributes: { Arn: iamArn(context, 'role', path, name), RoleId: iamId('AROA') },
    });
  },
  update: (update) => Promise.resolve(update.current),
  delete: () => Promise.resolve(),
};

/** Inline policies (AWS::IAM::Policy): Ref is an id CloudFormation makes up from the stack and logical ID. */
export const iamPolicyProvider: ResourceProvider = {
  type: 'AWS::IAM::Policy',
  create(_properties, context) {
    const id = context
      .generatedName({ maxLength: 128 })
      .replace(/-([^-]+)$/, (_whole, suffix: string) => `-${suffix.toUpperCase()}`);
    return Promise.resolve({ physicalId: id, attributes: { Id: id } });
  },
  update: (update) => Promise.resolve(update.current),
  delete: () => Promise.resolve(),
};

export const iamManagedPolicyProvider: ResourceProvider = {
  type: 'AWS::IAM::ManagedPolicy',
  create(properties, context) {
    const name = stringProperty(properties, 'ManagedPolicyName') ?? context.generatedName({ maxLength: 128 });
    const arn = iamArn(context, 'policy', stringProperty(properties, 'Path') ?? '/', name);
    return Promise.resolve({
      physicalId: arn,
      attributes: {
        PolicyArn: arn,
        PolicyId: iamId('ANPA'),
        AttachmentCount: 0,
        DefaultVersionId: 'v1',
        IsAttachable: true,
      },
    });
  },
  update: (update) => Promise.resolve(update.current),
  delete: () => Promise.resolve(),
};
