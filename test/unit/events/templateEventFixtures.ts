// What the template-aware event tests share: a fixed clock, the sample app, and small SAM templates.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEventsForFunction, type GeneratedEvent } from '../../../src/core/events/templateEvents';
import { parseTemplate, type ParsedTemplate } from '../../../src/core/template/parseTemplate';
import { repoRoot } from '../../support/paths';

export const NOW = new Date('2025-03-04T05:06:07.089Z');
export const helloSam = parseTemplate(readFileSync(join(repoRoot, 'samples/hello-sam/template.yaml'), 'utf8'));

export function eventsOf(template: ParsedTemplate, logicalId: string): Map<string, GeneratedEvent> {
  return new Map(generateEventsForFunction(template, logicalId, { now: NOW }).map((event) => [event.name, event]));
}

/** The named event, viewed as the handler type the test expects. */
export function only<T>(template: ParsedTemplate, logicalId: string, name: string): GeneratedEvent & { event: T } {
  const event = eventsOf(template, logicalId).get(name);
  assert.ok(event, `${logicalId} has no event ${name}`);
  return event as GeneratedEvent & { event: T };
}

/** A SAM template with one function whose Events are the given YAML (indented under Events:). */
export function samTemplate(events: string, resources = '', extra = ''): ParsedTemplate {
  return parseTemplate(
    [
      'Transform: AWS::Serverless-2016-10-31',
      extra,
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: app.handler',
      '      Runtime: nodejs22.x',
      '      Events:',
      events
        .split('\n')
        .map((line) => `        ${line}`)
        .join('\n'),
      resources,
    ].join('\n'),
  );
}
