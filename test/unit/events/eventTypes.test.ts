import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COGNITO_TRIGGER_TYPES } from '../../../src/core/events/cognitoEvents';
import { createEventContext } from '../../../src/core/events/eventContext';
import { readEventOptions } from '../../../src/core/events/eventOptions';
import { EVENT_SOURCES, findEventSource } from '../../../src/core/events/eventSourceCatalog';
import { generateEventsForFunction } from '../../../src/core/events/templateEvents';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { repoRoot } from '../../support/paths';
import { typeCheckEvents, type TypedEvent } from './typeCheckEvents';

/** Option sets that change an event's shape, beyond every source's defaults. */
const VARIATIONS: Array<[string, Record<string, unknown>]> = [
  ['apigateway-rest', { resource: '/a/{id}/{proxy+}', method: 'POST', query: 'x=1&x=2', claims: '{"sub":"u-1"}' }],
  ['apigateway-http', { resource: '/a/{id}', query: 'x=1', cookie: ['a=1'], body: '{"a":1}', stage: 'prod' }],
  ['function-url', { 'auth-type': 'AWS_IAM', path: '/x', body: 'text' }],
  ['function-url', { 'auth-type': 'NONE', query: 'q=1' }],
  ['alb', { 'multi-value': true, query: 'a=1' }],
  ['sqs', { queue: 'jobs.fifo', attributes: '{"kind":"a","n":1}', count: 2 }],
  ['sns', { subject: 'Hi', attributes: '{"kind":"a","n":1,"tags":["x"]}' }],
  ['s3-delete', { key: 'a b.txt' }],
  ['dynamodb-stream', { 'event-name': 'MODIFY', 'new-image': '{"id":"1","list":[1,"a",null,{"m":true}]}' }],
  ['dynamodb-stream', { 'event-name': 'REMOVE' }],
  ['eventbridge-scheduled', { service: 'scheduler' }],
  ['cloudformation-custom-resource', { 'request-type': 'Update', properties: '{"a":1}' }],
  ['cloudformation-custom-resource', { 'request-type': 'Delete' }],
  ['iot', { payload: '{"a":1}', topic: 't/1' }],
  ['config-rule', { trigger: 'periodic' }],
  ['stepfunctions', { 'with-context': true, 'task-token': true }],
  ...Object.keys(COGNITO_TRIGGER_TYPES).map((trigger): [string, Record<string, unknown>] => ['cognito', { trigger }]),
];

function typedEvent(sourceId: string, raw: Record<string, unknown>): TypedEvent {
  const source = findEventSource(sourceId);
  const values = readEventOptions(source, raw);
  return {
    label: `${sourceId} ${JSON.stringify(raw)}`,
    type: source.typeFor(values),
    event: source.generate(values, createEventContext()),
  };
}

describe('generated events type-check against @types/aws-lambda', () => {
  it('compiles every source, every variation and the sample app’s events under strict settings', function () {
    this.timeout(60_000);
    const events = [
      ...EVENT_SOURCES.map((source) => typedEvent(source.id, {})),
      ...VARIATIONS.map(([sourceId, raw]) => typedEvent(sourceId, raw)),
    ];
    const helloSam = parseTemplate(readFileSync(join(repoRoot, 'samples/hello-sam/template.yaml'), 'utf8'));
    for (const logicalId of ['UsersFunction', 'OrderProcessorFunction']) {
      for (const generated of generateEventsForFunction(helloSam, logicalId)) {
        if (generated.eventType)
          events.push({ label: generated.label, type: generated.eventType, event: generated.event });
      }
    }
    assert.ok(events.length >= 60);
    assert.deepEqual(typeCheckEvents(events), []);
  });

  it('reports an event that does not fit its type (so the check above can fail)', function () {
    this.timeout(60_000);
    const sqs = typedEvent('sqs', {});
    const broken = structuredClone(sqs.event) as { Records: Array<Record<string, unknown>> };
    delete broken.Records[0]!.receiptHandle;
    broken.Records[0]!.unexpected = true;
    const errors = typeCheckEvents([{ label: 'broken sqs', type: sqs.type, event: broken }]);
    assert.ok(errors.length > 0);
    assert.ok(errors.every((error) => error.startsWith('broken sqs (SQSEvent): ')));
    assert.match(errors.join('\n'), /unexpected/);
    const wrongTrigger = typedEvent('cognito', { trigger: 'PreSignUp_SignUp' });
    const mislabelled = {
      ...wrongTrigger,
      type: { name: 'PostAuthenticationTriggerEvent', from: 'aws-lambda' as const },
    };
    assert.match(typeCheckEvents([mislabelled]).join('\n'), /"PreSignUp_SignUp"' is not assignable/);
  });
});
