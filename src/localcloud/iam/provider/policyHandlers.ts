// IAM managed policies (create, read, list, versions, delete) and their attachment to roles. AWS managed
// policies (`arn:aws:iam::aws:policy/...`) attach without a record, as every account has them.
import type { IamOperations, Policy } from '../../models/generated/iam';
import { AwsError } from '../../protocol/awsError';
import type { RequestContext, ServiceProvider } from '../../protocol/modelService';
import { iamId, type IamStore, type PolicyRecord } from '../iamStore';
import {
  checkPolicyDocument,
  encodeDocument,
  iamArn,
  isAwsManagedPolicy,
  noSuchEntity,
  pageOf,
  type IamProviderContext,
} from './iamProviderContext';

function policyShape(store: IamStore, policy: PolicyRecord): Policy {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: store.attachmentCount(policy.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: new Date(policy.createDate),
    UpdateDate: new Date(policy.updateDate),
    ...(policy.tags.length > 0 ? { Tags: policy.tags } : {}),
  };
}

/** An AWS managed policy as GetPolicy describes it (the local cloud knows its name, not its document). */
function awsManagedPolicyShape(store: IamStore, arn: string): Policy {
  const path = arn.slice(arn.indexOf(':policy') + ':policy'.length);
  const name = path.slice(path.lastIndexOf('/') + 1);
  return {
    PolicyName: name,
    PolicyId: `ANPA${Buffer.from(name).toString('hex').toUpperCase().padEnd(17, '0').slice(0, 17)}`,
    Arn: arn,
    Path: path.slice(0, path.length - name.length),
    DefaultVersionId: 'v1',
    AttachmentCount: store.attachmentCount(arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: new Date(0),
    UpdateDate: new Date(0),
  };
}

export function policyHandlers({ store }: IamProviderContext): ServiceProvider<IamOperations> {
  const requirePolicy = (arn: string): PolicyRecord => {
    const policy = store.policy(arn);
    if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    return policy;
  };
  const requireRole = (name: string) => {
    const role = store.role(name);
    if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return role;
  };
  const policyArn = (context: RequestContext, path: string | undefined, name: string) =>
    iamArn(context, 'policy', path ?? '/', name);

  return {
    CreatePolicy: (input, context) => {
      const arn = policyArn(context, input.Path, input.PolicyName);
      if (store.policy(arn)) {
        throw new AwsError(
          'EntityAlreadyExistsException',
          `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
        );
      }
      const now = Date.now();
      const policy: PolicyRecord = {
        name: input.PolicyName,
        id: iamId('ANPA'),
        arn,
        path: input.Path ?? '/',
        description: input.Description,
        createDate: now,
        updateDate: now,
        defaultVersionId: 'v1',
        versions: [{ versionId: 'v1', document: checkPolicyDocument(input.PolicyDocument), createDate: now }],
        nextVersion: 2,
        tags: input.Tags ?? [],
      };
      store.savePolicy(policy);
      return { Policy: policyShape(store, policy) };
    },
    GetPolicy: (input) => ({
      Policy: isAwsManagedPolicy(input.PolicyArn)
        ? awsManagedPolicyShape(store, input.PolicyArn)
        : policyShape(store, requirePolicy(input.PolicyArn)),
    }),
    ListPolicies: (input) => {
      const prefix = input.PathPrefix ?? '/';
      const policies = (input.Scope === 'AWS' ? [] : store.policies())
        .filter((policy) => policy.path.startsWith(prefix))
        .filter((policy) => !input.OnlyAttached || store.attachmentCount(policy.arn) > 0);
      const { page, ...paging } = pageOf(policies, input.Marker, input.MaxItems);
      return { Policies: page.map((policy) => policyShape(store, policy)), ...paging };
    },
    DeletePolicy: (input) => {
      const policy = requirePolicy(input.PolicyArn);
      if (store.attachmentCount(policy.arn) > 0) {
        throw new AwsError('DeleteConflictException', 'Cannot delete a policy attached to entities.');
      }
      store.deletePolicy(policy.arn);
    },
    CreatePolicyVersion: (input) => {
      const policy = requirePolicy(input.PolicyArn);
      if (policy.versions.length >= 5) {
        throw new AwsError(
          'LimitExceededException',
          `A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.`,
        );
      }
      const version = {
        versionId: `v${policy.nextVersion++}`,
        document: checkPolicyDocument(input.PolicyDocument),
        createDate: Date.now(),
      };
      policy.versions.push(version);
      if (input.SetAsDefault) policy.defaultVersionId = version.versionId;
      policy.updateDate = version.createDate;
      store.savePolicy(policy);
      return {
        PolicyVersion: {
          VersionId: version.versionId,
          IsDefaultVersion: policy.defaultVersionId === version.versionId,
          CreateDate: new Date(version.createDate),
        },
      };
    },
    GetPolicyVersion: (input) => {
      const policy = requirePolicy(input.PolicyArn);
      const version = policy.versions.find((candidate) => candidate.versionId === input.VersionId);
      if (!version) throw noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist.`);
      return {
        PolicyVersion: {
          Document: encodeDocument(version.document),
          VersionId: version.versionId,
          IsDefaultVersion: policy.defaultVersionId === version.versionId,
          CreateDate: new Date(version.createDate),
        },
      };
    },
    ListPolicyVersions: (input) => {
      const policy = requirePolicy(input.PolicyArn);
      const { page, ...paging } = pageOf([...policy.versions].reverse(), input.Marker, input.MaxItems);
      return {
        Versions: page.map((version) => ({
          VersionId: version.versionId,
          IsDefaultVersion: policy.defaultVersionId === version.versionId,
          CreateDate: new Date(version.createDate),
        })),
        ...paging,
      };
    },
    DeletePolicyVersion: (input) => {
      const policy = requirePolicy(input.PolicyArn);
      if (policy.defaultVersionId === input.VersionId) {
        throw new AwsError('DeleteConflictException', 'Cannot delete the default version of a policy.');
      }
      const index = policy.versions.findIndex((candidate) => candidate.versionId === input.VersionId);
      if (index < 0) throw noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist.`);
      policy.versions.splice(index, 1);
      store.savePolicy(policy);
    },
    AttachRolePolicy: (input) => {
      const role = requireRole(input.RoleName);
      if (!isAwsManagedPolicy(input.PolicyArn)) requirePolicy(input.PolicyArn);
      if (!role.attachedPolicyArns.includes(input.PolicyArn)) role.attachedPolicyArns.push(input.PolicyArn);
      store.saveRole(role);
    },
    DetachRolePolicy: (input) => {
      const role = requireRole(input.RoleName);
      if (!role.attachedPolicyArns.includes(input.PolicyArn))
        throw noSuchEntity(`Policy ${input.PolicyArn} was not found.`);
      role.attachedPolicyArns = role.attachedPolicyArns.filter((arn) => arn !== input.PolicyArn);
      store.saveRole(role);
    },
    ListAttachedRolePolicies: (input) => {
      const role = requireRole(input.RoleName);
      const attached = role.attachedPolicyArns.map((arn) => ({
        PolicyArn: arn,
        PolicyName: store.policy(arn)?.name ?? arn.slice(arn.lastIndexOf('/') + 1),
      }));
      const { page, ...paging } = pageOf(attached, input.Marker, input.MaxItems);
      return { AttachedPolicies: page, ...paging };
    },
  };
}
