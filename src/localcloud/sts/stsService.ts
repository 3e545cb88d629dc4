// STS over awsQuery: GetCallerIdentity (tools call it to check credentials), AssumeRole and GetSessionToken with
// made-up credentials that the local cloud remembers, so the caller identity of an assumed role is that role.
import { randomBytes } from 'node:crypto';
import type { Credentials, StsOperations } from '../models/generated/sts';
import stsModel from '../models/generated/sts.json';
import { createModelService, type ModelService, type RequestContext } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';

export interface StsServiceOptions {
  region: string;
  accountId: string;
}

/** Who a set of issued credentials stands for. */
interface Session {
  arn: string;
  userId: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomText(length: number, alphabet = ALPHABET): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function issueCredentials(durationSeconds: number): Credentials {
  return {
    AccessKeyId: `ASIA${randomText(16)}`,
    SecretAccessKey: randomBytes(30).toString('base64'),
    SessionToken: randomBytes(96).toString('base64'),
    Expiration: new Date(Date.now() + durationSeconds * 1000),
  };
}

/** The access key id the request was signed with (Authorization header or presigned query). */
function accessKeyOf(context: RequestContext): string | undefined {
  const request = context.request;
  if (!request) return undefined;
  const authorization = request.headers.authorization;
  const signed = /Credential=([^/,\s]+)\//.exec(typeof authorization === 'string' ? authorization : '')?.[1];
  return signed ?? request.query.get('X-Amz-Credential')?.split('/')[0];
}

export function createStsService(options: StsServiceOptions): ModelService<StsOperations> {
  const sessions = new Map<string, Session>();
  return createModelService<StsOperations>(
    stsModel as unknown as ServiceModel,
    {
      GetCallerIdentity: (_input, context) => {
        const accessKey = accessKeyOf(context);
        const session = accessKey === undefined ? undefined : sessions.get(accessKey);
        return {
          UserId: session?.userId ?? accessKey ?? 'AKIAIOSFODNN7EXAMPLE',
          Account: context.accountId,
          Arn: session?.arn ?? `arn:aws:iam::${context.accountId}:root`,
        };
      },
      AssumeRole: (input, context) => {
        const credentials = issueCredentials(input.DurationSeconds ?? 3600);
        const roleName = input.RoleArn.slice(input.RoleArn.lastIndexOf('/') + 1);
        const roleId = `AROA${randomText(17)}`;
        const session: Session = {
          arn: `arn:aws:sts::${context.accountId}:assumed-role/${roleName}/${input.RoleSessionName}`,
          userId: `${roleId}:${input.RoleSessionName}`,
        };
        sessions.set(credentials.AccessKeyId, session);
        return {
          Credentials: credentials,
          AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
          PackedPolicySize: 0,
        };
      },
      GetSessionToken: (input, context) => {
        const credentials = issueCredentials(input.DurationSeconds ?? 43200);
        const caller = accessKeyOf(context);
        const inherited = caller === undefined ? undefined : sessions.get(caller);
        sessions.set(
          credentials.AccessKeyId,
          inherited ?? { arn: `arn:aws:iam::${context.accountId}:root`, userId: context.accountId },
        );
        return { Credentials: credentials };
      },
    },
    { region: options.region, accountId: options.accountId },
  );
}
