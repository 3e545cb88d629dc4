// The MD5 digests SQS answers beside a message (MD5OfMessageBody, MD5OfMessageAttributes,
// MD5OfMessageSystemAttributes), computed exactly as AWS does: SDKs recompute them and reject a mismatch.
// Attributes are digested in name order as length-prefixed (4-byte big-endian) name, data type, then a transport
// byte (1 string, 2 binary, 3 string list, 4 binary list) and the length-prefixed value(s).
import { createHash } from 'node:crypto';

/** One message attribute as SQS stores it (binary values as bytes). */
export interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
  StringListValues?: string[];
  BinaryListValues?: Uint8Array[];
}

/** The MD5 of a text, hex. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** The MD5 of a set of message (or system) attributes; undefined when there are none. */
export function attributesMd5(attributes: Record<string, AttributeValue> | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes![name]!;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType, 'utf8')));
    if (value.StringValue !== undefined) {
      hash.update(Buffer.of(1));
      hash.update(lengthPrefixed(Buffer.from(value.StringValue, 'utf8')));
    } else if (value.BinaryValue !== undefined) {
      hash.update(Buffer.of(2));
      hash.update(lengthPrefixed(value.BinaryValue));
    } else if (value.StringListValues !== undefined) {
      hash.update(Buffer.of(3));
      for (const item of value.StringListValues) hash.update(lengthPrefixed(Buffer.from(item, 'utf8')));
    } else if (value.BinaryListValues !== undefined) {
      hash.update(Buffer.of(4));
      for (const item of value.BinaryListValues) hash.update(lengthPrefixed(item));
    }
  }
  return hash.digest('hex');
}

/** The bytes an attribute counts toward the message size limit (name, type and value, as AWS counts). */
export function attributeSize(name: string, value: AttributeValue): number {
  let size = Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
  if (value.StringValue !== undefined) size += Buffer.byteLength(value.StringValue);
  if (value.BinaryValue !== undefined) size += value.BinaryValue.length;
  return size;
}
