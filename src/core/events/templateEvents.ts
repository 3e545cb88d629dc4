import { WorkbenchError } from '../errors';
import type { ParsedTemplate } from '../template/parseTemplate';
import { createEventContext, type EventContext, type EventContextOptions } from './eventContext';
import { findEventSource } from './eventSourceCatalog';
import type { EventTypeReference } from './eventOptions';
import { findFunction, listFunctionEventSources, type FunctionEventSource } from './functionEventSources';
import { generateSourceEvent } from './sourceEventGenerator';
import { TemplateValueResolver } from './templateValueResolver';

/** Options for template-aware generation: where the events happen, and parameter values. */
export interface TemplateEventOptions extends EventContextOptions {
  /** Parameter values that beat the template's defaults (as `--parameter-overrides`). */
  parameterOverrides?: Record<string, string>;
  /** The template's folder: files the template names (a state machine's DefinitionUri) are read from there. */
  templateDirectory?: string;
}

/** An event generated for one of a function's sources. */
export interface GeneratedEvent {
  /** The source's name (the key under `Events`), usable as a saved event's file name. */
  name: string;
  /** `GetUser (Api GET /users/{id})`. */
  label: string;
  /** The generator used (see EVENT_SOURCES), or undefined when the event is a target input or a default. */
  sourceId: string | undefined;
  /** The handler's event type, when the event has a known shape. */
  eventType: EventTypeReference | undefined;
  event: unknown;
  /** What a person should know about the event: assumptions made, parts that could not be resolved. */
  notes: string[];
}

/** What a source-specific generator returns before the common fields are added. */
export interface SourceEvent {
  sourceId: string | undefined;
  /** Option values that select the event type (Cognito trigger, function URL auth type). */
  typeValues?: Record<string, unknown>;
  event: unknown;
  notes: string[];
}

function prepare(template: ParsedTemplate, options: TemplateEventOptions): TemplateValueResolver {
  const context: EventContext = createEventContext(options);
  return new TemplateValueResolver(template, context, options.parameterOverrides, options.templateDirectory);
}

/** The function's event sources (SAM `Events`, its function URL, and CloudFormation wirings to it). */
export function listEventSources(
  template: ParsedTemplate,
  logicalId: string,
  options: TemplateEventOptions = {},
): FunctionEventSource[] {
  return listFunctionEventSources(template, logicalId, prepare(template, options));
}

function toGenerated(source: FunctionEventSource, generated: SourceEvent): GeneratedEvent {
  return {
    name: source.name,
    label: source.label,
    sourceId: generated.sourceId,
    eventType: generated.sourceId ? findEventSource(generated.sourceId).typeFor(generated.typeValues ?? {}) : undefined,
    event: generated.event,
    notes: generated.notes,
  };
}

/** The event one of the function's sources delivers, with names and ARNs resolved from the template. */
export function generateEventForSource(
  template: ParsedTemplate,
  logicalId: string,
  source: FunctionEventSource | string,
  options: TemplateEventOptions = {},
): GeneratedEvent {
  const resolver = prepare(template, options);
  const sources = listFunctionEventSources(template, logicalId, resolver);
  const wantedName = typeof source === 'string' ? source : source.name;
  const wanted = sources.find(
    (candidate) =>
      candidate.name === wantedName &&
      candidate.variant === (typeof source === 'string' ? candidate.variant : source.variant),
  );
  if (!wanted) {
    throw new WorkbenchError(`${logicalId} has no event source named "${wantedName}".`, {
      code: 'EventSourceNotFound',
      hint: sources.length
        ? `Its event sources are: ${sources.map((candidate) => candidate.name).join(', ')}.`
        : `${logicalId} declares no event sources.`,
    });
  }
  return toGenerated(wanted, generateSourceEvent(wanted, logicalId, resolver));
}

/** One event per source of the function; a function without sources gets `{}` with a note. */
export function generateEventsForFunction(
  template: ParsedTemplate,
  logicalId: string,
  options: TemplateEventOptions = {},
): GeneratedEvent[] {
  const resolver = prepare(template, options);
  findFunction(template, logicalId);
  const sources = listFunctionEventSources(template, logicalId, resolver);
  if (sources.length === 0) {
    return [
      {
        name: 'Empty',
        label: 'Empty event ({})',
        sourceId: undefined,
        eventType: undefined,
        event: {},
        notes: [
          `${logicalId} declares no event sources: it runs when something invokes it directly (the SDK, another ` +
            `function, a state machine) with whatever JSON the caller sends. Edit this event to match.`,
        ],
      },
    ];
  }
  return sources.map((source) => toGenerated(source, generateSourceEvent(source, logicalId, resolver)));
}
