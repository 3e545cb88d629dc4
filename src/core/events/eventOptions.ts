import { WorkbenchError } from '../errors';
import type { EventContext } from './eventContext';

/** How an option's text is read: `jsonOrText` parses JSON when it can and keeps text otherwise. */
export type EventOptionKind = 'text' | 'number' | 'boolean' | 'json' | 'jsonOrText' | 'list';

/** One option a source accepts (`--name value` on the command line). */
export interface EventOptionDefinition {
  name: string;
  kind: EventOptionKind;
  description: string;
  choices?: readonly string[];
  /** Maps accepted spellings outside `choices` onto a choice (throwing a WorkbenchError when none fits). */
  normalize?: (value: string) => string;
}

/** The TypeScript type a handler for the event uses: from @types/aws-lambda, or from our eventShapes module. */
export interface EventTypeReference {
  name: string;
  from: 'aws-lambda' | 'eventShapes';
}

/** Option values after reading: text, numbers, booleans, parsed JSON or lists. */
export type EventOptionValues = Record<string, unknown>;

/** An event source the generator knows. */
export interface EventSourceDefinition {
  id: string;
  aliases: readonly string[];
  title: string;
  options: readonly EventOptionDefinition[];
  /** The handler's event type for these options. */
  typeFor(values: EventOptionValues): EventTypeReference;
  generate(values: EventOptionValues, context: EventContext): unknown;
}

// Builders for option definitions, so the source tables read as one line per option.
export const text = (name: string, description: string, choices?: readonly string[]): EventOptionDefinition =>
  choices ? { name, kind: 'text', description, choices } : { name, kind: 'text', description };
export const number = (name: string, description: string): EventOptionDefinition => ({
  name,
  kind: 'number',
  description,
});
export const json = (name: string, description: string): EventOptionDefinition => ({ name, kind: 'json', description });
export const jsonOrText = (name: string, description: string): EventOptionDefinition => ({
  name,
  kind: 'jsonOrText',
  description,
});
export const flag = (name: string, description: string): EventOptionDefinition => ({
  name,
  kind: 'boolean',
  description,
});
export const list = (name: string, description: string): EventOptionDefinition => ({ name, kind: 'list', description });

export const lambdaType = (name: string) => (): EventTypeReference => ({ name, from: 'aws-lambda' });
export const shapeType = (name: string) => (): EventTypeReference => ({ name, from: 'eventShapes' });

/** A text option's value (numbers and booleans read as text too). */
export function str(values: EventOptionValues, name: string): string | undefined {
  const value = values[name];
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** A number option's value. */
export function num(values: EventOptionValues, name: string): number | undefined {
  const value = values[name];
  return typeof value === 'number' ? value : undefined;
}

/** A boolean option's value. */
export function bool(values: EventOptionValues, name: string): boolean | undefined {
  const value = values[name];
  return typeof value === 'boolean' ? value : undefined;
}

/** A JSON-object option's value. */
export function record(values: EventOptionValues, name: string): Record<string, unknown> | undefined {
  const value = values[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A JSON-object option's value with every value as text. */
export function stringRecord(values: EventOptionValues, name: string): Record<string, string> | undefined {
  const value = record(values, name);
  return value && Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

/** `Name: value` header lines as a header map. */
export function headerList(values: EventOptionValues): Record<string, string> | undefined {
  const lines = values.header;
  if (!Array.isArray(lines)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines.map(String)) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new WorkbenchError(`"${line}" is not a header.`, {
        code: 'InvalidHeader',
        hint: 'Write headers as "Name: value".',
      });
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Drops undefined fields, so that options objects only carry what the caller gave. */
export function compact<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Reads raw option values (text from a command line, or already-typed values) by each option's kind, and
 * rejects options the source does not know or values that do not parse.
 */
export function readEventOptions(source: EventSourceDefinition, raw: Record<string, unknown>): EventOptionValues {
  const values: EventOptionValues = {};
  for (const [name, value] of Object.entries(raw)) {
    const option = source.options.find((candidate) => candidate.name === name);
    if (!option) {
      throw new WorkbenchError(`The ${source.id} source has no option "${name}".`, {
        code: 'UnknownEventOption',
        hint: `Its options are: ${source.options.map((candidate) => candidate.name).join(', ')}.`,
      });
    }
    values[name] = readOptionValue(source, option, value);
  }
  return values;
}

function readOptionValue(source: EventSourceDefinition, option: EventOptionDefinition, value: unknown): unknown {
  const fail = (expected: string): never => {
    throw new WorkbenchError(
      `Option "${option.name}" of ${source.id} needs ${expected}; got ${JSON.stringify(value)}.`,
      {
        code: 'InvalidEventOption',
        hint: option.description,
      },
    );
  };
  const single: unknown = Array.isArray(value) && option.kind !== 'list' ? value[value.length - 1] : value;
  switch (option.kind) {
    case 'list':
      return Array.isArray(value) ? value.map(String) : [String(value)];
    case 'number': {
      const parsed = typeof single === 'number' ? single : Number(single);
      return Number.isFinite(parsed) && String(single).trim() !== '' ? parsed : fail('a number');
    }
    case 'boolean':
      if (typeof single === 'boolean') return single;
      if (single === 'true' || single === '') return true;
      return single === 'false' ? false : fail('true or false');
    case 'json':
      if (typeof single !== 'string') return single;
      try {
        return JSON.parse(single) as unknown;
      } catch {
        return fail('JSON');
      }
    case 'jsonOrText':
      if (typeof single !== 'string') return single;
      try {
        return JSON.parse(single) as unknown;
      } catch {
        return single;
      }
    default: {
      const textValue = String(single);
      if (option.choices && !option.choices.includes(textValue)) {
        return option.normalize ? option.normalize(textValue) : fail(`one of ${option.choices.join(', ')}`);
      }
      return textValue;
    }
  }
}
