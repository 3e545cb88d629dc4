// The outputs a deploy offers to open and prints: AWS's execute-api URLs as each backend serves them.
import { strict as assert } from 'node:assert';
import { describeOutputs, outputLinks } from '../../../src/core/deploy/deploymentText';
import type { DeploymentOutcome } from '../../../src/core/deploy/stackDeployment';
import { apiUrlContextOf } from '../../../src/core/deployed/apiUrls';

const API = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/Prod/users/';

function outcome(outputs: DeploymentOutcome['outputs']): DeploymentOutcome {
  return { succeeded: true, status: 'CREATE_COMPLETE', outputs } as DeploymentOutcome;
}

const deployed = outcome([
  { key: 'UsersApiUrl', value: API, description: 'Invoke URL' },
  { key: 'Docs', value: 'https://example.com/docs' },
  { key: 'UsersFunctionArn', value: 'arn:aws:lambda:us-east-1:000000000000:function:users' },
  { key: 'Curl', value: `curl ${API}1` },
]);

describe('deploy output links', () => {
  const local = apiUrlContextOf({ kind: 'localCloud' }, { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' });
  const aws = apiUrlContextOf({ kind: 'aws', profile: 'dev', region: 'us-east-1' }, { region: 'us-east-1' });
  const localstack = apiUrlContextOf(
    { kind: 'endpoint', url: 'http://localhost:4566', region: undefined, preset: 'localstack' },
    { endpoint: 'http://localhost:4566', region: 'us-east-1' },
  );

  it('opens the API where the local cloud serves it, other URLs as they are, and no text that is not one URL', () => {
    assert.deepEqual(outputLinks(deployed, local), [
      { key: 'UsersApiUrl', url: 'http://127.0.0.1:4566/_aws/execute-api/a1b2c3d4e5/Prod/users/' },
      { key: 'Docs', url: 'https://example.com/docs' },
    ]);
  });

  it("opens AWS's URL on AWS and LocalStack's host on LocalStack", () => {
    assert.deepEqual(outputLinks(deployed, aws)[0], { key: 'UsersApiUrl', url: API });
    assert.deepEqual(outputLinks(deployed, localstack)[0], {
      key: 'UsersApiUrl',
      url: 'http://a1b2c3d4e5.execute-api.localhost.localstack.cloud:4566/Prod/users/',
    });
  });

  it('prints the stack values, then the URLs that answer on a backend serving them elsewhere', () => {
    const text = describeOutputs(deployed, local);
    assert.match(text, /UsersApiUrl\s+Invoke URL\s+https:\/\/a1b2c3d4e5\.execute-api/, 'the value as the stack has it');
    const served = text.slice(text.indexOf('API URLs as this backend serves them'));
    assert.match(served, /UsersApiUrl\s+http:\/\/127\.0\.0\.1:4566\/_aws\/execute-api\/a1b2c3d4e5\/Prod\/users\/\n/);
    assert.match(served, /Curl\s+curl http:\/\/127\.0\.0\.1:4566\/_aws\/execute-api\/a1b2c3d4e5\/Prod\/users\/1/);
    assert.doesNotMatch(served, /Docs|UsersFunctionArn/);
    assert.doesNotMatch(describeOutputs(deployed, aws), /serves them/, 'AWS answers at the values themselves');
    assert.equal(describeOutputs(outcome([]), local), '');
  });
});
