// Which event an invoke uses: one saved next to the template (events/<LogicalId>/<name>.json) or one generated
// from the function's event sources. The last one used per function is remembered by the editor.

/** A saved or generated event, by name. */
export type EventReference = { kind: 'saved'; name: string } | { kind: 'generated'; name: string };

/** Checks a remembered value (workspace state may hold anything an older version wrote). */
export function isEventReference(value: unknown): value is EventReference {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (record['kind'] === 'saved' || record['kind'] === 'generated') && typeof record['name'] === 'string';
}

/** An event given whole by another feature (the log view's "Replay locally"); it is not remembered. */
export interface InlineEvent {
  kind: 'inline';
  /** How the result panel names it, e.g. `request 3f5c1a2b (replayed)`. */
  name: string;
  /** JSON text. */
  payload: string;
}

export function isInlineEvent(value: unknown): value is InlineEvent {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record['kind'] === 'inline' && typeof record['name'] === 'string' && typeof record['payload'] === 'string';
}

/**
 * The event a plain "Invoke" uses: the last one used while it still exists, else the first saved event, else the
 * first generated one.
 */
export function chooseDefaultEvent(
  last: EventReference | undefined,
  saved: readonly string[],
  generated: readonly string[],
): EventReference | undefined {
  if (last && (last.kind === 'saved' ? saved : generated).includes(last.name)) return last;
  if (saved[0] !== undefined) return { kind: 'saved', name: saved[0] };
  if (generated[0] !== undefined) return { kind: 'generated', name: generated[0] };
  return undefined;
}

/** A short label: `GetUser (generated)` or `my-event (saved)`. */
export function describeEventReference(reference: EventReference): string {
  return `${reference.name} (${reference.kind})`;
}
