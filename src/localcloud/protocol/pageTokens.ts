// Opaque paging tokens (nextToken, Marker): base64url of a small JSON cursor, so clients cannot forge positions
// by accident and a bad token is recognised.

/** Opaque paging tokens: base64 of a small JSON cursor. */
export function encodePageToken(cursor: unknown): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Decodes a token made by encodePageToken; undefined when it is not one. */
export function decodePageToken<T>(token: string, isCursor: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return isCursor(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
