// IAM in the local cloud is recorded, not enforced: roles, inline and managed policies go into the local IAM
// service (so `aws iam get-role` shows a stack's roles) with the names, ARNs and ids AWS gives them. Without an
// IAM service (unit tests), the identifiers alone are recorded.
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { JsonObject, JsonValue } from '../../../../core/template/templateJson';
import { jsonText } from '../../../../core/template/templateJson';
import { ignoringNotFound } from '../alreadyExists';
import { listProperty, stringProperty, type ProviderContext, type ResourceProvider } from '../resourceProvider';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM's unique ids: a four-letter prefix by kind (AROA for roles, ANPA for policies) and 17 characters. */
function iamId(prefix: string): string {
  return prefix + Array.from(randomBytes(17), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

function iamArn(context: ProviderContext, kind: string, path: string, name: string): string {
  return `arn:${context.partition}:iam::${context.accountId}:${kind}${path}${name}`;
}

/** A policy document as IAM takes it: JSON text. */
function documentText(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {});
}

/** `Policies: [{PolicyName, PolicyDocument}]` of a role, by name. */
function inlinePolicies(properties: JsonObject): Map<string, string> {
  const policies = new Map<string, string>();
  for (const entry of listProperty(properties, 'Policies') ?? []) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    policies.set(jsonText(entry.PolicyName), documentText(entry.PolicyDocument));
  }
  return policies;
}

const names = (properties: JsonObject, property: string) => (listProperty(properties, property) ?? []).map(jsonText);

async function syncRolePolicies(
  context: ProviderContext,
  roleName: string,
  properties: JsonObject,
  previous: JsonObject,
): Promise<void> {
  const iam = context.services.iam!;
  const before = inlinePolicies(previous);
  const after = inlinePolicies(properties);
  for (const name of before.keys()) {
    if (!after.has(name))
      await ignoringNotFound(() => iam('DeleteRolePolicy', { RoleName: roleName, PolicyName: name }));
  }
  for (const [name, document] of after) {
    if (before.get(name) !== document)
      await iam('PutRolePolicy', { RoleName: roleName, PolicyName: name, PolicyDocument: document });
  }
  const attachedBefore = names(previous, 'ManagedPolicyArns');
  const attachedAfter = names(properties, 'ManagedPolicyArns');
  for (const arn of attachedBefore) {
    if (!attachedAfter.includes(arn))
      await ignoringNotFound(() => iam('DetachRolePolicy', { RoleName: roleName, PolicyArn: arn }));
  }
  for (const arn of attachedAfter) {
    if (!attachedBefore.includes(arn)) await iam('AttachRolePolicy', { RoleName: roleName, PolicyArn: arn });
  }
}

export const iamRoleProvider: ResourceProvider = {
  type: 'AWS::IAM::Role',
  async create(properties, context) {
    const name = stringProperty(properties, 'RoleName') ?? context.generatedName({ maxLength: 64 });
    const path = stringProperty(properties, 'Path') ?? '/';
    const iam = context.services.iam;
    if (!iam)
      return { physicalId: name, attributes: { Arn: iamArn(context, 'role', path, name), RoleId: iamId('AROA') } };
    context.claimPhysicalId(name);
    const created = await iam('CreateRole', {
      RoleName: name,
      Path: path,
      AssumeRolePolicyDocument: documentText(properties.AssumeRolePolicyDocument),
      ...(stringProperty(properties, 'Description') !== undefined
        ? { Description: stringProperty(properties, 'Description') }
        : {}),
      ...(properties.MaxSessionDuration !== undefined
        ? { MaxSessionDuration: Number(properties.MaxSessionDuration) }
        : {}),
      ...(properties.Tags !== undefined ? { Tags: properties.Tags } : {}),
    });
    await syncRolePolicies(context, name, properties, {});
    const role = created.Role as { Arn: string; RoleId: string };
    return { physicalId: name, attributes: { Arn: role.Arn, RoleId: role.RoleId } };
  },
  async update(update, context) {
    const iam = context.services.iam;
    if (!iam) return update.current;
    const name = update.current.physicalId;
    if (
      !isDeepStrictEqual(update.properties.AssumeRolePolicyDocument, update.previousProperties.AssumeRolePolicyDocument)
    ) {
      await iam('UpdateAssumeRolePolicy', {
        RoleName: name,
        PolicyDocument: documentText(update.properties.AssumeRolePolicyDocument),
      });
    }
    await syncRolePolicies(context, name, update.properties, update.previousProperties);
    return update.current;
  },
  async delete(deletion, context) {
    const iam = context.services.iam;
    if (!iam) return;
    // IAM refuses to delete a role with policies: remove them first, as CloudFormation does.
    await ignoringNotFound(() => syncRolePolicies(context, deletion.physicalId, {}, deletion.properties));
    await ignoringNotFound(() => iam('DeleteRole', { RoleName: deletion.physicalId }));
  },
};

/** Inline policies (AWS::IAM::Policy) put on the roles they list; Ref is an id made from stack and logical ID. */
export const iamPolicyProvider: ResourceProvider = {
  type: 'AWS::IAM::Policy',
  async create(properties, context) {
    const id = context
      .generatedName({ maxLength: 128 })
      .replace(/-([^-]+)$/, (_whole, suffix: string) => `-${suffix.toUpperCase()}`);
    await putOnRoles(context, properties, {});
    return { physicalId: id, attributes: { Id: id } };
  },
  async update(update, context) {
    await putOnRoles(context, update.properties, update.previousProperties);
    return update.current;
  },
  async delete(deletion, context) {
    await putOnRoles(context, {}, deletion.properties);
  },
};

async function putOnRoles(context: ProviderContext, properties: JsonObject, previous: JsonObject): Promise<void> {
  const iam = context.services.iam;
  if (!iam) return;
  const policyName = stringProperty(properties, 'PolicyName');
  const previousName = stringProperty(previous, 'PolicyName');
  for (const role of names(previous, 'Roles')) {
    if (previousName !== undefined && (previousName !== policyName || !names(properties, 'Roles').includes(role))) {
      await ignoringNotFound(() => iam('DeleteRolePolicy', { RoleName: role, PolicyName: previousName }));
    }
  }
  if (policyName === undefined) return;
  for (const role of names(properties, 'Roles')) {
    await iam('PutRolePolicy', {
      RoleName: role,
      PolicyName: policyName,
      PolicyDocument: documentText(properties.PolicyDocument),
    });
  }
}

export const iamManagedPolicyProvider: ResourceProvider = {
  type: 'AWS::IAM::ManagedPolicy',
  async create(properties, context) {
    const name = stringProperty(properties, 'ManagedPolicyName') ?? context.generatedName({ maxLength: 128 });
    const path = stringProperty(properties, 'Path') ?? '/';
    const iam = context.services.iam;
    let arn = iamArn(context, 'policy', path, name);
    let policyId = iamId('ANPA');
    if (iam) {
      const created = await iam('CreatePolicy', {
        PolicyName: name,
        Path: path,
        PolicyDocument: documentText(properties.PolicyDocument),
        ...(stringProperty(properties, 'Description') !== undefined
          ? { Description: stringProperty(properties, 'Description') }
          : {}),
      });
      ({ Arn: arn, PolicyId: policyId } = created.Policy as { Arn: string; PolicyId: string });
      for (const role of names(properties, 'Roles')) await iam('AttachRolePolicy', { RoleName: role, PolicyArn: arn });
    }
    return {
      physicalId: arn,
      attributes: {
        PolicyArn: arn,
        PolicyId: policyId,
        AttachmentCount: names(properties, 'Roles').length,
        DefaultVersionId: 'v1',
        IsAttachable: true,
      },
    };
  },
  async update(update, context) {
    const iam = context.services.iam;
    if (!iam) return update.current;
    const arn = update.current.physicalId;
    if (!isDeepStrictEqual(update.properties.PolicyDocument, update.previousProperties.PolicyDocument)) {
      await iam('CreatePolicyVersion', {
        PolicyArn: arn,
        PolicyDocument: documentText(update.properties.PolicyDocument),
        SetAsDefault: true,
      });
    }
    const before = names(update.previousProperties, 'Roles');
    const after = names(update.properties, 'Roles');
    for (const role of before)
      if (!after.includes(role))
        await ignoringNotFound(() => iam('DetachRolePolicy', { RoleName: role, PolicyArn: arn }));
    for (const role of after)
      if (!before.includes(role)) await iam('AttachRolePolicy', { RoleName: role, PolicyArn: arn });
    return update.current;
  },
  async delete(deletion, context) {
    const iam = context.services.iam;
    if (!iam) return;
    for (const role of names(deletion.properties, 'Roles')) {
      await ignoringNotFound(() => iam('DetachRolePolicy', { RoleName: role, PolicyArn: deletion.physicalId }));
    }
    await ignoringNotFound(() => iam('DeletePolicy', { PolicyArn: deletion.physicalId }));
  },
};
