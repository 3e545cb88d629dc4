// Scalars from their text form (query parameters, headers, path labels, XML text), with type problems reported
// like constraint violations instead of crashing.
import type { Shape } from './serviceModel';
import type { Violation } from './shapeValidation';
import { parseTimestamp } from './timestamps';

/** A scalar of the shape's type from text; undefined (and a violation) when the text is not one. */
export function scalarFromText(shape: Shape, text: string, path: string, out: Violation[]): unknown {
  switch (shape.type) {
    case 'string':
      return text;
    case 'boolean': {
      // Older botocore writes Python's `True` in headers (x-amz-bucket-object-lock-enabled); AWS accepts it.
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      break;
    }
    case 'integer':
    case 'long': {
      const number = Number(text);
      if (text.trim() !== '' && Number.isInteger(number)) return number;
      break;
    }
    case 'float':
    case 'double': {
      const number = Number(text);
      if (text.trim() !== '' && !Number.isNaN(number)) return number;
      break;
    }
    case 'timestamp': {
      const date = parseTimestamp(text);
      if (date) return date;
      break;
    }
    case 'blob':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
  out.push({ path, value: text, constraint: `Member must be a valid ${shape.type}` });
  return undefined;
}
