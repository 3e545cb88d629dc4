// Template-aware events for the sample app and for every function of the corpus: well-formed and type-checked.
import { strict as assert } from 'node:assert';
import type { APIGatewayProxyEvent, SQSEvent } from 'aws-lambda';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateEventForSource,
  generateEventsForFunction,
  listEventSources,
} from '../../../src/core/events/templateEvents';
import { WorkbenchError } from '../../../src/core/errors';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { listFunctions } from '../../../src/core/template/templateResources';
import { corpusDir, corpusManifest } from '../../support/paths';
import { NOW, eventsOf, helloSam, only } from './templateEventFixtures';
import { typeCheckEvents, type TypedEvent } from './typeCheckEvents';
import { assertWellFormed } from './wellFormedEvent';

describe('template-aware events', () => {
  describe('the sample app', () => {
    it('turns Api GET /users/{id} into a REST event on the Prod stage of ServerlessRestApi', () => {
      const sources = listEventSources(helloSam, 'UsersFunction');
      assert.deepEqual(
        sources.map((source) => source.label),
        ['GetUser (Api GET /users/{id})'],
      );
      const { event, sourceId, eventType } = only<APIGatewayProxyEvent>(helloSam, 'UsersFunction', 'GetUser');
      assert.equal(sourceId, 'apigateway-rest');
      assert.deepEqual(eventType, { name: 'APIGatewayProxyEvent', from: 'aws-lambda' });
      assert.equal(event.httpMethod, 'GET');
      assert.equal(event.resource, '/users/{id}');
      assert.match(event.path, /^\/users\/[^/{}]+$/);
      assert.equal(event.path, `/users/${event.pathParameters?.id}`);
      assert.equal(event.requestContext.stage, 'Prod');
      assert.equal(event.requestContext.resourcePath, '/users/{id}');
      assertWellFormed('apigateway-rest', event);
    });

    it('gives the SQS event the OrdersQueue ARN and the schedule its Input', () => {
      const events = eventsOf(helloSam, 'OrderProcessorFunction');
      const sqs = events.get('OrdersFromQueue')?.event as SQSEvent;
      const arn = sqs.Records[0]?.eventSourceARN ?? '';
      assert.match(arn, /^arn:aws:sqs:us-east-1:123456789012:sam-app-OrdersQueue-[A-Z0-9]{12}$/);
      const schedule = events.get('NightlySummary');
      assert.deepEqual(schedule?.event, { summary: true });
      assert.equal(schedule?.label, 'NightlySummary (Schedule cron(0 2 * * ? *))');
    });

    it('names resources after the stack and region it is given', () => {
      const sqs = generateEventForSource(helloSam, 'OrderProcessorFunction', 'OrdersFromQueue', {
        stackName: 'hello-sam',
        region: 'eu-central-1',
      }).event as SQSEvent;
      assert.match(
        sqs.Records[0]?.eventSourceARN ?? '',
        /^arn:aws:sqs:eu-central-1:123456789012:hello-sam-OrdersQueue-/,
      );
      assert.equal(sqs.Records[0]?.awsRegion, 'eu-central-1');
    });

    it('explains a missing function or event name', () => {
      assert.throws(
        () => listEventSources(helloSam, 'Nope'),
        (error: unknown) =>
          error instanceof WorkbenchError && /UsersFunction, OrderProcessorFunction/.test(error.hint ?? ''),
      );
      assert.throws(
        () => generateEventForSource(helloSam, 'UsersFunction', 'Nope'),
        /has no event source named "Nope"/,
      );
    });
  });

  describe('the corpus', () => {
    const files = readdirSync(corpusDir).filter((file) => /\.(ya?ml|json|template)$/.test(file));
    const manifest = corpusManifest();
    const typed: TypedEvent[] = [];

    it('generates a well-formed event for every event source of every function', function () {
      let generated = 0;
      let authorized = 0;
      let stateMachineTasks = 0;
      for (const file of files) {
        const template = parseTemplate(readFileSync(join(corpusDir, file), 'utf8'));
        const features = manifest.get(file)?.features ?? '';
        const declaredTypes = /(?:^|[\s|])events=([A-Za-z0-9,]+)/.exec(features)?.[1]?.split(',') ?? [];
        const seenTypes = new Set<string>();
        for (const fn of listFunctions(template)) {
          for (const source of listEventSources(template, fn.logicalId)) seenTypes.add(source.type);
          for (const event of generateEventsForFunction(template, fn.logicalId, { now: NOW })) {
            const where = `${file} ${fn.logicalId} ${event.label}`;
            if (event.sourceId) {
              try {
                assertWellFormed(event.sourceId, event.event);
              } catch (error) {
                assert.fail(`${where}: ${String(error)}`);
              }
              if (event.eventType) typed.push({ label: where, type: event.eventType, event: event.event });
            }
            assert.ok(
              !event.notes.some((note) => note.startsWith('No generator')),
              `${where}: ${event.notes.join(' ')}`,
            );
            generated++;
            const requestContext = (event.event as { requestContext?: { authorizer?: unknown } }).requestContext;
            if (requestContext?.authorizer) authorized++;
            if (event.label.includes('(StateMachineTask ')) stateMachineTasks++;
          }
        }
        // The manifest's `events=` lists the event types the template's functions use.
        for (const type of declaredTypes) assert.ok(seenTypes.has(type), `${file}: no ${type} source found`);
      }
      assert.ok(generated >= 80, `only ${generated} events`);
      // Real templates exercise the template-aware parts: authorized routes and state machine tasks.
      assert.ok(authorized >= 3, `only ${authorized} events of routes with authorizers`);
      assert.ok(stateMachineTasks >= 1, `only ${stateMachineTasks} state machine task events`);
      this.test!.title += ` (${generated} events)`;
    });

    it('type-checks every generated event against its handler type', function () {
      this.timeout(60_000);
      assert.ok(typed.length > 50, 'the corpus test runs first and collects the events');
      const errors = typeCheckEvents(typed);
      assert.deepEqual(errors, []);
    });
  });
});
