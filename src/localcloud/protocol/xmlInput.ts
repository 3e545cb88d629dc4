// XML elements -> shape values (restXml request bodies): members under their wire names, lists as named member
// elements (or repeated elements when flattened), maps as `<entry><key/><value/></entry>`, attributes for
// xmlAttribute members, scalars from their text with type problems reported as violations.
import { shapeOf, type MemberReference, type ServiceModel, type Shape } from './serviceModel';
import { pathName, type Violation } from './shapeValidation';
import { scalarFromText } from './textValues';
import { childrenNamed, type XmlElement } from './xmlDocument';

/** The value of an element read as a shape. */
export function shapeFromXml(
  model: ServiceModel,
  shape: Shape,
  element: XmlElement,
  path: string,
  out: Violation[],
): unknown {
  switch (shape.type) {
    case 'structure':
      return structureFromXml(model, shape, element, path, out);
    case 'list':
      return listItems(model, shape, element, path, out);
    case 'map':
      return mapFromEntries(model, shape, childrenNamed(element, 'entry'), path, out);
    default:
      return scalarFromText(shape, element.text, path, out);
  }
}

function structureFromXml(
  model: ServiceModel,
  shape: Shape,
  element: XmlElement,
  path: string,
  out: Violation[],
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const prefix = path === '' ? '' : `${path}.`;
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    if (member.location) continue;
    const wireName = member.locationName ?? name;
    const memberPath = prefix + pathName(name);
    const memberShape = shapeOf(model, member);
    if (member.xmlAttribute) {
      const text = element.attributes[wireName];
      if (text !== undefined) value[name] = scalarFromText(memberShape, text, memberPath, out);
      continue;
    }
    const item = memberFromXml(model, member, memberShape, wireName, element, memberPath, out);
    if (item !== undefined) value[name] = item;
  }
  return value;
}

function memberFromXml(
  model: ServiceModel,
  member: MemberReference,
  shape: Shape,
  wireName: string,
  parent: XmlElement,
  path: string,
  out: Violation[],
): unknown {
  const flattened = shape.flattened === true || member.flattened === true;
  if (shape.type === 'list' && flattened) {
    const itemName = shape.member!.locationName ?? wireName;
    const items = childrenNamed(parent, itemName);
    return items.length === 0
      ? undefined
      : items.map((item, index) =>
          shapeFromXml(model, shapeOf(model, shape.member!), item, `${path}.${index + 1}.member`, out),
        );
  }
  if (shape.type === 'map' && flattened) {
    const entries = childrenNamed(parent, wireName);
    return entries.length === 0 ? undefined : mapFromEntries(model, shape, entries, path, out);
  }
  const element = childrenNamed(parent, wireName)[0];
  return element === undefined ? undefined : shapeFromXml(model, shape, element, path, out);
}

function listItems(model: ServiceModel, shape: Shape, element: XmlElement, path: string, out: Violation[]): unknown[] {
  const itemShape = shapeOf(model, shape.member!);
  return childrenNamed(element, shape.member!.locationName ?? 'member').map((child, index) =>
    shapeFromXml(model, itemShape, child, `${path}.${index + 1}.member`, out),
  );
}

function mapFromEntries(
  model: ServiceModel,
  shape: Shape,
  entries: XmlElement[],
  path: string,
  out: Violation[],
): Record<string, unknown> {
  const keyName = shape.key!.locationName ?? 'key';
  const valueName = shape.value!.locationName ?? 'value';
  const map: Record<string, unknown> = {};
  for (const entry of entries) {
    const key = childrenNamed(entry, keyName)[0]?.text;
    const item = childrenNamed(entry, valueName)[0];
    if (key === undefined || item === undefined) continue;
    map[key] = shapeFromXml(model, shapeOf(model, shape.value!), item, `${path}.${key}`, out);
  }
  return map;
}
