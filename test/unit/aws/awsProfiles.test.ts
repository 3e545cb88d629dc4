import { strict as assert } from 'node:assert';
import { describeCredentials, describeProfile } from '../../../src/core/aws/awsProfiles';
import { resolveProfileBackend } from '../../../src/core/aws/backend';
import { isLoopbackEndpoint, resolveServiceEndpoint } from '../../../src/core/aws/serviceEndpoints';
import { parseIni, parseSharedConfig, profileNames } from '../../../src/core/aws/sharedConfigFiles';

const CONFIG = `
# a comment
[default]
region = us-west-2 ; inline comment
s3 =
  addressing_style = path
output = json

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = eu-west-1

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 444455556666
sso_role_name = ReadOnly

[profile deployer]
role_arn = arn:aws:iam::111122223333:role/Deployer
source_profile = base
services = local

[profile "quoted"]
credential_process = /usr/local/bin/creds --json

[profile local]
endpoint_url = http://127.0.0.1:4566
aws_access_key_id = ignored-here

[profile loop-a]
role_arn = arn:aws:iam::1:role/A
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::1:role/B
source_profile = loop-a

[profile broken]
sso_session = missing

[not-a-profile]
region = ap-south-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1
sso_registration_scopes = sso:account:access, codewhisperer:completions

[services local]
lambda =
  endpoint_url = http://127.0.0.1:4566
cloudwatch_logs =
  endpoint_url = http://127.0.0.1:4567
`;

const CREDENTIALS = `
[base]
aws_access_key_id = AKIABASE
aws_secret_access_key = base-secret

[local]
aws_secret_access_key = test
aws_access_key_id = test
`;

describe('AWS shared config files', () => {
  const config = parseSharedConfig(CONFIG, CREDENTIALS);

  it('parses sections, nested settings and comments like the SDK', () => {
    const sections = parseIni(CONFIG);
    assert.deepEqual(sections.get('default'), { region: 'us-west-2', 's3.addressing_style': 'path', output: 'json' });
    assert.equal(sections.get('profile quoted')?.['credential_process'], '/usr/local/bin/creds --json');
    assert.deepEqual(sections.get('services local'), {
      'lambda.endpoint_url': 'http://127.0.0.1:4566',
      'cloudwatch_logs.endpoint_url': 'http://127.0.0.1:4567',
    });
  });

  it('merges both files, the credentials file winning, and ignores unprefixed config sections', () => {
    assert.deepEqual(profileNames(config), [
      'default',
      'base',
      'broken',
      'deployer',
      'dev',
      'legacy-sso',
      'local',
      'loop-a',
      'loop-b',
      'quoted',
    ]);
    const local = config.profiles.get('local')!;
    assert.equal(local.properties['aws_access_key_id'], 'test');
    assert.ok(local.inConfigFile && local.inCredentialsFile);
    assert.equal(config.profiles.has('not-a-profile'), false);
  });

  it('describes where each profile gets credentials', () => {
    const kinds = Object.fromEntries(profileNames(config).map((name) => [name, describeProfile(config, name)!]));
    assert.deepEqual(kinds['dev']!.credentials, {
      kind: 'sso',
      sso: {
        startUrl: 'https://corp.awsapps.com/start',
        region: 'eu-central-1',
        sessionName: 'corp',
        scopes: ['sso:account:access', 'codewhisperer:completions'],
      },
      accountId: '111122223333',
      roleName: 'Developer',
    });
    assert.equal(kinds['legacy-sso']!.credentials.kind, 'sso');
    assert.equal(kinds['deployer']!.credentials.kind, 'assumeRole');
    assert.deepEqual(kinds['deployer']!.problems, []);
    assert.deepEqual(kinds['quoted']!.credentials, { kind: 'process', command: '/usr/local/bin/creds --json' });
    assert.deepEqual(kinds['base']!.credentials, { kind: 'static', sessionToken: false });
    assert.match(kinds['loop-a']!.problems.join(), /loops back to loop-a/);
    assert.match(kinds['broken']!.problems.join(), /\[sso-session missing\] is not in the config file/);
    assert.equal(describeCredentials(kinds['dev']!.credentials), 'IAM Identity Center 111122223333/Developer');
  });

  it('resolves per-service endpoints: environment, then services section, then the profile', () => {
    assert.deepEqual(resolveServiceEndpoint(config, 'deployer', 'lambda', {}), {
      url: 'http://127.0.0.1:4566',
      source: 'services section',
    });
    assert.equal(resolveServiceEndpoint(config, 'deployer', 'logs', {})?.url, 'http://127.0.0.1:4567');
    assert.equal(resolveServiceEndpoint(config, 'deployer', 's3', {}), undefined);
    assert.deepEqual(resolveServiceEndpoint(config, 'local', 's3', {}), {
      url: 'http://127.0.0.1:4566',
      source: 'profile',
    });
    const environment = { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://logs.test', AWS_ENDPOINT_URL: 'http://all.test' };
    assert.equal(resolveServiceEndpoint(config, 'deployer', 'logs', environment)?.url, 'http://logs.test');
    assert.equal(resolveServiceEndpoint(config, 'deployer', 'lambda', environment)?.url, 'http://all.test');
    assert.equal(
      resolveServiceEndpoint(config, 'local', 'lambda', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }),
      undefined,
    );
  });

  it('resolves profile and region in the SDK order', () => {
    const dev = resolveProfileBackend({ kind: 'aws', profile: 'dev', region: undefined }, config, {});
    assert.equal(dev.region, 'eu-west-1');
    assert.equal(dev.regionSource, 'profile');
    const fromEnvironment = resolveProfileBackend({ kind: 'aws', profile: undefined, region: undefined }, config, {
      AWS_PROFILE: 'dev',
      AWS_REGION: 'ap-northeast-1',
    });
    assert.equal(fromEnvironment.profileName, 'dev');
    assert.equal(fromEnvironment.region, 'ap-northeast-1');
    const explicit = resolveProfileBackend({ kind: 'aws', profile: 'deployer', region: 'sa-east-1' }, config, {});
    assert.equal(explicit.region, 'sa-east-1');
    assert.equal(explicit.regionSource, 'setting');
    const unknown = resolveProfileBackend({ kind: 'aws', profile: 'nobody', region: undefined }, config, {});
    assert.equal(unknown.summary, undefined);
    assert.equal(unknown.region, 'us-east-1');
  });

  it('knows endpoints on this machine', () => {
    assert.ok(isLoopbackEndpoint('http://127.0.0.1:4566'));
    assert.ok(isLoopbackEndpoint('http://localhost:4566'));
    assert.ok(isLoopbackEndpoint('http://s3.localhost.localstack.cloud:4566'));
    assert.equal(isLoopbackEndpoint('https://lambda.us-east-1.amazonaws.com'), false);
    assert.equal(isLoopbackEndpoint('not a url'), false);
  });
});
