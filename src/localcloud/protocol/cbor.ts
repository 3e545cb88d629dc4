// CBOR (RFC 8949), the body encoding of Smithy RPC v2 (CloudWatch's first protocol in botocore, so boto3 and the
// awscli speak it). Decodes every major type with definite and indefinite lengths, half/single/double floats and
// tag 1 (epoch-seconds timestamps, as Dates); encodes JSON-like values with Buffers as byte strings and Dates as
// tag 1. Decoding failures throw CborError, which the protocol turns into a SerializationException.

export class CborError extends Error {
  override readonly name = 'CborError';
}

const BREAK = Symbol('break');
const MAX_DEPTH = 64;

/** Decodes one data item that fills the whole buffer. */
export function decodeCbor(bytes: Uint8Array): unknown {
  const reader = new CborReader(bytes);
  const value = reader.item(0);
  if (value === BREAK) throw new CborError('Unexpected break code');
  if (reader.offset !== bytes.length) throw new CborError('Trailing bytes after the CBOR data item');
  return value;
}

class CborReader {
  offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  item(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new CborError('CBOR data nested too deeply');
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    switch (major) {
      case 0:
        return this.argument(info);
      case 1:
        return -1 - this.argument(info);
      case 2:
        return this.chunks(info, 2);
      case 3:
        return this.chunks(info, 3).toString('utf8');
      case 4: {
        const items: unknown[] = [];
        if (info === 31) {
          for (let next = this.item(depth + 1); next !== BREAK; next = this.item(depth + 1)) items.push(next);
          return items;
        }
        const length = this.argument(info);
        for (let index = 0; index < length; index++) items.push(this.defined(depth + 1));
        return items;
      }
      case 5: {
        const map: Record<string, unknown> = {};
        const entry = (key: unknown) => {
          if (typeof key !== 'string') throw new CborError('Only text keys are supported in CBOR maps');
          map[key] = this.defined(depth + 1);
        };
        if (info === 31) {
          for (let key = this.item(depth + 1); key !== BREAK; key = this.item(depth + 1)) entry(key);
          return map;
        }
        const length = this.argument(info);
        for (let index = 0; index < length; index++) entry(this.defined(depth + 1));
        return map;
      }
      case 6: {
        const tag = this.argument(info);
        const inner = this.defined(depth + 1);
        if (tag === 1) {
          if (typeof inner !== 'number') throw new CborError('Tag 1 (epoch time) must wrap a number');
          return new Date(inner * 1000);
        }
        return inner;
      }
      default:
        return this.simple(info);
    }
  }

  private defined(depth: number): unknown {
    const value = this.item(depth);
    if (value === BREAK) throw new CborError('Unexpected break code');
    return value;
  }

  private simple(info: number): unknown {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 25:
        return halfFloat(this.take(2));
      case 26: {
        const value = this.view.getFloat32(this.offset);
        this.offset += 4;
        return value;
      }
      case 27: {
        this.need(8);
        const value = this.view.getFloat64(this.offset);
        this.offset += 8;
        return value;
      }
      case 31:
        return BREAK;
      default:
        if (info < 20) return info;
        if (info === 24) return this.byte();
        throw new CborError(`Unsupported simple value ${info}`);
    }
  }

  private argument(info: number): number {
    if (info < 24) return info;
    switch (info) {
      case 24:
        return this.byte();
      case 25: {
        this.need(2);
        const value = this.view.getUint16(this.offset);
        this.offset += 2;
        return value;
      }
      case 26: {
        this.need(4);
        const value = this.view.getUint32(this.offset);
        this.offset += 4;
        return value;
      }
      case 27: {
        this.need(8);
        const value = this.view.getBigUint64(this.offset);
        this.offset += 8;
        return Number(value);
      }
      default:
        throw new CborError(`Invalid additional information ${info}`);
    }
  }

  /** A byte or text string, joining the chunks of an indefinite-length one. */
  private chunks(info: number, major: number): Buffer {
    if (info !== 31) return Buffer.from(this.take(this.argument(info)));
    const parts: Buffer[] = [];
    for (;;) {
      const initial = this.byte();
      if (initial === 0xff) return Buffer.concat(parts);
      if (initial >> 5 !== major) throw new CborError('Indefinite-length string chunks must have the same type');
      parts.push(Buffer.from(this.take(this.argument(initial & 0x1f))));
    }
  }

  private byte(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  private take(length: number): Uint8Array {
    this.need(length);
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  private need(length: number): void {
    if (this.offset + length > this.bytes.length) throw new CborError('Unexpected end of CBOR data');
  }
}

function halfFloat(bytes: Uint8Array): number {
  const half = (bytes[0]! << 8) | bytes[1]!;
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  const sign = half & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Encodes a value: objects as maps (undefined members left out), Buffers as byte strings, Dates as tag 1. */
export function encodeCbor(value: unknown): Buffer {
  const parts: Buffer[] = [];
  write(value, parts);
  return Buffer.concat(parts);
}

function write(value: unknown, parts: Buffer[]): void {
  if (value === null || value === undefined) {
    parts.push(Buffer.of(0xf6));
  } else if (typeof value === 'boolean') {
    parts.push(Buffer.of(value ? 0xf5 : 0xf4));
  } else if (typeof value === 'number') {
    writeNumber(value, parts);
  } else if (typeof value === 'bigint') {
    parts.push(value >= 0n ? head(0, value) : head(1, -1n - value));
  } else if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    parts.push(head(3, text.length), text);
  } else if (value instanceof Date) {
    parts.push(Buffer.of(0xc1));
    writeNumber(value.getTime() / 1000, parts);
  } else if (value instanceof Uint8Array) {
    parts.push(head(2, value.length), Buffer.from(value));
  } else if (Array.isArray(value)) {
    parts.push(head(4, value.length));
    for (const item of value) write(item, parts);
  } else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    parts.push(head(5, entries.length));
    for (const [key, item] of entries) {
      write(key, parts);
      write(item, parts);
    }
  } else {
    throw new CborError(`Cannot encode a ${typeof value} as CBOR`);
  }
}

function writeNumber(value: number, parts: Buffer[]): void {
  if (Number.isSafeInteger(value)) {
    parts.push(value >= 0 ? head(0, value) : head(1, -1 - value));
    return;
  }
  const double = Buffer.alloc(9);
  double[0] = 0xfb;
  double.writeDoubleBE(value, 1);
  parts.push(double);
}

/** The initial byte and argument of a major type, in the shortest form. */
function head(major: number, argument: number | bigint): Buffer {
  const type = major << 5;
  const value = BigInt(argument);
  if (value < 24n) return Buffer.of(type | Number(value));
  if (value < 0x100n) return Buffer.of(type | 24, Number(value));
  if (value < 0x10000n) {
    const buffer = Buffer.alloc(3);
    buffer[0] = type | 25;
    buffer.writeUInt16BE(Number(value), 1);
    return buffer;
  }
  if (value < 0x100000000n) {
    const buffer = Buffer.alloc(5);
    buffer[0] = type | 26;
    buffer.writeUInt32BE(Number(value), 1);
    return buffer;
  }
  const buffer = Buffer.alloc(9);
  buffer[0] = type | 27;
  buffer.writeBigUInt64BE(value, 1);
  return buffer;
}
