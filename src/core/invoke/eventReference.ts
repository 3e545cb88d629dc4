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
