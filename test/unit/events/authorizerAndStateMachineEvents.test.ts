import { strict as assert } from 'node:assert';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2WithIAMAuthorizer,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyEventV2WithLambdaAuthorizer,
} from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEventsForFunction, type GeneratedEvent } from '../../../src/core/events/templateEvents';
import { parseTemplate, type ParsedTemplate } from '../../../src/core/template/parseTemplate';
import { repoRoot } from '../../support/paths';
import { typeCheckEvents } from './typeCheckEvents';
import { assertArn, assertWellFormed } from './wellFormedEvent';

// Events of routes behind authorizers and of functions a state machine invokes (issue 14, part 3); the
// other template-aware events are in templateEvents.test.ts.

const NOW = new Date('2025-03-04T05:06:07.089Z');

function eventsOf(template: ParsedTemplate, logicalId: string): Map<string, GeneratedEvent> {
  return new Map(generateEventsForFunction(template, logicalId, { now: NOW }).map((event) => [event.name, event]));
}

describe('routes with authorizers', () => {
  const template = parseTemplate(
    readFileSync(join(repoRoot, 'test/fixtures/runtime/authorizers/template.yaml'), 'utf8'),
  );
  const events = eventsOf(template, 'AppFunction');
  const payload = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

  it('JWT (HTTP API): claims from the issuer and audience, the route scopes, the token in the identity header', () => {
    const generated = events.get('Orders')!;
    const event = generated.event as APIGatewayProxyEventV2WithJWTAuthorizer;
    assert.deepEqual(generated.eventType, { name: 'APIGatewayProxyEventV2WithJWTAuthorizer', from: 'aws-lambda' });
    const { claims, scopes } = event.requestContext.authorizer.jwt;
    assert.deepEqual(scopes, ['orders/read', 'orders/write'], 'the event-level scopes beat the authorizer’s');
    assert.equal(claims['iss'], 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123');
    assert.equal(claims['client_id'], 'client123', 'a Cognito access token names the audience as its client');
    assert.equal(claims['scope'], 'orders/read orders/write');
    const token = event.headers['authorization'] ?? '';
    assert.match(token, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(payload(token.slice(7))['sub'], claims['sub']);
    assertWellFormed('apigateway-http', event);
  });

  it('Cognito (REST API, from Globals.Api): the user pool’s claims and the raw token in Authorization', () => {
    const event = events.get('Pool')!.event as APIGatewayProxyEvent;
    const claims = (event.requestContext.authorizer as { claims: Record<string, string> }).claims;
    assert.equal(claims['iss'], 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123');
    assert.equal(claims['token_use'], 'id');
    assert.equal(payload(event.headers['Authorization'] ?? '')['sub'], claims['sub']);
    assertWellFormed('apigateway-rest', event);
  });

  it('Lambda authorizers: principalId (REST) or the lambda context (HTTP API), with their identity sources', () => {
    const token = events.get('Token')!;
    const rest = token.event as APIGatewayProxyEvent;
    assert.deepEqual(rest.requestContext.authorizer, { principalId: 'user', integrationLatency: 0 });
    assert.ok(rest.headers['Authorization']);
    assert.ok(token.notes.some((note) => note.includes('AuthFunction returns')));
    const custom = events.get('Custom')!;
    assert.deepEqual((custom.event as APIGatewayProxyEventV2WithLambdaAuthorizer<object>).requestContext.authorizer, {
      lambda: {},
    });
    assert.match(custom.eventType?.name ?? '', /^APIGatewayProxyEventV2WithLambdaAuthorizer/);
  });

  it('IAM and open routes', () => {
    const iam = events.get('Iam')!.event as APIGatewayProxyEventV2WithIAMAuthorizer;
    assert.match(iam.requestContext.authorizer.iam.userArn, /^arn:aws:sts::123456789012:assumed-role\//);
    assert.equal((events.get('Open')!.event as APIGatewayProxyEvent).requestContext.authorizer, null);
  });

  it('type-checks against the authorizer variants of @types/aws-lambda', function () {
    this.timeout(60_000);
    const typed = [...events.values()].map((generated) => ({
      label: generated.label,
      type: generated.eventType!,
      event: generated.event,
    }));
    assert.deepEqual(typeCheckEvents(typed), []);
  });
});

describe('functions invoked by a state machine', () => {
  const directory = join(repoRoot, 'test/fixtures/events/state-machine');
  const template = parseTemplate(readFileSync(join(directory, 'template.yaml'), 'utf8'));
  const eventFor = (logicalId: string) => {
    const events = generateEventsForFunction(template, logicalId, { now: NOW, templateDirectory: directory });
    assert.equal(events.length, 1, `${logicalId}: ${events.map((event) => event.label).join(', ')}`);
    return events[0]!;
  };

  it('builds the event from the Task’s Payload, in a Parallel branch of a DefinitionUri file with substitutions', () => {
    const charge = eventFor('Charge');
    assert.equal(charge.label, 'Machine-Pay (StateMachineTask Machine Pay)');
    assert.equal(charge.sourceId, 'stepfunctions');
    assert.deepEqual(charge.event, { amount: 'total-1', currency: 'EUR', customer: { id: 'id-1' } });
  });

  it('passes the state input on for Payload.$: $, and says so', () => {
    const validate = eventFor('Validate');
    assert.deepEqual(validate.event, {});
    assert.ok(validate.notes.some((note) => note.includes('passes its state input')));
  });

  it('takes Parameters of a task whose Resource is the function, in an inline Definition', () => {
    assert.deepEqual(eventFor('Direct').event, { mode: 'fast', id: 'id-1' });
  });

  it('fills context object paths in a DefinitionString built with Fn::Sub (.waitForTaskToken)', () => {
    const event = eventFor('Notify').event as { token: string; execution: string; all: object };
    assert.match(event.token, /^AQCEAAAAKgAAAAMAAAAA[A-Za-z0-9+/=]+$/);
    assertArn(event.execution, 'states');
    assert.match(event.execution, /:execution:Plain:/);
    assert.deepEqual(event.all, {});
  });

  it('without the definition file, the function is left with the empty event', () => {
    const events = generateEventsForFunction(template, 'Charge', { now: NOW });
    assert.deepEqual(
      events.map((event) => event.name),
      ['Empty'],
    );
  });
});
