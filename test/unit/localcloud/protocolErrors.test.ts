import { strict as assert } from 'node:assert';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { rawRequest, signedFor } from '../../support/rawHttp';

function errorType(body: string): string | undefined {
  return (JSON.parse(body) as { __type?: string }).__type;
}

const logsHeaders = (operation: string) => ({
  ...signedFor('logs'),
  'Content-Type': 'application/x-amz-json-1.1',
  'X-Amz-Target': `Logs_20140328.${operation}`,
});

describe('local cloud: protocol errors', () => {
  let harness: LocalCloudHarness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.stop());

  function assertNoStackTrace(body: string): void {
    assert.doesNotMatch(body, /\n\s+at |node:internal|\.ts:\d+/);
  }

  it('answers malformed Logs bodies with SerializationException', async () => {
    const response = await rawRequest(
      harness.cloud.endpoint,
      'POST',
      '/',
      logsHeaders('DescribeLogGroups'),
      '{"limit": ',
    );
    assert.equal(response.status, 400);
    assert.equal(errorType(response.body), 'SerializationException');
    const array = await rawRequest(harness.cloud.endpoint, 'POST', '/', logsHeaders('DescribeLogGroups'), '[1,2]');
    assert.equal(errorType(array.body), 'SerializationException');
    const wrongType = await rawRequest(
      harness.cloud.endpoint,
      'POST',
      '/',
      logsHeaders('DescribeLogGroups'),
      '{"limit":"ten"}',
    );
    assert.equal(errorType(wrongType.body), 'InvalidParameterException');
  });

  it('answers unknown Logs operations with UnknownOperationException', async () => {
    const response = await rawRequest(harness.cloud.endpoint, 'POST', '/', logsHeaders('MakeCoffee'), '{}');
    assert.equal(response.status, 400);
    assert.equal(errorType(response.body), 'UnknownOperationException');
    const inherited = await rawRequest(harness.cloud.endpoint, 'POST', '/', logsHeaders('constructor'), '{}');
    assert.equal(errorType(inherited.body), 'UnknownOperationException');
    const get = await rawRequest(harness.cloud.endpoint, 'GET', '/', logsHeaders('DescribeLogGroups'));
    assert.equal(errorType(get.body), 'UnknownOperationException');
  });

  it('answers malformed Lambda bodies, unknown paths and wrong methods in restJson shape', async () => {
    const malformed = await rawRequest(
      harness.cloud.endpoint,
      'POST',
      '/2015-03-31/functions',
      { ...signedFor('lambda'), 'Content-Type': 'application/json' },
      '{"FunctionName":',
    );
    assert.equal(malformed.status, 400);
    assert.equal(malformed.headers['x-amzn-errortype'], 'InvalidRequestContentException');
    assert.equal((JSON.parse(malformed.body) as { Type?: string }).Type, 'User');
    const unknown = await rawRequest(harness.cloud.endpoint, 'GET', '/2015-03-31/teapots', signedFor('lambda'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers['x-amzn-errortype'], 'UnknownOperationException');
    const wrongMethod = await rawRequest(
      harness.cloud.endpoint,
      'PATCH',
      '/2015-03-31/functions/f/aliases',
      signedFor('lambda'),
    );
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers['x-amzn-errortype'], 'MethodNotAllowedException');
    const badEncoding = await rawRequest(
      harness.cloud.endpoint,
      'GET',
      '/2015-03-31/functions/%E0%A4%A',
      signedFor('lambda'),
    );
    assert.equal(badEncoding.status, 400);
    for (const response of [malformed, unknown, wrongMethod, badEncoding]) assertNoStackTrace(response.body);
  });

  it('answers S3 errors as XML documents', async () => {
    const malformed = await rawRequest(
      harness.cloud.endpoint,
      'PUT',
      '/xml-bucket',
      signedFor('s3'),
      '<CreateBucketConfiguration><Loc',
    );
    assert.equal(malformed.status, 400);
    assert.match(malformed.body, /<Code>MalformedXML<\/Code>/);
    const wrongMethod = await rawRequest(harness.cloud.endpoint, 'POST', '/xml-bucket/key', signedFor('s3'), 'x');
    assert.equal(wrongMethod.status, 405);
    assert.match(wrongMethod.body, /<Code>MethodNotAllowed<\/Code>/);
    const badUri = await rawRequest(harness.cloud.endpoint, 'GET', '/xml-bucket/%E0%A4%A', signedFor('s3'));
    assert.match(badUri.body, /<Code>InvalidURI<\/Code>/);
    const created = await rawRequest(harness.cloud.endpoint, 'PUT', '/xml-bucket', signedFor('s3'));
    assert.equal(created.status, 200);
    const incomplete = await rawRequest(
      harness.cloud.endpoint,
      'PUT',
      '/xml-bucket/k',
      { ...signedFor('s3'), 'Content-Encoding': 'aws-chunked' },
      'ff\r\nshort',
    );
    assert.match(incomplete.body, /<Code>IncompleteBody<\/Code>/);
    for (const response of [malformed, wrongMethod, badUri, incomplete]) assertNoStackTrace(response.body);
  });

  it('routes by credential scope, then X-Amz-Target, then path', async () => {
    const unsignedLogs = await rawRequest(
      harness.cloud.endpoint,
      'POST',
      '/',
      { 'X-Amz-Target': 'Logs_20140328.DescribeLogGroups' },
      '{}',
    );
    assert.deepEqual(JSON.parse(unsignedLogs.body), { logGroups: [] });
    const unsignedLambda = await rawRequest(harness.cloud.endpoint, 'GET', '/2015-03-31/functions/');
    assert.deepEqual(JSON.parse(unsignedLambda.body), { Functions: [] });
    const unsignedSqs = await rawRequest(
      harness.cloud.endpoint,
      'POST',
      '/',
      { 'X-Amz-Target': 'AmazonSQS.ListQueues', 'Content-Type': 'application/x-amz-json-1.0' },
      '{}',
    );
    assert.deepEqual(JSON.parse(unsignedSqs.body), {});
    const unknownService = await rawRequest(harness.cloud.endpoint, 'POST', '/', signedFor('dynamodb'), '{}');
    assert.equal(unknownService.status, 400);
    assert.equal(errorType(unknownService.body), 'UnknownOperationException');
    const health = await rawRequest(harness.cloud.endpoint, 'GET', '/_localcloud/health');
    assert.deepEqual(JSON.parse(health.body), {
      status: 'ready',
      services: [
        'logs',
        's3',
        'lambda',
        'cloudformation',
        'codedeploy',
        'monitoring',
        'apigateway',
        'sts',
        'iam',
        'sqs',
        'sns',
      ],
      pid: process.pid,
    });
  });
});
