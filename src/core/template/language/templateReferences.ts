import type { ParsedTemplate } from '../parseTemplate';
import { getMapValue, type SourceRange, type TemplateNode, type TemplateScalar } from '../templateTree';
import { readIntrinsic, type IntrinsicCall } from './intrinsicFunctions';
import { findSubVariables } from './subVariables';

/** A name written somewhere in the template that must resolve to something defined elsewhere. */
export type TemplateReference =
  | { kind: 'ref'; name: string; range: SourceRange; local?: SourceRange }
  | {
      kind: 'getatt';
      resource: string;
      range: SourceRange;
      attribute: string | undefined;
      attributeRange: SourceRange | undefined;
    }
  | {
      kind: 'sub';
      name: string;
      range: SourceRange;
      attribute: string | undefined;
      attributeRange: SourceRange | undefined;
      /** The whole `${...}` text, e.g. `MyFunction.Alias`. */
      text: string;
      /** Where a local name (Sub variable map key, ForEach identifier) is defined. */
      local?: SourceRange;
    }
  | { kind: 'condition'; name: string; range: SourceRange }
  | {
      kind: 'findinmap';
      name: string;
      range: SourceRange;
      topLevelKey: { value: string; range: SourceRange } | undefined;
      secondLevelKey: { value: string; range: SourceRange } | undefined;
      hasDefault: boolean;
    }
  | { kind: 'dependson'; name: string; range: SourceRange; owner: string };

type Scope = ReadonlyMap<string, SourceRange>;

/** Every reference in the template, in source order of discovery. Never throws. */
export function collectReferences(parsed: ParsedTemplate, text: string): TemplateReference[] {
  const references: TemplateReference[] = [];
  const root = parsed.root;
  if (root?.kind !== 'map') return references;
  const walker = new ReferenceWalker(text, references);
  for (const section of root.pairs) {
    const name = section.key.value;
    if ((name === 'Resources' || name === 'Outputs') && section.value?.kind === 'map') {
      for (const entry of section.value.pairs) {
        walker.readEntryAttributes(String(entry.key.value), entry.value, name === 'Resources');
      }
    }
    walker.walk(section.value, new Map());
  }
  return references;
}

/** The range of a scalar's text without its quotes, when the source is simply quoted. */
export function scalarTextRange(scalar: TemplateScalar): SourceRange {
  const length = scalar.value === null ? 0 : String(scalar.value).length;
  if (scalar.range.end - scalar.range.start === length + 2) {
    return { start: scalar.range.start + 1, end: scalar.range.end - 1 };
  }
  return scalar.range;
}

class ReferenceWalker {
  constructor(
    private readonly text: string,
    private readonly references: TemplateReference[],
  ) {}

  /** `Condition` and `DependsOn` of a resource or output are references too, but not intrinsics. */
  readEntryAttributes(owner: string, entry: TemplateNode | undefined, isResource: boolean): void {
    const condition = getMapValue(entry, 'Condition');
    if (condition?.kind === 'scalar' && !condition.tag && typeof condition.value === 'string') {
      this.references.push({ kind: 'condition', name: condition.value, range: scalarTextRange(condition) });
    }
    if (!isResource) return;
    const dependsOn = getMapValue(entry, 'DependsOn');
    const items = dependsOn?.kind === 'seq' ? dependsOn.items : dependsOn ? [dependsOn] : [];
    for (const item of items) {
      if (item.kind === 'scalar' && !item.tag && typeof item.value === 'string') {
        this.references.push({ kind: 'dependson', name: item.value, range: scalarTextRange(item), owner });
      }
    }
  }

  walk(node: TemplateNode | undefined, scope: Scope): void {
    if (!node) return;
    const call = readIntrinsic(node);
    if (call) {
      this.readCall(call, scope);
      return;
    }
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        // A loop sits among ordinary keys (`Resources: { Fn::ForEach::Topics: [...], Other: ... }`).
        const loop = typeof pair.key.value === 'string' && pair.key.value.startsWith('Fn::ForEach::');
        const args = loop && pair.value?.kind === 'seq' ? pair.value.items : undefined;
        if (args) this.readForEach(args, scope);
        else this.walk(pair.value, scope);
      }
    } else if (node.kind === 'seq') for (const item of node.items) this.walk(item, scope);
  }

  private readCall(call: IntrinsicCall, scope: Scope): void {
    const [first, second, ...rest] = call.args;
    switch (call.function.name) {
      case 'Ref':
        if (first?.kind === 'scalar' && !first.tag && first.value !== null) {
          const name = String(first.value);
          const local = scope.get(name);
          this.references.push({ kind: 'ref', name, range: scalarTextRange(first), ...(local ? { local } : {}) });
        } else this.walk(first, scope);
        return;
      case 'Fn::GetAtt':
        if (first?.kind === 'scalar' && !first.tag && first.value !== null) {
          const attribute = second?.kind === 'scalar' && !second.tag ? second : undefined;
          this.references.push({
            kind: 'getatt',
            resource: String(first.value),
            range: scalarTextRange(first),
            attribute: attribute && attribute.value !== null ? String(attribute.value) : undefined,
            attributeRange: attribute && scalarTextRange(attribute),
          });
        }
        this.walkAll(call.args.slice(1), scope);
        return;
      case 'Fn::Sub':
        this.readSub(first, second, scope);
        return;
      case 'Fn::If':
        this.readConditionName(first, scope);
        this.walkAll([second, ...rest], scope);
        return;
      case 'Condition':
        this.readConditionName(first, scope);
        return;
      case 'Fn::FindInMap':
        this.readFindInMap(call.args, scope);
        return;
      case 'Fn::ForEach':
        this.readForEach(call.args, scope);
        return;
      case 'Fn::ValueOf':
        // A rule reads an attribute of a parameter: `Fn::ValueOf: [ParameterName, Attribute]`.
        if (first?.kind === 'scalar' && !first.tag && typeof first.value === 'string') {
          this.references.push({ kind: 'ref', name: first.value, range: scalarTextRange(first) });
        }
        this.walkAll(call.args.slice(1), scope);
        return;
      default:
        this.walkAll(call.args, scope);
    }
  }

  private walkAll(nodes: (TemplateNode | undefined)[], scope: Scope): void {
    for (const node of nodes) this.walk(node, scope);
  }

  private readConditionName(node: TemplateNode | undefined, scope: Scope): void {
    if (node?.kind === 'scalar' && !node.tag && typeof node.value === 'string') {
      this.references.push({ kind: 'condition', name: node.value, range: scalarTextRange(node) });
    } else this.walk(node, scope);
  }

  private readSub(template: TemplateNode | undefined, variables: TemplateNode | undefined, scope: Scope): void {
    const local = new Map(scope);
    if (variables?.kind === 'map') {
      for (const pair of variables.pairs) {
        local.set(String(pair.key.value), pair.key.range);
        this.walk(pair.value, scope);
      }
    } else this.walk(variables, scope);
    if (template?.kind !== 'scalar' || template.tag) {
      this.walk(template, scope);
      return;
    }
    for (const variable of findSubVariables(this.text, template)) {
      const definition = local.get(variable.text) ?? local.get(variable.name);
      this.references.push({
        kind: 'sub',
        name: variable.name,
        range: variable.nameRange,
        attribute: variable.attribute,
        attributeRange: variable.attributeRange,
        text: variable.text,
        ...(definition ? { local: definition } : {}),
      });
    }
  }

  private readFindInMap(args: TemplateNode[], scope: Scope): void {
    const [mapName, topLevel, secondLevel, defaults] = args;
    const literal = (node: TemplateNode | undefined) =>
      node?.kind === 'scalar' && !node.tag && node.value !== null
        ? { value: String(node.value), range: scalarTextRange(node) }
        : undefined;
    const name = literal(mapName);
    if (name) {
      this.references.push({
        kind: 'findinmap',
        name: name.value,
        range: name.range,
        topLevelKey: literal(topLevel),
        secondLevelKey: literal(secondLevel),
        hasDefault: defaults !== undefined,
      });
    }
    this.walkAll(
      args.filter((arg) => !literal(arg)),
      scope,
    );
  }

  private readForEach(args: TemplateNode[], scope: Scope): void {
    const [identifier, collection, body] = args;
    this.walk(collection, scope);
    const local = new Map(scope);
    if (identifier?.kind === 'scalar' && identifier.value !== null)
      local.set(String(identifier.value), identifier.range);
    // The body's keys are output templates (`Topic${Name}`); its values are fragments to walk.
    if (body?.kind === 'map') for (const pair of body.pairs) this.walk(pair.value, local);
  }
}
