// A stand-in for AWS's identity endpoints, which the local cloud does not serve: IAM Identity Center's OIDC
// (device authorization), its portal (GetRoleCredentials) and STS AssumeRole. Wire shapes follow the botocore
// models (sso-oidc and sso are restJson1, sts is awsQuery). Only real AWS endpoints are stubbed, as the team rules say.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface IdentityStub {
  endpoint: string;
  /** Every request, as `METHOD path` (and the STS Action). */
  calls: string[];
  /** The device codes a person has confirmed (by opening the verification URL, or through approve()). */
  approve(userCode?: string): void;
  /** CreateToken answers AuthorizationPendingException this many times before the code counts as confirmed. */
  pendingPolls: number;
  /** The role sessions AssumeRole has issued, with the access key they were called with. */
  assumedRoles: { roleArn: string; sessionName: string; callerAccessKey: string | undefined }[];
  close(): Promise<void>;
}

interface Device {
  userCode: string;
  approved: boolean;
  polls: number;
}

export async function startIdentityStub(): Promise<IdentityStub> {
  const devices = new Map<string, Device>();
  const tokens = new Set<string>();
  const stub: IdentityStub = {
    endpoint: '',
    calls: [],
    pendingPolls: 1,
    assumedRoles: [],
    approve(userCode) {
      for (const device of devices.values()) if (!userCode || device.userCode === userCode) device.approved = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://stub');
      const json = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(value));
      };
      const oidcError = (error: string): void =>
        json(400, { error, error_description: error }, { 'x-amzn-errortype': error });
      stub.calls.push(`${request.method} ${url.pathname}`);
      if (request.method === 'POST' && url.pathname === '/client/register') {
        return json(200, {
          clientId: `client-${randomUUID()}`,
          clientSecret: 'secret',
          clientIdIssuedAt: Math.floor(Date.now() / 1000),
          clientSecretExpiresAt: Math.floor(Date.now() / 1000) + 90 * 86_400,
        });
      }
      if (request.method === 'POST' && url.pathname === '/device_authorization') {
        const deviceCode = randomUUID();
        const userCode = `${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 4)}`.toUpperCase();
        devices.set(deviceCode, { userCode, approved: false, polls: 0 });
        return json(200, {
          deviceCode,
          userCode,
          verificationUri: `${stub.endpoint}/verify`,
          verificationUriComplete: `${stub.endpoint}/verify?user_code=${userCode}`,
          expiresIn: 600,
          interval: 1,
        });
      }
      if (request.method === 'GET' && url.pathname === '/verify') {
        stub.approve(url.searchParams.get('user_code') ?? undefined);
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<p>Request approved</p>');
      }
      if (request.method === 'POST' && url.pathname === '/token') {
        const input = JSON.parse(body || '{}') as { grantType?: string; deviceCode?: string; refreshToken?: string };
        if (input.grantType === 'refresh_token') return json(200, issueToken(tokens));
        const device = devices.get(input.deviceCode ?? '');
        if (!device) return oidcError('InvalidGrantException');
        device.polls++;
        if (!device.approved && device.polls > stub.pendingPolls) device.approved = true;
        if (!device.approved) return oidcError('AuthorizationPendingException');
        return json(200, issueToken(tokens));
      }
      if (request.method === 'GET' && url.pathname === '/federation/credentials') {
        const token = request.headers['x-amz-sso_bearer_token'];
        if (typeof token !== 'string' || !tokens.has(token)) {
          return json(
            401,
            { message: 'Session token not found or invalid' },
            { 'x-amzn-errortype': 'UnauthorizedException' },
          );
        }
        return json(200, {
          roleCredentials: {
            accessKeyId: `ASIASSO${url.searchParams.get('account_id') ?? ''}`,
            secretAccessKey: 'sso-secret',
            sessionToken: 'sso-session-token',
            expiration: Date.now() + 3600_000,
          },
        });
      }
      if (request.method === 'POST' && url.pathname === '/') {
        const form = new URLSearchParams(body);
        stub.calls.push(`STS ${form.get('Action') ?? '?'}`);
        if (form.get('Action') === 'AssumeRole') {
          const roleArn = form.get('RoleArn') ?? '';
          const sessionName = form.get('RoleSessionName') ?? '';
          const callerAccessKey = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
          stub.assumedRoles.push({ roleArn, sessionName, callerAccessKey });
          response.writeHead(200, { 'content-type': 'text/xml' });
          return response.end(assumeRoleXml(roleArn, sessionName));
        }
      }
      json(404, { message: `The identity stub has no ${request.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  stub.endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return stub;
}

function issueToken(tokens: Set<string>): Record<string, unknown> {
  const accessToken = `token-${randomUUID()}`;
  tokens.add(accessToken);
  return { accessToken, tokenType: 'Bearer', expiresIn: 28_800, refreshToken: `refresh-${randomUUID()}` };
}

function assumeRoleXml(roleArn: string, sessionName: string): string {
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>
<SessionToken>role-session-token</SessionToken><Expiration>${expiration}</Expiration></Credentials>
<AssumedRoleUser><Arn>${roleArn.replace(':role/', ':assumed-role/')}/${sessionName}</Arn><AssumedRoleId>AROA:${sessionName}</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
