// The HTTP bindings REST protocols share (restJson1, restXml): input members read from path labels, the query
// string and headers; output members written to headers and the status code. Bodies are the protocols' own.
import type { ServiceRequest } from '../localCloudService';
import { shapeOf, type MemberReference, type ServiceModel, type Shape } from './serviceModel';
import { pathName, type Violation } from './shapeValidation';
import { scalarFromText } from './textValues';
import { formatTimestamp, parseTimestamp, timestampFormatOf } from './timestamps';

/** Reads the members of an input structure that live outside the body. */
export function readBoundMembers(
  model: ServiceModel,
  shape: Shape,
  request: ServiceRequest,
  labels: Record<string, string>,
  input: Record<string, unknown>,
  out: Violation[],
): void {
  const consumedQuery = new Set<string>();
  let queryMap: [string, MemberReference] | undefined;
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const memberShape = shapeOf(model, member);
    const wireName = member.locationName ?? name;
    const path = pathName(name);
    switch (member.location) {
      case 'uri': {
        const text = labels[wireName];
        if (text !== undefined) input[name] = scalarFromText(memberShape, text, path, out);
        break;
      }
      case 'querystring': {
        if (memberShape.type === 'map') {
          queryMap = [name, member];
          break;
        }
        consumedQuery.add(wireName);
        const values = request.query.getAll(wireName);
        if (values.length === 0) break;
        input[name] =
          memberShape.type === 'list'
            ? values.map((text) => scalarFromText(shapeOf(model, memberShape.member!), text, path, out))
            : scalarFromText(memberShape, values[0]!, path, out);
        break;
      }
      case 'header': {
        const raw = request.headers[wireName.toLowerCase()];
        if (raw === undefined) break;
        const text = Array.isArray(raw) ? raw.join(', ') : raw;
        input[name] = headerValue(model, member, memberShape, text, path, out);
        break;
      }
      case 'headers': {
        const prefix = wireName.toLowerCase();
        const values: Record<string, string> = {};
        for (const [header, value] of Object.entries(request.headers)) {
          if (header.startsWith(prefix) && typeof value === 'string') values[header.slice(prefix.length)] = value;
        }
        if (Object.keys(values).length > 0) input[name] = values;
        break;
      }
      default:
    }
  }
  // A querystring map (`location: querystring` without a name) takes every parameter no other member took.
  if (queryMap) {
    const values: Record<string, string> = {};
    for (const [key, value] of request.query) if (!consumedQuery.has(key)) values[key] = value;
    if (Object.keys(values).length > 0) input[queryMap[0]] = values;
  }
}

function headerValue(
  model: ServiceModel,
  member: MemberReference,
  shape: Shape,
  text: string,
  path: string,
  out: Violation[],
): unknown {
  if (member.jsonvalue) {
    try {
      return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
    } catch {
      out.push({ path, value: text, constraint: 'Member must be base64-encoded JSON' });
      return undefined;
    }
  }
  if (shape.type === 'timestamp') {
    const date = parseTimestamp(text);
    if (date) return date;
  }
  if (shape.type === 'list') {
    return text.split(',').map((item) => scalarFromText(shapeOf(model, shape.member!), item.trim(), path, out));
  }
  return scalarFromText(shape, text, path, out);
}

/** The status and headers an output's bound members ask for. */
export function boundOutputHeaders(
  model: ServiceModel,
  shape: Shape,
  output: Record<string, unknown>,
): { status?: number; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let status: number | undefined;
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const value = output[name];
    if (value === undefined || value === null || member.location === undefined) continue;
    const memberShape = shapeOf(model, member);
    const wireName = member.locationName ?? name;
    switch (member.location) {
      case 'statusCode':
        status = Number(value);
        break;
      case 'header':
        headers[wireName] = headerText(member, memberShape, value);
        break;
      case 'headers':
        for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
          headers[`${wireName}${key}`] = String(item);
        }
        break;
      default:
    }
  }
  return status === undefined ? { headers } : { status, headers };
}

function headerText(member: MemberReference, shape: Shape, value: unknown): string {
  if (member.jsonvalue) return Buffer.from(JSON.stringify(value)).toString('base64');
  if (shape.type === 'timestamp') return String(formatTimestamp(value, timestampFormatOf(member, shape, 'rfc822')));
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return String(value);
}
