// The binary `application/vnd.amazon.eventstream` framing used by StartLiveTail:
// prelude (total length, headers length, prelude CRC32), string headers, payload, message CRC32.
import { crc32 } from 'node:zlib';

const STRING_HEADER_TYPE = 7;

/** Encodes one event-stream message with string headers (`:event-type`, `:message-type`...). */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    let offset = part.writeUInt8(nameBytes.length, 0);
    offset += nameBytes.copy(part, offset);
    offset = part.writeUInt8(STRING_HEADER_TYPE, offset);
    offset = part.writeUInt16BE(valueBytes.length, offset);
    valueBytes.copy(part, offset);
    headerParts.push(part);
  }
  const headerBytes = Buffer.concat(headerParts);
  const totalLength = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(totalLength);
  message.writeUInt32BE(totalLength, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  payload.copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, totalLength - 4)), totalLength - 4);
  return message;
}

/** An `event` message carrying a JSON payload. */
export function encodeJsonEvent(eventType: string, body: unknown): Buffer {
  return encodeEventStreamMessage(
    { ':event-type': eventType, ':message-type': 'event', ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(body), 'utf8'),
  );
}

/** An `exception` message, which SDKs raise as the named error. */
export function encodeExceptionEvent(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':message-type': 'exception', ':content-type': 'application/json' },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}
