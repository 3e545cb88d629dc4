import { strict as assert } from 'node:assert';
import lambdaModelJson from '../../../../src/localcloud/models/generated/lambda.json';
import logsModelJson from '../../../../src/localcloud/models/generated/logs.json';
import type { ServiceModel } from '../../../../src/localcloud/protocol/serviceModel';
import {
  compilePattern,
  validateShape,
  validationMessage,
  type Violation,
} from '../../../../src/localcloud/protocol/shapeValidation';

const logsModel = logsModelJson as unknown as ServiceModel;

function violationsOf(shapeName: string, value: unknown): Violation[] {
  const out: Violation[] = [];
  validateShape(logsModel, logsModel.shapes[shapeName]!, value, '', out);
  return out;
}

describe('protocol engine: member validation', () => {
  it('words one violation as AWS does', () => {
    const out = violationsOf('FilterLogEventsRequest', { logGroupName: 'g', limit: 10001 });
    assert.equal(
      validationMessage(out),
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
  });

  it('joins several violations with "; " and counts them', () => {
    const out = violationsOf('PutLogEventsRequest', { logGroupName: 'bad name', logEvents: [] });
    assert.equal(
      validationMessage(out),
      "3 validation errors detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null; " +
        "Value 'bad name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+; " +
        "Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('names list members by 1-based index, nested members in lower camel case', () => {
    const out = violationsOf('PutLogEventsRequest', {
      logGroupName: 'g',
      logStreamName: 's',
      logEvents: [{ timestamp: 1, message: 'ok' }, { timestamp: 2 }],
    });
    assert.deepEqual(
      out.map((violation) => violation.path),
      ['logEvents.2.member.message'],
    );
  });

  it('checks enums and map keys', () => {
    const enumOut = violationsOf('DescribeLogStreamsRequest', { orderBy: 'Size' });
    assert.equal(enumOut[0]?.constraint, 'Member must satisfy enum value set: [LogStreamName, LastEventTime]');
    const mapOut = violationsOf('CreateLogGroupRequest', { logGroupName: 'g', tags: { '': 'v' } });
    assert.equal(mapOut.length, 1);
    assert.match(
      mapOut[0]!.constraint,
      /^Map keys must satisfy constraint: \[Member must have length greater than or equal to 1/,
    );
  });

  it('leaves the value of a sensitive shape out, as AWS does for environment variables', () => {
    const lambdaModel = lambdaModelJson as unknown as ServiceModel;
    const out: Violation[] = [];
    validateShape(lambdaModel, lambdaModel.shapes['Environment']!, { Variables: { V: 'secret' } }, 'environment', out);
    assert.equal(
      validationMessage(out),
      "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: " +
        'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]',
    );
  });

  it('anchors Java patterns to the whole value and skips what JavaScript cannot express', () => {
    assert.equal(compilePattern('[a-z]+')?.test('abc'), true);
    assert.equal(compilePattern('[a-z]+')?.test('abc!'), false);
    assert.equal(compilePattern('[\\p{L}\\p{Z}]*')?.test('héllo wörld'), true);
    assert.equal(compilePattern('a++b(?'), null);
  });
});
