// Reads a request body with a size cap, so an oversized upload is refused without buffering it all.
import type { IncomingMessage } from 'node:http';

/** Raised when the body is larger than the operation allows; the service maps it to its own AWS error. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Collects the body; rejects with BodyTooLargeError as soon as it (or its declared length) passes the cap. */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(new BodyTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      received += chunk.length;
      if (received > limitBytes) {
        failed = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
  });
}
