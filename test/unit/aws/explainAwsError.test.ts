import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { LambdaClient, ListFunctionsCommand, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { clientSettingsFor } from '../../../src/core/aws/backend';
import { explainAwsError } from '../../../src/core/aws/explainAwsError';

/** A port nothing listens on: bind one, then close it. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('explainAwsError', () => {
  it('explains a killed local cloud (a real SDK call to a closed port)', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const client = new LambdaClient({ ...clientSettingsFor({ kind: 'localCloud' }, endpoint), maxAttempts: 1 });
    const failure = await client.send(new ListFunctionsCommand({})).then(
      () => undefined,
      (error: unknown) => error,
    );
    const explained = explainAwsError(failure, 'Listing functions', `local cloud (${endpoint})`);
    assert.equal(explained.code, 'EndpointUnreachable');
    assert.match(explained.message, /Listing functions failed against local cloud/);
    assert.match(explained.hint ?? '', /Start Local Cloud/);
    assert.equal(explained.cause, failure);
  });

  it('explains throttling from the SDK exception class', () => {
    const throttled = new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
    const explained = explainAwsError(throttled, 'Invoking UsersFunction', 'AWS profile dev');
    assert.equal(explained.code, 'Throttled');
    assert.match(explained.message, /Rate exceeded/);
  });

  it('explains expired and rejected credentials without echoing secrets', () => {
    const expired = Object.assign(new Error('The security token included in the request is expired'), {
      name: 'ExpiredTokenException',
    });
    const explained = explainAwsError(expired, 'Listing stacks', 'AWS profile dev');
    assert.equal(explained.code, 'ExpiredCredentials');
    assert.match(explained.hint ?? '', /Sign In to AWS/);
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    assert.equal(explainAwsError(missing, 'Listing stacks', 'AWS').code, 'InvalidCredentials');
  });

  it('asks for an IAM Identity Center sign-in when the SDK finds no SSO token', () => {
    const signedOut = Object.assign(
      new Error(
        'The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      { name: 'CredentialsProviderError' },
    );
    const explained = explainAwsError(signedOut, 'Listing stacks', 'AWS profile dev in eu-west-1');
    assert.equal(explained.code, 'SignInRequired');
    assert.match(explained.hint ?? '', /Sign In to AWS/);
  });

  it('keeps unknown service errors with their name as the code', () => {
    const odd = Object.assign(new Error('odd'), { name: 'ResourceConflictException' });
    assert.equal(explainAwsError(odd, 'Updating', 'AWS').code, 'ResourceConflictException');
  });
});
