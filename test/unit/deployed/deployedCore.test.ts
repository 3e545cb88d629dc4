import { strict as assert } from 'node:assert';
import { describeAliasTarget, formatPercent, isShifting, shiftTraffic } from '../../../src/core/deployed/aliasRouting';
import { apiInvokeUrl, backendApiUrls, hostStyleLocalUrl, pickStage } from '../../../src/core/deployed/apiUrls';
import { formatAge, formatBytes, parseLambdaTimestamp } from '../../../src/core/deployed/displayFormats';
import { groupStackResources, shortResourceType } from '../../../src/core/deployed/resourceGroups';
import { isStackMoving, LIVE_STACK_STATUSES, stackHealth } from '../../../src/core/deployed/stackStatus';

describe('Deployed tree, pure parts', () => {
  it('says where an alias sends traffic', () => {
    assert.equal(describeAliasTarget({ name: 'live', functionVersion: '3' }), '3');
    assert.equal(
      describeAliasTarget({ name: 'live', functionVersion: '3', additionalVersionWeights: { '4': 0.1 } }),
      '3 (90 %), 4 (10 %)',
    );
    assert.equal(
      describeAliasTarget({ name: 'live', functionVersion: '3', additionalVersionWeights: { '4': 0.055 } }),
      '3 (94.5 %), 4 (5.5 %)',
    );
    assert.equal(isShifting({ name: 'live', functionVersion: '3', additionalVersionWeights: {} }), false);
    assert.equal(formatPercent(0.333333), '33.3 %');
  });

  it('builds UpdateAlias input for a traffic shift, with Lambda rules', () => {
    assert.deepEqual(shiftTraffic('3', '4', 10), {
      FunctionVersion: '3',
      RoutingConfig: { AdditionalVersionWeights: { '4': 0.1 } },
    });
    assert.deepEqual(shiftTraffic('3', '4', 100), {
      FunctionVersion: '4',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    assert.deepEqual(shiftTraffic('3', '4', 0), {
      FunctionVersion: '3',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    assert.throws(() => shiftTraffic('3', '$LATEST', 10), /published versions/);
    assert.throws(() => shiftTraffic('3', '4', 120), /between 0 and 100/);
  });

  it('makes API URLs per backend and finds the stage SAM made', () => {
    const aws = { endpoint: undefined, region: 'eu-west-1', localstack: false };
    assert.equal(
      apiInvokeUrl(aws, 'abc123', 'Prod', 'rest'),
      'https://abc123.execute-api.eu-west-1.amazonaws.com/Prod/',
    );
    assert.equal(apiInvokeUrl(aws, 'h1', '$default', 'http'), 'https://h1.execute-api.eu-west-1.amazonaws.com/');
    const localstack = { endpoint: 'http://localhost:4566', region: 'us-east-1', localstack: true };
    assert.equal(
      apiInvokeUrl(localstack, 'abc', 'Prod', 'rest'),
      'http://abc.execute-api.localhost.localstack.cloud:4566/Prod/',
    );
    const local = { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', localstack: false };
    assert.equal(apiInvokeUrl(local, 'abc', 'Prod', 'rest'), 'http://127.0.0.1:4566/_aws/execute-api/abc/Prod/');
    const stages = [
      { logicalId: 'ServerlessRestApiStage', physicalId: 'Stage' },
      { logicalId: 'ServerlessRestApiProdStage', physicalId: 'Prod' },
      { logicalId: 'OtherApiDevStage', physicalId: 'dev' },
    ];
    assert.equal(pickStage('rest', 'ServerlessRestApi', stages), 'Prod');
    assert.equal(pickStage('rest', 'OtherApi', stages), 'dev');
    assert.equal(pickStage('http', 'ServerlessHttpApi', []), '$default');
  });

  it("turns AWS's execute-api URLs in stack outputs into where the backend serves them", () => {
    const output = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/Prod/users/';
    const aws = { endpoint: undefined, region: 'us-east-1', localstack: false };
    assert.equal(backendApiUrls(aws, output), output, 'AWS serves what the stack says');
    const local = { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', localstack: false, localCloud: true };
    const localUrl = backendApiUrls(local, output);
    assert.equal(localUrl, 'http://127.0.0.1:4566/_aws/execute-api/a1b2c3d4e5/Prod/users/');
    assert.equal(hostStyleLocalUrl(local, localUrl), 'http://a1b2c3d4e5.execute-api.localhost:4566/Prod/users/');
    // An HTTP API's $default stage is at the root; other regions, partitions and :443 are AWS's too.
    assert.equal(
      backendApiUrls(local, 'https://h1.execute-api.eu-central-1.amazonaws.com'),
      'http://127.0.0.1:4566/_aws/execute-api/h1/',
    );
    assert.equal(
      backendApiUrls(local, 'https://h1.execute-api.cn-north-1.amazonaws.com.cn:443/v1?q=1'),
      'http://127.0.0.1:4566/_aws/execute-api/h1/v1?q=1',
    );
    assert.equal(
      backendApiUrls(local, 'https://g1.execute-api.us-gov-west-1.amazonaws.com/dev/'),
      'http://127.0.0.1:4566/_aws/execute-api/g1/dev/',
    );
    // Every URL of a text, the rest kept; other URLs (WebSocket APIs, S3, function URLs) left alone.
    assert.equal(
      backendApiUrls(local, `curl "${output}1" then https://x9.execute-api.us-east-1.amazonaws.com/v2/a`),
      'curl "http://127.0.0.1:4566/_aws/execute-api/a1b2c3d4e5/Prod/users/1" then ' +
        'http://127.0.0.1:4566/_aws/execute-api/x9/v2/a',
    );
    for (const other of [
      'wss://w1.execute-api.us-east-1.amazonaws.com/prod',
      'https://bucket.s3.amazonaws.com/key',
      'https://abc.lambda-url.us-east-1.on.aws/',
      'https://example.com/a1.execute-api.us-east-1.amazonaws.com',
      'sqs queue',
    ]) {
      assert.equal(backendApiUrls(local, other), other);
    }
    const localstack = { endpoint: 'http://localhost:4566', region: 'us-east-1', localstack: true };
    assert.equal(
      backendApiUrls(localstack, output),
      'http://a1b2c3d4e5.execute-api.localhost.localstack.cloud:4566/Prod/users/',
    );
    assert.equal(hostStyleLocalUrl(localstack, 'http://localhost:4566/_aws/execute-api/a/b/'), undefined);
    // An AWS profile whose endpoint_url is some endpoint: path-style, as LocalStack also answers.
    const endpoint = { endpoint: 'http://10.0.0.5:8080/', region: 'us-east-1', localstack: false };
    assert.equal(backendApiUrls(endpoint, output), 'http://10.0.0.5:8080/_aws/execute-api/a1b2c3d4e5/Prod/users/');
    assert.equal(hostStyleLocalUrl(endpoint, backendApiUrls(endpoint, output)), undefined);
    assert.equal(hostStyleLocalUrl(local, 'https://example.com/'), undefined);
  });

  it('groups stack resources by kind, functions first', () => {
    const groups = groupStackResources([
      { logicalId: 'Role', physicalId: 'r', type: 'AWS::IAM::Role', status: 'CREATE_COMPLETE' },
      { logicalId: 'Queue', physicalId: 'q', type: 'AWS::SQS::Queue', status: 'CREATE_COMPLETE' },
      { logicalId: 'B', physicalId: 'b', type: 'AWS::Lambda::Function', status: 'CREATE_COMPLETE' },
      { logicalId: 'A', physicalId: 'a', type: 'AWS::Lambda::Function', status: 'CREATE_COMPLETE' },
      { logicalId: 'Api', physicalId: 'x', type: 'AWS::ApiGateway::RestApi', status: 'CREATE_COMPLETE' },
    ]);
    assert.deepEqual(
      groups.map((group) => [group.label, group.resources.map((resource) => resource.logicalId)]),
      [
        ['Functions', ['A', 'B']],
        ['APIs', ['Api']],
        ['Queues', ['Queue']],
        ['Other resources', ['Role']],
      ],
    );
    assert.equal(shortResourceType('AWS::SQS::Queue'), 'SQS Queue');
  });

  it('knows which stack statuses move and lists every status but deleted', () => {
    assert.equal(stackHealth('UPDATE_ROLLBACK_COMPLETE'), 'rolledBack');
    assert.equal(stackHealth('CREATE_FAILED'), 'failed');
    assert.equal(stackHealth('UPDATE_COMPLETE'), 'complete');
    assert.ok(isStackMoving('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'));
    assert.equal(isStackMoving('REVIEW_IN_PROGRESS'), false);
    assert.ok(!LIVE_STACK_STATUSES.includes('DELETE_COMPLETE' as never));
  });

  it('formats sizes, ages and Lambda timestamps', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(5 * 1024 * 1024), '5 MB');
    const now = Date.parse('2026-03-01T12:00:00Z');
    assert.equal(formatAge(new Date(now - 10_000), now), 'just now');
    assert.equal(formatAge(new Date(now - 5 * 60_000), now), '5 min ago');
    assert.equal(formatAge(new Date(now - 3 * 3600_000), now), '3 h ago');
    assert.equal(formatAge(new Date(now - 86_400_000), now), '1 day ago');
    assert.equal(parseLambdaTimestamp('2026-01-01T00:00:00.000+0000')?.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(parseLambdaTimestamp('nonsense'), undefined);
  });
});
