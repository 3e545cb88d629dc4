// S3 access control lists, as S3 states them: from a canned ACL (`x-amz-acl`), from grant headers
// (`x-amz-grant-read: id="...", uri="..."`) or from an AccessControlPolicy document; the default is the owner's
// FULL_CONTROL. Stored and returned, not enforced (the local cloud has one account).
import type { AccessControlPolicy, Grant, Grantee, Owner } from '../models/generated/s3';
import { AwsError } from '../protocol/awsError';

/** The configuration name of a bucket's ACL. */
export const BUCKET_ACL = 'acl';

const GROUPS = 'http://acs.amazonaws.com/groups/';
const ALL_USERS = `${GROUPS}global/AllUsers`;
const AUTHENTICATED_USERS = `${GROUPS}global/AuthenticatedUsers`;
const LOG_DELIVERY = `${GROUPS}s3/LogDelivery`;
const KNOWN_GROUPS = new Set([ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY]);
const PERMISSIONS = new Set(['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP']);

/** What a request says about an ACL: a canned ACL, grant headers, or a document. */
export interface AclRequest {
  ACL?: string;
  GrantFullControl?: string;
  GrantRead?: string;
  GrantReadACP?: string;
  GrantWrite?: string;
  GrantWriteACP?: string;
  AccessControlPolicy?: AccessControlPolicy;
}

const GRANT_HEADERS: [member: keyof AclRequest, permission: string][] = [
  ['GrantFullControl', 'FULL_CONTROL'],
  ['GrantRead', 'READ'],
  ['GrantReadACP', 'READ_ACP'],
  ['GrantWrite', 'WRITE'],
  ['GrantWriteACP', 'WRITE_ACP'],
];

/** The owner's FULL_CONTROL grant. */
function ownerGrant(owner: Owner): Grant {
  return {
    Grantee: { Type: 'CanonicalUser', ID: owner.ID, DisplayName: owner.DisplayName },
    Permission: 'FULL_CONTROL',
  };
}

function groupGrant(uri: string, permission: string): Grant {
  return { Grantee: { Type: 'Group', URI: uri }, Permission: permission };
}

/** The ACL every new bucket and object has. */
export function defaultAcl(owner: Owner): AccessControlPolicy {
  return { Owner: owner, Grants: [ownerGrant(owner)] };
}

/** The grants of a canned ACL. */
export function cannedAcl(name: string, owner: Owner): AccessControlPolicy {
  const grants = [ownerGrant(owner)];
  switch (name) {
    case 'public-read':
      grants.push(groupGrant(ALL_USERS, 'READ'));
      break;
    case 'public-read-write':
      grants.push(groupGrant(ALL_USERS, 'READ'), groupGrant(ALL_USERS, 'WRITE'));
      break;
    case 'authenticated-read':
      grants.push(groupGrant(AUTHENTICATED_USERS, 'READ'));
      break;
    case 'log-delivery-write':
      grants.push(groupGrant(LOG_DELIVERY, 'WRITE'), groupGrant(LOG_DELIVERY, 'READ_ACP'));
      break;
    default:
    // private, bucket-owner-read, bucket-owner-full-control, aws-exec-read: the owner (who owns the bucket too).
  }
  return { Owner: owner, Grants: grants };
}

/**
 * The ACL a request sets, or undefined when it names none. Canned ACLs and grant headers together are refused,
 * as is a document beside either; a document must name its owner and valid grantees.
 */
export function aclFromRequest(request: AclRequest, owner: Owner): AccessControlPolicy | undefined {
  const headerGrants = GRANT_HEADERS.filter(([member]) => request[member] !== undefined);
  const document = request.AccessControlPolicy;
  if (request.ACL !== undefined && headerGrants.length > 0) {
    throw new AwsError('InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed', 400);
  }
  if (document && (request.ACL !== undefined || headerGrants.length > 0)) {
    throw new AwsError('UnexpectedContent', 'This request does not support content', 400);
  }
  if (request.ACL !== undefined) return cannedAcl(request.ACL, owner);
  if (headerGrants.length > 0) {
    const grants = headerGrants.flatMap(([member, permission]) =>
      granteesFromHeader(request[member] as string).map((grantee) => ({ Grantee: grantee, Permission: permission })),
    );
    return { Owner: owner, Grants: grants };
  }
  if (!document) return undefined;
  if (!document.Owner?.ID) throw malformedAcl();
  for (const grant of document.Grants ?? []) validateGrant(grant);
  return { Owner: { ...owner, ...document.Owner }, Grants: document.Grants ?? [] };
}

/** `id="...", uri="...", emailAddress="..."` as grantees. */
function granteesFromHeader(header: string): Grantee[] {
  const grantees: Grantee[] = [];
  for (const part of header.split(',')) {
    const match = /^\s*(id|uri|emailAddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(part);
    if (!match) {
      throw new AwsError('InvalidArgument', 'Argument format not recognized', 400, {
        ArgumentName: 'x-amz-grant',
        ArgumentValue: header,
      });
    }
    const [, kind, value] = match as unknown as [string, string, string];
    const grantee: Grantee =
      kind.toLowerCase() === 'id'
        ? { Type: 'CanonicalUser', ID: value }
        : kind.toLowerCase() === 'uri'
          ? { Type: 'Group', URI: value }
          : { Type: 'AmazonCustomerByEmail', EmailAddress: value };
    validateGrantee(grantee);
    grantees.push(grantee);
  }
  return grantees;
}

function validateGrant(grant: Grant): void {
  if (!grant.Grantee || !grant.Permission || !PERMISSIONS.has(grant.Permission)) throw malformedAcl();
  validateGrantee(grant.Grantee);
}

function validateGrantee(grantee: Grantee): void {
  switch (grantee.Type) {
    case 'CanonicalUser':
      if (!grantee.ID || !/^[0-9a-f]{64}$/.test(grantee.ID)) {
        throw new AwsError('InvalidArgument', 'Invalid id', 400, {
          ArgumentName: 'CanonicalUser/ID',
          ArgumentValue: grantee.ID ?? '',
        });
      }
      return;
    case 'Group':
      if (!grantee.URI || !KNOWN_GROUPS.has(grantee.URI)) {
        throw new AwsError('InvalidArgument', 'Invalid group uri', 400, {
          ArgumentName: 'Group/URI',
          ArgumentValue: grantee.URI ?? '',
        });
      }
      return;
    case 'AmazonCustomerByEmail':
      if (!grantee.EmailAddress) throw malformedAcl();
      return;
    default:
      throw malformedAcl();
  }
}

function malformedAcl(): AwsError {
  return new AwsError(
    'MalformedACLError',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
}
