/**
 * Merges a `Globals.Function` section into a function's properties as SAM does: scalars, the resource wins; lists,
 * concatenated with the Globals first; maps, merged recursively with the resource winning per key. The resource's
 * `IgnoreGlobals` (`'*'` or a list of property names) opts out.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
 */
export function mergeGlobals(
  globals: Readonly<Record<string, unknown>>,
  properties: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const { IgnoreGlobals: ignore, ...own } = properties;
  if (ignore === '*') return { ...own };
  const ignored = new Set(Array.isArray(ignore) ? ignore.map(String) : typeof ignore === 'string' ? [ignore] : []);
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(globals)) {
    if (!ignored.has(key)) merged[key] = value;
  }
  for (const [key, value] of Object.entries(own)) {
    merged[key] = key in merged ? mergeValues(merged[key], value) : value;
  }
  return merged;
}

function mergeValues(global: unknown, local: unknown): unknown {
  if (Array.isArray(global) && Array.isArray(local)) return [...(global as unknown[]), ...(local as unknown[])];
  if (isPlainMap(global) && isPlainMap(local)) {
    const merged: Record<string, unknown> = { ...global };
    for (const [key, value] of Object.entries(local)) {
      merged[key] = key in merged ? mergeValues(merged[key], value) : value;
    }
    return merged;
  }
  return local;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
