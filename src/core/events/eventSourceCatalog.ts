import { WorkbenchError } from '../errors';
import type { EventContext } from './eventContext';
import { readEventOptions, type EventSourceDefinition } from './eventOptions';
import { HTTP_EVENT_SOURCES } from './httpEventSources';
import { MESSAGE_EVENT_SOURCES } from './messageEventSources';
import { SERVICE_EVENT_SOURCES } from './serviceEventSources';

/** Every event source, in the order `--help` lists them. */
export const EVENT_SOURCES: readonly EventSourceDefinition[] = [
  ...HTTP_EVENT_SOURCES,
  ...MESSAGE_EVENT_SOURCES,
  ...SERVICE_EVENT_SOURCES,
];

/** The source for an id or alias, or a WorkbenchError that lists the sources. */
export function findEventSource(idOrAlias: string): EventSourceDefinition {
  const wanted = idOrAlias.trim().toLowerCase();
  const source = EVENT_SOURCES.find((candidate) => candidate.id === wanted || candidate.aliases.includes(wanted));
  if (!source) {
    throw new WorkbenchError(`Unknown event source "${idOrAlias}".`, {
      code: 'UnknownEventSource',
      hint: `Use one of: ${EVENT_SOURCES.map((candidate) => candidate.id).join(', ')}.`,
    });
  }
  return source;
}

/** Generates one event of a source from raw options (read as {@link readEventOptions} reads them). */
export function generateEvent(idOrAlias: string, raw: Record<string, unknown>, context: EventContext): unknown {
  const source = findEventSource(idOrAlias);
  return source.generate(readEventOptions(source, raw), context);
}
