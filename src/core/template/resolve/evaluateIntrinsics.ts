// Evaluates CloudFormation intrinsic functions that can be answered without AWS: Ref to parameters and pseudo
// parameters, Sub, Join, If with Conditions, FindInMap, Select, Split, Base64, GetAZs, Cidr, and Ref/GetAtt to
// resources through the scope (placeholders locally, deployed resources in the local cloud). What cannot be
// answered (ImportValue without exports, unknown names) throws UnresolvedIntrinsic, or, when the scope guesses,
// is left out or stands as a readable placeholder.
import { getMapPair, getMapValue, type TemplateNode } from '../templateTree';
import { cidrBlocks } from './cidrBlocks';
import { intrinsicCall } from './intrinsicCall';

/** A parameter's value: text, or a list for CommaDelimitedList and List<...> parameters. */
export type ParameterValue = string | string[];

/** `AWS::NoValue`: the property it stands in is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** An intrinsic that cannot be evaluated locally (ImportValue, Cidr, unknown resources...). */
export class UnresolvedIntrinsic extends Error {
  constructor(
    readonly intrinsic: string,
    detail: string,
  ) {
    super(`${intrinsic}: ${detail}`);
    this.name = 'UnresolvedIntrinsic';
  }
}

/** How evaluation answers what cannot be known locally. */
export interface EvaluationPolicy {
  /**
   * `throw`: UnresolvedIntrinsic, so the caller decides per property (the local runtime). `guess`: the call is
   * left out as AWS::NoValue would be, a `${Name}` of Fn::Sub becomes `name` in kebab case and Fn::ImportValue
   * `imported-<export>` (sample events, which always want something to show).
   */
  unresolved: 'throw' | 'guess';
  /** Fn::If: evaluate its condition, or take the first branch without evaluating it. */
  conditions: 'evaluate' | 'firstBranch';
}

/** What intrinsics can see: parameter values, mappings, conditions and resource placeholders. */
export interface IntrinsicScope {
  /** Template parameters and pseudo parameters that have a value. */
  parameters: ReadonlyMap<string, ParameterValue>;
  /** The template's Mappings section. */
  mappings: TemplateNode | undefined;
  /** The template's Conditions section. */
  conditions: TemplateNode | undefined;
  region: string;
  policy: EvaluationPolicy;
  /** The value of `Ref <logicalId>` for a resource, or undefined when there is no such resource. */
  refResource: (logicalId: string) => string | undefined;
  /** The value of `Fn::GetAtt <logicalId>.<attribute>` (text, or a list for list attributes); undefined if unknown. */
  getAttribute: (logicalId: string, attribute: string) => unknown;
  /** The value of an export for Fn::ImportValue (the local cloud's stacks); without it, ImportValue is unresolved. */
  importValue?: (exportName: string) => string | undefined;
  /** The Availability Zones Fn::GetAZs returns for a region (default: `<region>a`, `b`, `c`). */
  availabilityZones?: (region: string) => string[];
}

const MAX_DEPTH = 64;

/** Evaluates a template node into plain data; a missing node is null, or NO_VALUE when the scope guesses. */
export function evaluateIntrinsics(node: TemplateNode | undefined, scope: IntrinsicScope): unknown {
  return new Evaluator(scope).evaluate(node, 0);
}

/** Evaluates one named condition of the template's Conditions section. */
export function evaluateCondition(name: string, scope: IntrinsicScope): boolean {
  return new Evaluator(scope).condition(name, 0);
}

/** A resolved scalar as text; undefined for objects, lists and nothing. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

class Evaluator {
  private readonly conditionValues = new Map<string, boolean>();
  private readonly conditionsInProgress = new Set<string>();
  private readonly guessing: boolean;

  constructor(private readonly scope: IntrinsicScope) {
    this.guessing = scope.policy.unresolved === 'guess';
  }

  evaluate(node: TemplateNode | undefined, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new UnresolvedIntrinsic('template', 'values nest too deeply');
    // A key with nothing after it yet (while typing): data keeps it as null, guesses leave it out.
    if (!node) return this.guessing ? NO_VALUE : null;
    const call = intrinsicCall(node);
    if (call) {
      if (!this.guessing) return this.call(call.name, call.argument, depth + 1);
      return this.attempt(() => this.call(call.name, call.argument, depth + 1)) ?? NO_VALUE;
    }
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'seq') {
      return node.items.map((item) => this.evaluate(item, depth + 1)).filter((value) => value !== NO_VALUE);
    }
    const result: Record<string, unknown> = {};
    for (const pair of node.pairs) {
      const value = this.evaluate(pair.value, depth + 1);
      if (value !== NO_VALUE) result[String(pair.key.value)] = value;
    }
    return result;
  }

  condition(name: string, depth: number): boolean {
    const known = this.conditionValues.get(name);
    if (known !== undefined) return known;
    if (this.conditionsInProgress.has(name)) throw new UnresolvedIntrinsic('Condition', `"${name}" refers to itself`);
    const definition = getMapValue(this.scope.conditions, name);
    if (!definition) throw new UnresolvedIntrinsic('Condition', `no condition named "${name}"`);
    this.conditionsInProgress.add(name);
    try {
      const value = this.truth(this.evaluate(definition, depth + 1), 'Condition');
      this.conditionValues.set(name, value);
      return value;
    } finally {
      this.conditionsInProgress.delete(name);
    }
  }

  private call(name: string, argument: TemplateNode, depth: number): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(this.text(this.evaluate(argument, depth), 'Ref'));
      case 'Condition':
        return this.condition(this.text(this.evaluate(argument, depth), 'Condition'), depth);
      case 'Fn::Sub':
        return this.sub(argument, depth);
      case 'Fn::Join': {
        const [separator, values] = this.list(argument, depth, 'Fn::Join', 2);
        return this.flatList(values, 'Fn::Join')
          .map((value) => this.text(value, 'Fn::Join'))
          .join(this.text(separator, 'Fn::Join'));
      }
      case 'Fn::Select': {
        const [index, values] = this.list(argument, depth, 'Fn::Select', 2);
        const list = this.flatList(values, 'Fn::Select');
        const selected = list[Number(index)];
        if (selected === undefined)
          throw new UnresolvedIntrinsic('Fn::Select', `index ${String(index)} is out of range`);
        return selected;
      }
      case 'Fn::Split': {
        const [separator, value] = this.list(argument, depth, 'Fn::Split', 2);
        return this.text(value, 'Fn::Split').split(this.text(separator, 'Fn::Split'));
      }
      case 'Fn::If':
        return this.conditional(argument, depth);
      case 'Fn::Equals': {
        const [left, right] = this.list(argument, depth, 'Fn::Equals', 2);
        return JSON.stringify(normalizeForEquals(left)) === JSON.stringify(normalizeForEquals(right));
      }
      case 'Fn::And':
        return this.list(argument, depth, 'Fn::And').every((value) => this.truth(value, 'Fn::And'));
      case 'Fn::Or':
        return this.list(argument, depth, 'Fn::Or').some((value) => this.truth(value, 'Fn::Or'));
      case 'Fn::Not': {
        const [value] = this.list(argument, depth, 'Fn::Not', 1);
        return !this.truth(value, 'Fn::Not');
      }
      case 'Fn::FindInMap':
        return this.findInMap(argument, depth);
      case 'Fn::GetAtt':
        return this.getAtt(argument, depth);
      case 'Fn::Base64':
        return Buffer.from(this.text(this.evaluate(argument, depth), 'Fn::Base64'), 'utf8').toString('base64');
      case 'Fn::GetAZs': {
        const region = this.text(this.evaluate(argument, depth), 'Fn::GetAZs') || this.scope.region;
        return this.scope.availabilityZones?.(region) ?? ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
      }
      case 'Fn::Cidr': {
        const [block, count, bits] = this.list(argument, depth, 'Fn::Cidr', 3);
        const blocks = cidrBlocks(this.text(block, name), Number(count), Number(bits));
        if (typeof blocks === 'string') throw new UnresolvedIntrinsic(name, blocks);
        return blocks;
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.evaluate(argument, depth));
      case 'Fn::Length': {
        const value = this.evaluate(argument, depth);
        if (!Array.isArray(value)) throw new UnresolvedIntrinsic('Fn::Length', 'expects a list');
        return value.length;
      }
      case 'Fn::ImportValue':
        if (this.scope.importValue) {
          const exportName = this.text(this.evaluate(argument, depth), name);
          const imported = this.scope.importValue(exportName);
          if (imported === undefined) throw new UnresolvedIntrinsic(name, `No export named ${exportName} found`);
          return imported;
        }
        if (this.guessing) {
          return `imported-${this.attempt(() => this.text(this.evaluate(argument, depth), name)) ?? 'value'}`;
        }
        throw new UnresolvedIntrinsic(name, 'cannot be evaluated without AWS');
      default:
        throw new UnresolvedIntrinsic(name, 'cannot be evaluated without AWS');
    }
  }

  private ref(name: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const parameter = this.scope.parameters.get(name);
    if (parameter !== undefined) return parameter;
    const resource = this.scope.refResource(name);
    if (resource !== undefined) return resource;
    throw new UnresolvedIntrinsic('Ref', `nothing named "${name}" in the template`);
  }

  private getAtt(argument: TemplateNode, depth: number): unknown {
    const value = this.evaluate(argument, depth);
    let logicalId: string;
    let attribute: string;
    if (typeof value === 'string') {
      const dot = value.indexOf('.');
      logicalId = dot < 0 ? value : value.slice(0, dot);
      attribute = dot < 0 ? '' : value.slice(dot + 1);
    } else if (Array.isArray(value) && value.length === 2) {
      logicalId = this.text(value[0], 'Fn::GetAtt');
      attribute = this.text(value[1], 'Fn::GetAtt');
    } else {
      throw new UnresolvedIntrinsic('Fn::GetAtt', 'expects "Resource.Attribute" or [Resource, Attribute]');
    }
    const result = this.scope.getAttribute(logicalId, attribute);
    if (result === undefined) throw new UnresolvedIntrinsic('Fn::GetAtt', `no resource named "${logicalId}"`);
    return result;
  }

  private sub(argument: TemplateNode, depth: number): string {
    const templateNode = argument.kind === 'seq' ? argument.items[0] : argument;
    const variables = argument.kind === 'seq' ? argument.items[1] : undefined;
    const template = this.text(this.evaluate(templateNode, depth), 'Fn::Sub');
    // `${!Literal}` writes `${Literal}` as is; every other `${Name}` is a variable, parameter or attribute.
    return template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      const variable = getMapPair(variables, name);
      if (variable) {
        const value = () => this.text(this.evaluate(variable.value, depth), 'Fn::Sub');
        return this.guessing ? (this.attempt(value) ?? name) : value();
      }
      if (!this.guessing) return this.subName(name);
      return this.attempt(() => this.subName(name)) ?? placeholderFor(whole);
    });
  }

  private subName(name: string): string {
    const dot = name.indexOf('.');
    if (dot > 0 && !this.scope.parameters.has(name)) {
      const attribute = this.scope.getAttribute(name.slice(0, dot), name.slice(dot + 1));
      if (attribute !== undefined) return this.text(attribute, 'Fn::Sub');
    }
    return this.text(this.ref(name), 'Fn::Sub');
  }

  private conditional(argument: TemplateNode, depth: number): unknown {
    if (this.scope.policy.conditions === 'firstBranch') {
      return this.evaluate(argument.kind === 'seq' ? argument.items[1] : undefined, depth);
    }
    if (argument.kind !== 'seq' || argument.items.length !== 3) {
      throw new UnresolvedIntrinsic('Fn::If', 'expects [condition, value if true, value if false]');
    }
    const [conditionNode, whenTrue, whenFalse] = argument.items;
    const name = this.text(this.evaluate(conditionNode, depth), 'Fn::If');
    return this.evaluate(this.condition(name, depth) ? whenTrue : whenFalse, depth);
  }

  private findInMap(argument: TemplateNode, depth: number): unknown {
    if (argument.kind !== 'seq' || argument.items.length < 3) {
      throw new UnresolvedIntrinsic('Fn::FindInMap', 'expects [map, top-level key, second-level key]');
    }
    const [mapName, topKey, secondKey] = argument.items
      .slice(0, 3)
      .map((item) => this.text(this.evaluate(item, depth), 'Fn::FindInMap'));
    const found = getMapValue(
      getMapValue(getMapValue(this.scope.mappings, mapName ?? ''), topKey ?? ''),
      secondKey ?? '',
    );
    if (found) return this.evaluate(found, depth);
    // AWS::LanguageExtensions adds a fourth argument: { DefaultValue: ... }.
    const fallback = getMapValue(argument.items[3], 'DefaultValue');
    if (fallback) return this.evaluate(fallback, depth);
    throw new UnresolvedIntrinsic('Fn::FindInMap', `no value at ${mapName}/${topKey}/${secondKey}`);
  }

  /** The value, or undefined when it cannot be resolved locally. */
  private attempt<T>(compute: () => T): T | undefined {
    try {
      return compute();
    } catch (error) {
      if (error instanceof UnresolvedIntrinsic) return undefined;
      throw error;
    }
  }

  private list(argument: TemplateNode, depth: number, name: string, length?: number): unknown[] {
    const value = this.evaluate(argument, depth);
    if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
      throw new UnresolvedIntrinsic(name, length ? `expects a list of ${length}` : 'expects a list');
    }
    return value;
  }

  private flatList(value: unknown, name: string): unknown[] {
    if (Array.isArray(value)) return value;
    throw new UnresolvedIntrinsic(name, 'expects a list of values');
  }

  private text(value: unknown, name: string): string {
    const text = scalarText(value);
    if (text === undefined) throw new UnresolvedIntrinsic(name, 'expects text');
    return text;
  }

  private truth(value: unknown, name: string): boolean {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new UnresolvedIntrinsic(name, 'expects a condition');
  }
}

/** Fn::Equals compares values as CloudFormation does: numbers and booleans as their text. */
function normalizeForEquals(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(normalizeForEquals);
  return value;
}

/** Placeholder text for a `${...}` that cannot be resolved locally: its name in kebab case. */
function placeholderFor(expression: string): string {
  return expression
    .replace(/[${}]/g, '')
    .replace(/[.:]+/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}
