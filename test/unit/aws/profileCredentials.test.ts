// The AWS profile path end to end without AWS: real SDK clients and the SDK's own credential providers, with
// profiles whose endpoint_url is a local cloud; IAM Identity Center and STS (which the local cloud does not serve)
// answered by a stub of those AWS endpoints.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFunctionCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { fromIni } from '@aws-sdk/credential-providers';
import { describeProfile } from '../../../src/core/aws/awsProfiles';
import { clientSettingsFor, resolveProfileBackend } from '../../../src/core/aws/backend';
import { cacheCredentials, innerClientConfig, type AwsCredentials } from '../../../src/core/aws/profileCredentials';
import { parseSharedConfig } from '../../../src/core/aws/sharedConfigFiles';
import { needsSignIn, readSsoToken, signInWithSso, ssoTokenPath } from '../../../src/core/aws/ssoSignIn';
import { clientConfig, echoZip, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { startIdentityStub, type IdentityStub } from '../../support/identityStub';

describe('AWS profiles against a local cloud (real SDK credential providers)', () => {
  let harness: LocalCloudHarness;
  let stub: IdentityStub;
  let home: string;
  const saved = { ...process.env };

  before(async () => {
    harness = await startHarness();
    stub = await startIdentityStub();
    home = mkdtempSync(join(tmpdir(), 'sw-aws-home-'));
    mkdirSync(join(home, '.aws'));
    const processScript = join(home, 'creds.js');
    writeFileSync(
      processScript,
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESS', SecretAccessKey: 's' }));`,
    );
    const local = harness.cloud.endpoint;
    writeFileSync(
      join(home, '.aws', 'config'),
      `[profile static-local]
endpoint_url = ${local}
region = eu-west-1

[profile deployer]
role_arn = arn:aws:iam::111122223333:role/Deployer
source_profile = base
services = local-and-stub

[profile from-process]
credential_process = ${process.execPath} ${processScript}
endpoint_url = ${local}

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = eu-west-1
services = local-and-stub

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1

[services local-and-stub]
lambda =
  endpoint_url = ${local}
sts =
  endpoint_url = ${stub.endpoint}
sso =
  endpoint_url = ${stub.endpoint}
sso_oidc =
  endpoint_url = ${stub.endpoint}
`,
    );
    writeFileSync(
      join(home, '.aws', 'credentials'),
      `[static-local]\naws_access_key_id = test\naws_secret_access_key = test\n\n[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base\n`,
    );
    process.env.HOME = home;
    process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, '.aws', 'credentials');
    for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_ENDPOINT_URL']) {
      delete process.env[name];
    }
    // Each region is its own namespace in the local cloud: the function exists in both regions the profiles use.
    const euWest = new LambdaClient({ ...clientConfig(local), region: 'eu-west-1' });
    for (const client of [harness.lambda, euWest]) {
      await client.send(
        new CreateFunctionCommand({
          FunctionName: 'profile-visible',
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::123456789012:role/x',
          Handler: 'index.handler',
          Code: { ZipFile: echoZip() },
        }),
      );
    }
    euWest.destroy();
  });

  after(async () => {
    process.env = saved;
    await stub.close();
    await harness.stop();
    rmSync(home, { recursive: true, force: true });
  });

  /** The same steps as AwsBackendConnection.clientSettings, with the SDK's fromIni. */
  function lambdaFor(profile: string): { client: LambdaClient; credentials: () => Promise<AwsCredentials> } {
    const config = parseSharedConfigFromDisk();
    const resolution = resolveProfileBackend({ kind: 'aws', profile, region: undefined }, config, process.env);
    const credentials = cacheCredentials(
      fromIni({ profile, ignoreCache: true, clientConfig: innerClientConfig(resolution) }),
    );
    const settings = clientSettingsFor({ kind: 'aws', profile, region: undefined }, undefined, {
      resolution,
      service: 'lambda',
    });
    return { client: new LambdaClient({ ...settings, credentials, maxAttempts: 1 }), credentials };
  }

  function parseSharedConfigFromDisk() {
    return parseSharedConfig(
      readFileSync(process.env.AWS_CONFIG_FILE!, 'utf8'),
      readFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8'),
    );
  }

  async function functionNames(client: LambdaClient): Promise<string[]> {
    const answer = await client.send(new ListFunctionsCommand({}));
    client.destroy();
    return (answer.Functions ?? []).map((fn) => fn.FunctionName!);
  }

  it('calls the local cloud through a profile whose endpoint_url points there', async () => {
    const { client, credentials } = lambdaFor('static-local');
    assert.deepEqual(await functionNames(client), ['profile-visible']);
    assert.equal((await credentials()).accessKeyId, 'test');
  });

  it('runs credential_process', async () => {
    const { client, credentials } = lambdaFor('from-process');
    assert.deepEqual(await functionNames(client), ['profile-visible']);
    assert.equal((await credentials()).accessKeyId, 'AKIAPROCESS');
  });

  it('assumes role_arn with the source_profile keys, through the profile STS endpoint, once per expiry', async () => {
    const { client, credentials } = lambdaFor('deployer');
    assert.deepEqual(await functionNames(client), ['profile-visible']);
    await credentials();
    assert.equal(stub.assumedRoles.length, 1);
    assert.equal(stub.assumedRoles[0]!.roleArn, 'arn:aws:iam::111122223333:role/Deployer');
    assert.equal(stub.assumedRoles[0]!.callerAccessKey, 'AKIABASE');
    assert.equal((await credentials()).accessKeyId, 'ASIAROLE');
  });

  it('signs in to IAM Identity Center, caches the token where the SDK reads it, and gets role credentials', async () => {
    const config = parseSharedConfigFromDisk();
    const summary = describeProfile(config, 'dev')!;
    assert.equal(summary.credentials.kind, 'sso');
    const login = summary.credentials.kind === 'sso' ? summary.credentials.sso : undefined;
    assert.ok(login);
    // Signed out: the SDK fails with the message explainAwsError turns into "sign in".
    await assert.rejects(lambdaFor('dev').credentials(), /SSO session token .* was not found or is invalid/);
    assert.ok(needsSignIn(await readSsoToken(home, login)));

    const oidc = new SSOOIDCClient({ region: login.region, endpoint: stub.endpoint });
    const prompts: string[] = [];
    const expires = await signInWithSso({
      login,
      homeDirectory: home,
      operations: {
        registerClient: (input) => oidc.send(new RegisterClientCommand(input)),
        startDeviceAuthorization: (input) => oidc.send(new StartDeviceAuthorizationCommand(input)),
        createToken: (input) => oidc.send(new CreateTokenCommand(input)),
      },
      onPrompt: (prompt) => prompts.push(prompt.userCode),
      sleep: () => Promise.resolve(),
    });
    oidc.destroy();
    assert.equal(prompts.length, 1);
    assert.ok(expires.getTime() > Date.now());
    assert.ok(ssoTokenPath(home, login).endsWith('.json'));
    assert.equal(needsSignIn(await readSsoToken(home, login)), false);
    assert.deepEqual(
      stub.calls.filter((call) => call.startsWith('POST /t')),
      ['POST /token', 'POST /token'],
      'one AuthorizationPending answer, then the token',
    );

    const { client, credentials } = lambdaFor('dev');
    assert.deepEqual(await functionNames(client), ['profile-visible']);
    assert.equal((await credentials()).accessKeyId, 'ASIASSO111122223333');
  });

  it('reuses the client registration on the next sign-in', async () => {
    const login = {
      startUrl: 'https://corp.awsapps.com/start',
      region: 'eu-central-1',
      sessionName: 'corp',
      scopes: [],
    };
    const registrations = stub.calls.filter((call) => call === 'POST /client/register').length;
    const oidc = new SSOOIDCClient({ region: login.region, endpoint: stub.endpoint });
    await signInWithSso({
      login,
      homeDirectory: home,
      operations: {
        registerClient: (input) => oidc.send(new RegisterClientCommand(input)),
        startDeviceAuthorization: (input) => oidc.send(new StartDeviceAuthorizationCommand(input)),
        createToken: (input) => oidc.send(new CreateTokenCommand(input)),
      },
      onPrompt: () => undefined,
      sleep: () => Promise.resolve(),
    });
    oidc.destroy();
    assert.equal(stub.calls.filter((call) => call === 'POST /client/register').length, registrations);
  });
});

describe('cacheCredentials', () => {
  it('shares one fetch, keeps credentials until five minutes before expiry, and does not cache failures', async () => {
    let now = 0;
    let calls = 0;
    let fail = false;
    const cached = cacheCredentials(
      () => {
        calls++;
        if (fail) return Promise.reject(new Error('expired'));
        return Promise.resolve({
          accessKeyId: `K${calls}`,
          secretAccessKey: 's',
          expiration: new Date(now + 10 * 60_000),
        });
      },
      () => now,
    );
    const [a, b] = await Promise.all([cached(), cached()]);
    assert.equal(calls, 1);
    assert.equal(a, b);
    now += 4 * 60_000;
    assert.equal((await cached()).accessKeyId, 'K1');
    now += 2 * 60_000;
    assert.equal((await cached()).accessKeyId, 'K2');
    now += 10 * 60_000;
    fail = true;
    await assert.rejects(cached(), /expired/);
    fail = false;
    assert.equal((await cached()).accessKeyId, 'K4');
  });
});
