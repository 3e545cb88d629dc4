// Shape values -> XML (awsQuery answers and restXml bodies): members in model order under their wire names,
// lists as `<member>` elements (or repeated elements when flattened), maps as `<entry><key/><value/></entry>`,
// timestamps ISO 8601, blobs base64, members bound to headers or the status left out.
import { shapeOf, type MemberReference, type ServiceModel, type Shape } from './serviceModel';
import { formatTimestamp, timestampFormatOf } from './timestamps';

const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ESCAPES[char]!);
}

/** `<name>escaped text</name>`, or nothing when the value is undefined. */
export function xmlElement(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The members of a structure value as XML elements (what goes inside `<XResult>` or a restXml root). */
export function structureContentXml(model: ServiceModel, shape: Shape, value: Record<string, unknown>): string {
  let xml = '';
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const item = value[name];
    if (item === undefined || item === null || member.location || member.xmlAttribute) continue;
    xml += memberXml(model, member, member.locationName ?? name, item);
  }
  return xml;
}

/** Attributes (` name="value"`) of a structure's xmlAttribute members. */
export function structureAttributes(shape: Shape, value: Record<string, unknown>): string {
  let attributes = '';
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const item = value[name];
    if (!member.xmlAttribute || item === undefined || item === null) continue;
    const text = typeof item === 'string' ? item : JSON.stringify(item);
    attributes += ` ${member.locationName ?? name}="${escapeXml(text)}"`;
  }
  return attributes;
}

/** One member as XML under `elementName` (flattened lists and maps repeat the element instead of nesting). */
export function memberXml(model: ServiceModel, member: MemberReference, elementName: string, value: unknown): string {
  const shape = shapeOf(model, member);
  const namespace = member.xmlNamespace?.uri ? ` xmlns="${escapeXml(member.xmlNamespace.uri)}"` : '';
  switch (shape.type) {
    case 'structure': {
      const record = value as Record<string, unknown>;
      // A prefixed namespace (S3's Grantee: `xmlns:xsi` for its `xsi:type` attribute) is declared on the element.
      const prefixed = shape.xmlNamespace?.prefix
        ? ` xmlns:${shape.xmlNamespace.prefix}="${escapeXml(shape.xmlNamespace.uri ?? '')}"`
        : '';
      return `<${elementName}${namespace}${prefixed}${structureAttributes(shape, record)}>${structureContentXml(model, shape, record)}</${elementName}>`;
    }
    case 'list': {
      const list = value as unknown[];
      const itemMember = shape.member!;
      if (shape.flattened || member.flattened) {
        const itemName = itemMember.locationName ?? elementName;
        return list.map((item) => memberXml(model, itemMember, itemName, item)).join('');
      }
      const itemName = itemMember.locationName ?? 'member';
      const items = list.map((item) => memberXml(model, itemMember, itemName, item)).join('');
      return `<${elementName}${namespace}>${items}</${elementName}>`;
    }
    case 'map': {
      const keyName = shape.key!.locationName ?? 'key';
      const valueName = shape.value!.locationName ?? 'value';
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([key, item]) =>
          `${memberXml(model, shape.key!, keyName, key)}${memberXml(model, shape.value!, valueName, item)}`,
      );
      if (shape.flattened || member.flattened) {
        return entries.map((entry) => `<${elementName}>${entry}</${elementName}>`).join('');
      }
      return `<${elementName}${namespace}>${entries.map((entry) => `<entry>${entry}</entry>`).join('')}</${elementName}>`;
    }
    default:
      return `<${elementName}${namespace}>${escapeXml(scalarText(member, shape, value))}</${elementName}>`;
  }
}

/** A scalar as text: timestamps ISO 8601 (unless the model names a format), blobs base64. */
export function scalarText(member: MemberReference | undefined, shape: Shape, value: unknown): string {
  if (shape.type === 'timestamp') return String(formatTimestamp(value, timestampFormatOf(member, shape, 'iso8601')));
  if (shape.type === 'blob') {
    return typeof value === 'string'
      ? Buffer.from(value).toString('base64')
      : Buffer.from(value as Uint8Array).toString('base64');
  }
  return String(value);
}
