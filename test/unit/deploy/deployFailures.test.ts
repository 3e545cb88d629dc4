// Deploy and code sync when the backend cannot serve them: an endpoint that does not answer, and endpoints that
// answer as AWS does for expired credentials, throttling and a bucket the credentials may not write to (stand-ins
// for AWS itself: each service's own error shape, as the SDK's parsers expect). Each must end with exit 1 and an
// explanation that says what to do.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';
import { runCliIn } from './cliRunner';

const EXPIRED_MESSAGE = 'The security token included in the request is expired';

/** Answers like AWS does when the signing credentials have expired, in the protocol of the signed service. */
function answerExpired(request: IncomingMessage, response: ServerResponse): void {
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
  request.resume();
  if (service === 's3') {
    // S3 gives HEAD requests no body; its other errors are <Error><Code>.
    response.writeHead(400, { 'content-type': 'application/xml' });
    response.end(
      request.method === 'HEAD'
        ? undefined
        : `<Error><Code>ExpiredToken</Code><Message>${EXPIRED_MESSAGE}</Message></Error>`,
    );
    return;
  }
  if (service === 'lambda') {
    response.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'ExpiredTokenException' });
    response.end(JSON.stringify({ message: EXPIRED_MESSAGE }));
    return;
  }
  response.writeHead(400, { 'content-type': 'text/xml' });
  response.end(
    `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>` +
      `<Code>ExpiredToken</Code><Message>${EXPIRED_MESSAGE}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
  );
}

/** Answers like AWS does when it throttles: S3's 503 SlowDown, CloudFormation's and Lambda's 400 Throttling. */
function answerThrottled(request: IncomingMessage, response: ServerResponse): void {
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
  request.resume();
  if (service === 's3') {
    response.writeHead(503, { 'content-type': 'application/xml' });
    response.end(
      request.method === 'HEAD'
        ? undefined
        : '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
    );
    return;
  }
  if (service === 'lambda') {
    response.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
    response.end(JSON.stringify({ message: 'Rate exceeded', Reason: 'CallerRateLimitExceeded' }));
    return;
  }
  response.writeHead(400, { 'content-type': 'text/xml' });
  response.end(
    '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>' +
      '<RequestId>1</RequestId></ErrorResponse>',
  );
}

/** S3 as AWS answers credentials without s3:PutObject on the bucket: HEAD 403 without a body, PUT AccessDenied. */
function answerDenied(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  response.writeHead(403, { 'content-type': 'application/xml' });
  response.end(
    request.method === 'HEAD' ? undefined : '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
  );
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }),
  );
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createTcpServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('serverless-workbench deploy and sync when the backend fails', function () {
  this.timeout(60000);
  let project: string;
  let expired: Server;
  let expiredEndpoint: string;
  let throttled: Server;
  let denied: Server;
  before(async () => {
    project = mkdtempSync(join(tmpdir(), 'sw-deploy-failures-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
    expired = createServer(answerExpired);
    expiredEndpoint = await listen(expired);
    throttled = createServer(answerThrottled);
    denied = createServer(answerDenied);
  });
  after(async () => {
    for (const server of [expired, throttled, denied]) await new Promise((resolve) => server.close(resolve));
    rmSync(project, { recursive: true, force: true });
  });

  it('explains an endpoint that does not answer', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const deploy = await runCliIn(project, ['deploy', '--endpoint-url', endpoint, '--stack-name', 'down']);
    assert.equal(deploy.code, 1, deploy.stdout + deploy.stderr);
    assert.match(deploy.stderr, new RegExp(`failed against endpoint ${endpoint}.*did not answer \\(ECONNREFUSED\\)`));
    assert.match(deploy.stderr, /Hint: Check the network and the endpoint/);
    const sync = await runCliIn(project, ['sync', '--code', '--endpoint-url', endpoint, '--stack-name', 'down']);
    assert.equal(sync.code, 1, sync.stdout + sync.stderr);
    assert.match(sync.stderr, /did not answer \(ECONNREFUSED\)/);
  });

  it('explains expired credentials, for deploy and for code sync', async () => {
    const deploy = await runCliIn(project, ['deploy', '--endpoint-url', expiredEndpoint, '--stack-name', 'old']);
    assert.equal(deploy.code, 1, deploy.stdout + deploy.stderr);
    assert.match(deploy.stderr, /the credentials have expired/);
    assert.match(deploy.stderr, /Hint: Refresh them/);
    const sync = await runCliIn(project, ['sync', '--code', '--endpoint-url', expiredEndpoint, '--stack-name', 'old']);
    assert.equal(sync.code, 1, sync.stdout + sync.stderr);
    assert.match(sync.stderr, /the credentials have expired/);
  });

  it('explains throttling once the SDK has retried, for deploy and for code sync', async () => {
    const endpoint = await listen(throttled);
    const deploy = await runCliIn(project, ['deploy', '--endpoint-url', endpoint, '--stack-name', 'busy']);
    assert.equal(deploy.code, 1, deploy.stdout + deploy.stderr);
    assert.match(deploy.stderr, /is throttling requests/);
    assert.match(deploy.stderr, /Hint: The SDK already retried with back-off; wait a little and try again/);
    const sync = await runCliIn(project, ['sync', '--code', '--endpoint-url', endpoint, '--stack-name', 'busy']);
    assert.equal(sync.code, 1, sync.stdout + sync.stderr);
    assert.match(sync.stderr, /is throttling requests/);
  });

  it('names the bucket and the permission when the credentials may not write to --s3-bucket', async () => {
    const endpoint = await listen(denied);
    const deploy = await runCliIn(project, [
      'deploy',
      '--endpoint-url',
      endpoint,
      '--stack-name',
      'locked',
      '--s3-bucket',
      'someone-elses-bucket',
    ]);
    assert.equal(deploy.code, 1, deploy.stdout + deploy.stderr);
    assert.match(deploy.stderr, /Uploading to the S3 bucket someone-elses-bucket was refused \(access denied\)/);
    assert.match(deploy.stderr, /Hint: The credentials need s3:PutObject on arn:aws:s3:::someone-elses-bucket\/\*/);
  });
});
