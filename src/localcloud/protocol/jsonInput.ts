// Typed reads of a JSON request body; wrong types become the service's own validation error, never a crash.
import type { AwsError } from './awsError';

/** A parsed JSON request object with typed, validating accessors. */
export class JsonInput {
  constructor(
    readonly values: Record<string, unknown>,
    private readonly invalid: (message: string) => AwsError,
  ) {}

  /**
   * Parses a body: empty means `{}`; anything but a JSON object is `malformed()` (SerializationException for
   * awsJson, InvalidRequestContentException for Lambda).
   */
  static parse(body: Buffer, malformed: () => AwsError, invalid: (message: string) => AwsError): JsonInput {
    if (body.length === 0) return new JsonInput({}, invalid);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw malformed();
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformed();
    return new JsonInput(parsed as Record<string, unknown>, invalid);
  }

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.invalid(`${name} must be a string`);
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') {
      throw this.invalid(
        `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return value;
  }

  number(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.invalid(`${name} must be a number`);
    return value;
  }

  integerInRange(name: string, min: number, max: number): number | undefined {
    const value = this.number(name);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw this.invalid(
        `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
      );
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw this.invalid(`${name} must be a boolean`);
    return value;
  }

  stringList(name: string): string[] | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw this.invalid(`${name} must be a list of strings`);
    }
    return value as string[];
  }

  object(name: string): JsonInput | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw this.invalid(`${name} must be an object`);
    return new JsonInput(value as Record<string, unknown>, this.invalid);
  }

  list(name: string): unknown[] | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw this.invalid(`${name} must be a list`);
    return value as unknown[];
  }
}
