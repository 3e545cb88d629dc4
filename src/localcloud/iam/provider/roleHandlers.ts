// IAM roles: create, read, list, update, delete; their tags and inline policies.
import type { IamOperations, Role } from '../../models/generated/iam';
import { AwsError } from '../../protocol/awsError';
import type { RequestContext, ServiceProvider } from '../../protocol/modelService';
import { iamId, type RoleRecord } from '../iamStore';
import {
  checkPolicyDocument,
  encodeDocument,
  iamArn,
  noSuchEntity,
  pageOf,
  type IamProviderContext,
} from './iamProviderContext';

/** The Role shape; ListRoles leaves tags out, as IAM does. */
export function roleShape(context: RequestContext, role: RoleRecord, withTags = true): Role {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: iamArn(context, 'role', role.path, role.name),
    CreateDate: new Date(role.createDate),
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    ...(role.permissionsBoundary
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'Policy',
            PermissionsBoundaryArn: role.permissionsBoundary,
          },
        }
      : {}),
    ...(withTags && role.tags.length > 0 ? { Tags: role.tags } : {}),
    RoleLastUsed: {},
  };
}

export function roleHandlers({ store }: IamProviderContext): ServiceProvider<IamOperations> {
  const requireRole = (name: string): RoleRecord => {
    const role = store.role(name);
    if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return role;
  };

  return {
    CreateRole: (input, context) => {
      if (store.role(input.RoleName)) {
        throw new AwsError('EntityAlreadyExistsException', `Role with name ${input.RoleName} already exists.`);
      }
      const role: RoleRecord = {
        name: input.RoleName,
        id: iamId('AROA'),
        path: input.Path ?? '/',
        createDate: Date.now(),
        assumeRolePolicyDocument: checkPolicyDocument(input.AssumeRolePolicyDocument),
        description: input.Description,
        maxSessionDuration: input.MaxSessionDuration ?? 3600,
        permissionsBoundary: input.PermissionsBoundary,
        tags: input.Tags ?? [],
        attachedPolicyArns: [],
        inlinePolicies: {},
      };
      store.saveRole(role);
      return { Role: roleShape(context, role) };
    },
    GetRole: (input, context) => ({ Role: roleShape(context, requireRole(input.RoleName)) }),
    ListRoles: (input, context) => {
      const prefix = input.PathPrefix ?? '/';
      const roles = store.roles().filter((role) => role.path.startsWith(prefix));
      const { page, ...paging } = pageOf(roles, input.Marker, input.MaxItems);
      return { Roles: page.map((role) => roleShape(context, role, false)), ...paging };
    },
    UpdateRole: (input) => {
      const role = requireRole(input.RoleName);
      if (input.Description !== undefined) role.description = input.Description;
      if (input.MaxSessionDuration !== undefined) role.maxSessionDuration = input.MaxSessionDuration;
      store.saveRole(role);
      return {};
    },
    UpdateRoleDescription: (input, context) => {
      const role = requireRole(input.RoleName);
      role.description = input.Description;
      store.saveRole(role);
      return { Role: roleShape(context, role) };
    },
    UpdateAssumeRolePolicy: (input) => {
      const role = requireRole(input.RoleName);
      role.assumeRolePolicyDocument = checkPolicyDocument(input.PolicyDocument);
      store.saveRole(role);
    },
    DeleteRole: (input) => {
      const role = requireRole(input.RoleName);
      if (role.attachedPolicyArns.length > 0) {
        throw new AwsError('DeleteConflictException', 'Cannot delete entity, must detach all policies first.');
      }
      if (Object.keys(role.inlinePolicies).length > 0) {
        throw new AwsError('DeleteConflictException', 'Cannot delete entity, must delete policies first.');
      }
      store.deleteRole(role.name);
    },
    TagRole: (input) => {
      const role = requireRole(input.RoleName);
      const keys = new Set(input.Tags.map((tag) => tag.Key));
      role.tags = [...role.tags.filter((tag) => !keys.has(tag.Key)), ...input.Tags];
      store.saveRole(role);
    },
    UntagRole: (input) => {
      const role = requireRole(input.RoleName);
      role.tags = role.tags.filter((tag) => !input.TagKeys.includes(tag.Key));
      store.saveRole(role);
    },
    ListRoleTags: (input) => {
      const { page, ...paging } = pageOf(requireRole(input.RoleName).tags, input.Marker, input.MaxItems);
      return { Tags: page, ...paging };
    },
    PutRolePolicy: (input) => {
      const role = requireRole(input.RoleName);
      role.inlinePolicies[input.PolicyName] = checkPolicyDocument(input.PolicyDocument);
      store.saveRole(role);
    },
    GetRolePolicy: (input) => {
      const role = requireRole(input.RoleName);
      const document = role.inlinePolicies[input.PolicyName];
      if (document === undefined) {
        throw noSuchEntity(`The role policy with name ${input.PolicyName} cannot be found.`);
      }
      return { RoleName: role.name, PolicyName: input.PolicyName, PolicyDocument: encodeDocument(document) };
    },
    ListRolePolicies: (input) => {
      const names = Object.keys(requireRole(input.RoleName).inlinePolicies).sort();
      const { page, ...paging } = pageOf(names, input.Marker, input.MaxItems);
      return { PolicyNames: page, ...paging };
    },
    DeleteRolePolicy: (input) => {
      const role = requireRole(input.RoleName);
      if (role.inlinePolicies[input.PolicyName] === undefined) {
        throw noSuchEntity(`The role policy with name ${input.PolicyName} cannot be found.`);
      }
      delete role.inlinePolicies[input.PolicyName];
      store.saveRole(role);
    },
  };
}
