// IAM's state (roles, managed policies with versions, attachments, inline policies): recorded and returned as IAM
// does, never enforced. One JSON document under <state>/iam/, replaced atomically on every change.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import type { Tag } from '../models/generated/iam';
import { removeTemporaryFiles, writeFileAtomic } from '../state/atomicFile';

/** A role as stored: documents decoded, attachments by policy ARN. */
export interface RoleRecord {
  name: string;
  id: string;
  path: string;
  createDate: number;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundary?: string;
  tags: Tag[];
  attachedPolicyArns: string[];
  inlinePolicies: Record<string, string>;
}

/** One version of a managed policy. */
export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  createDate: number;
}

/** A customer managed policy. */
export interface PolicyRecord {
  name: string;
  id: string;
  arn: string;
  path: string;
  description?: string;
  createDate: number;
  updateDate: number;
  defaultVersionId: string;
  versions: PolicyVersionRecord[];
  nextVersion: number;
  tags: Tag[];
}

interface IamDocument {
  roles: Record<string, RoleRecord>;
  policies: Record<string, PolicyRecord>;
}

const STATE_FILE = 'iam.json';
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM ids: a four-letter prefix naming the kind (AROA role, ANPA policy) and 17 characters. */
export function iamId(prefix: string): string {
  const bytes = randomBytes(17);
  return prefix + [...bytes].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

/** The IAM state of the local cloud's account. */
export class IamStore {
  private readonly file: string;
  private readonly document: IamDocument = { roles: {}, policies: {} };

  constructor(directory: string, logger: Logger) {
    mkdirSync(directory, { recursive: true });
    removeTemporaryFiles(directory);
    this.file = join(directory, STATE_FILE);
    if (existsSync(this.file)) {
      try {
        Object.assign(this.document, JSON.parse(readFileSync(this.file, 'utf8')) as IamDocument);
      } catch (error) {
        logger.warn(`[localcloud] IAM state ${this.file} is unreadable, starting empty: ${String(error)}`);
      }
    }
  }

  /** Role names are unique regardless of case, as in IAM. */
  role(name: string): RoleRecord | undefined {
    return this.document.roles[name.toLowerCase()];
  }

  roles(): RoleRecord[] {
    return Object.values(this.document.roles).sort((a, b) => a.name.localeCompare(b.name));
  }

  policy(arn: string): PolicyRecord | undefined {
    return this.document.policies[arn];
  }

  policies(): PolicyRecord[] {
    return Object.values(this.document.policies).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** How many roles have a policy attached. */
  attachmentCount(arn: string): number {
    return Object.values(this.document.roles).filter((role) => role.attachedPolicyArns.includes(arn)).length;
  }

  saveRole(role: RoleRecord): void {
    this.document.roles[role.name.toLowerCase()] = role;
    this.persist();
  }

  deleteRole(name: string): void {
    delete this.document.roles[name.toLowerCase()];
    this.persist();
  }

  savePolicy(policy: PolicyRecord): void {
    this.document.policies[policy.arn] = policy;
    this.persist();
  }

  deletePolicy(arn: string): void {
    delete this.document.policies[arn];
    this.persist();
  }

  private persist(): void {
    writeFileAtomic(this.file, JSON.stringify(this.document));
  }
}
