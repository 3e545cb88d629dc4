import type { SourceRange, TemplateMap, TemplateNode, TemplateScalar } from '../templateTree';

/** One CloudFormation intrinsic function (or condition function), as the engine documents and checks it. */
export interface IntrinsicFunction {
  /** The long-form key: `Ref`, `Condition` or `Fn::Name`. */
  name: string;
  /** The YAML short-form tag, e.g. `!GetAtt`; undefined for functions that only have a long form. */
  shortTag: string | undefined;
  /** How the call is written, for hovers and completion details. */
  signature: string;
  documentation: string;
  /** Set for functions that need a transform, such as `AWS::LanguageExtensions`. */
  transform?: string;
  /** True for the rule-specific functions, valid only inside `Rules`. */
  rulesOnly?: boolean;
}

const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

function intrinsic(
  name: string,
  signature: string,
  documentation: string,
  options: { short?: boolean; transform?: string; rulesOnly?: boolean } = {},
): IntrinsicFunction {
  const shortTag = options.short === false ? undefined : `!${name.replace(/^Fn::/, '')}`;
  const entry: IntrinsicFunction = { name, shortTag, signature, documentation };
  if (options.transform) entry.transform = options.transform;
  if (options.rulesOnly) entry.rulesOnly = true;
  return entry;
}

/** A rule-specific function: short and long forms, valid only in the conditions and assertions of `Rules`. */
function ruleFunction(name: string, signature: string, documentation: string): IntrinsicFunction {
  return intrinsic(name, signature, `${documentation} Valid only in \`Rules\`.`, { rulesOnly: true });
}

/** Every intrinsic and condition function the engine understands, keyed by long-form name. */
export const INTRINSIC_FUNCTIONS: ReadonlyMap<string, IntrinsicFunction> = new Map(
  [
    intrinsic(
      'Ref',
      '!Ref LogicalIdOrParameter',
      "Returns a parameter's value, or a resource's reference value (usually its physical name or ID; each type documents what `Ref` returns). Also accepts pseudo parameters such as `AWS::Region`.",
    ),
    intrinsic(
      'Fn::GetAtt',
      '!GetAtt LogicalId.Attribute  |  !GetAtt [LogicalId, Attribute]',
      'Returns an attribute of a resource in the template, such as the `Arn` of a function or queue.',
    ),
    intrinsic(
      'Fn::Sub',
      "!Sub 'text ${Name} ${Resource.Attribute}'  |  !Sub ['text ${Var}', { Var: value }]",
      'Substitutes variables in a string: `${Parameter}`, `${Resource}` (its `Ref`), `${Resource.Attribute}` (its `GetAtt`), pseudo parameters, or the names of the optional variable map. `${!Literal}` writes `${Literal}`.',
    ),
    intrinsic(
      'Fn::Join',
      '!Join [delimiter, [value, ...]]',
      'Joins a list of values into one string, separated by the delimiter (which may be empty).',
    ),
    intrinsic('Fn::Select', '!Select [index, list]', 'Returns the element at a zero-based index of a list.'),
    intrinsic('Fn::Split', '!Split [delimiter, string]', 'Splits a string into a list of strings at each delimiter.'),
    intrinsic(
      'Fn::If',
      '!If [ConditionName, valueIfTrue, valueIfFalse]',
      'Returns one of two values depending on a condition declared in `Conditions`. Use `!Ref AWS::NoValue` to drop the property.',
    ),
    intrinsic('Fn::Equals', '!Equals [value1, value2]', 'True when both values are equal. Used in `Conditions`.'),
    intrinsic('Fn::And', '!And [condition, ...]', 'True when all 2 to 10 conditions are true.'),
    intrinsic('Fn::Or', '!Or [condition, ...]', 'True when any of the 2 to 10 conditions is true.'),
    intrinsic('Fn::Not', '!Not [condition]', 'Negates one condition.'),
    intrinsic(
      'Fn::FindInMap',
      '!FindInMap [MapName, TopLevelKey, SecondLevelKey]',
      'Returns the value stored under two keys of a map declared in `Mappings`. With `AWS::LanguageExtensions`, a fourth argument `{ DefaultValue: ... }` is used when a key is missing.',
    ),
    intrinsic(
      'Fn::ImportValue',
      '!ImportValue ExportName',
      'Returns the value of an output exported by another stack in the same account and Region.',
    ),
    intrinsic('Fn::Base64', '!Base64 string', 'Returns the Base64 encoding of a string, typically for EC2 `UserData`.'),
    intrinsic(
      'Fn::Cidr',
      '!Cidr [ipBlock, count, cidrBits]',
      'Returns a list of `count` CIDR blocks carved out of `ipBlock`, each with `cidrBits` host bits.',
    ),
    intrinsic(
      'Fn::GetAZs',
      "!GetAZs ''  |  !GetAZs region",
      'Returns the Availability Zones of a Region (the current one for an empty string or `!Ref AWS::Region`).',
    ),
    intrinsic(
      'Condition',
      '!Condition ConditionName',
      'Refers to a condition declared in `Conditions`, inside `Fn::And`, `Fn::Or` and `Fn::Not`.',
    ),
    intrinsic(
      'Fn::Transform',
      '!Transform { Name: MacroName, Parameters: {...} }',
      'Runs a CloudFormation macro (such as `AWS::Include`) on part of the template.',
    ),
    intrinsic(
      'Fn::ToJsonString',
      '!ToJsonString object',
      'Converts an object or list to a JSON string (requires the `AWS::LanguageExtensions` transform).',
      { transform: LANGUAGE_EXTENSIONS },
    ),
    intrinsic(
      'Fn::Length',
      '!Length list',
      'Returns the number of elements of a list (requires the `AWS::LanguageExtensions` transform).',
      { transform: LANGUAGE_EXTENSIONS },
    ),
    intrinsic(
      'Fn::ForEach',
      'Fn::ForEach::LoopName: [Identifier, Collection, { OutputKey${Identifier}: OutputValue }]',
      'Repeats a template fragment for each element of a collection, replacing `${Identifier}` and `Ref: Identifier` (requires the `AWS::LanguageExtensions` transform).',
      { transform: LANGUAGE_EXTENSIONS },
    ),
    ruleFunction(
      'Fn::Contains',
      '!Contains [[value, ...], value]',
      'Rule function: true when the list contains the value.',
    ),
    ruleFunction(
      'Fn::EachMemberEquals',
      '!EachMemberEquals [[value, ...], value]',
      'Rule function: true when every member of the list equals the value.',
    ),
    ruleFunction(
      'Fn::EachMemberIn',
      '!EachMemberIn [[value, ...], [allowed, ...]]',
      'Rule function: true when every member of the first list is in the second.',
    ),
    ruleFunction(
      'Fn::RefAll',
      '!RefAll ParameterType',
      'Rule function: the values of every parameter of an AWS-specific type, e.g. `AWS::EC2::VPC::Id`.',
    ),
    ruleFunction(
      'Fn::ValueOf',
      '!ValueOf [ParameterName, Attribute]',
      'Rule function: an attribute (such as `VpcId` or `Tags`) of the resource a parameter names.',
    ),
    ruleFunction(
      'Fn::ValueOfAll',
      '!ValueOfAll [ParameterType, Attribute]',
      'Rule function: an attribute of the resources named by every parameter of a type.',
    ),
  ].map((entry) => [entry.name, entry]),
);

const BY_SHORT_TAG: ReadonlyMap<string, IntrinsicFunction> = new Map(
  [...INTRINSIC_FUNCTIONS.values()]
    .filter((entry) => entry.shortTag !== undefined)
    .map((entry) => [entry.shortTag!, entry]),
);

/** The function a long-form key names (`Fn::ForEach::Loop` names `Fn::ForEach`). */
export function intrinsicByKey(key: string): IntrinsicFunction | undefined {
  if (key.startsWith('Fn::ForEach::')) return INTRINSIC_FUNCTIONS.get('Fn::ForEach');
  return INTRINSIC_FUNCTIONS.get(key);
}

/** The function a short-form tag names. */
export function intrinsicByTag(tag: string): IntrinsicFunction | undefined {
  return BY_SHORT_TAG.get(tag);
}

/** An intrinsic call found in the tree, in either form, with its arguments normalised. */
export interface IntrinsicCall {
  function: IntrinsicFunction;
  form: 'short' | 'long';
  /** The whole call: the tagged node, or the one-key map of the long form. */
  node: TemplateNode;
  /** The node holding the arguments (for the long form, the map's value). */
  argumentNode: TemplateNode | undefined;
  /** The long-form key, when written in long form (its range locates the function name). */
  keyNode?: TemplateScalar;
  /**
   * Arguments in order. A single-argument function has one; list-argument functions have one per item;
   * `!GetAtt A.B` is split into two scalars with their own ranges.
   */
  args: TemplateNode[];
}

/** Reads an intrinsic call at `node`, if the node is one (short tag, or a one-key `Ref`/`Condition`/`Fn::` map). */
export function readIntrinsic(node: TemplateNode | undefined): IntrinsicCall | undefined {
  if (!node) return undefined;
  if (node.tag) {
    const fn = intrinsicByTag(node.tag);
    if (!fn) return undefined;
    return { function: fn, form: 'short', node, argumentNode: node, args: argumentsOf(fn, node) };
  }
  if (node.kind !== 'map' || node.pairs.length !== 1) return undefined;
  const pair = node.pairs[0]!;
  const key = pair.key.value;
  if (typeof key !== 'string') return undefined;
  const fn = intrinsicByKey(key);
  if (!fn) return undefined;
  // `Ref` and `Condition` are also ordinary property names (IAM statements have `Condition` maps).
  if ((fn.name === 'Ref' || fn.name === 'Condition') && pair.value?.kind !== 'scalar') return undefined;
  return {
    function: fn,
    form: 'long',
    node,
    argumentNode: pair.value,
    keyNode: pair.key,
    args: argumentsOf(fn, pair.value),
  };
}

function argumentsOf(fn: IntrinsicFunction, value: TemplateNode | undefined): TemplateNode[] {
  if (!value) return [];
  const untagged = value.tag && value.tag === fn.shortTag ? withoutTag(value) : value;
  if (fn.name === 'Fn::GetAtt' && untagged.kind === 'scalar') return splitGetAttScalar(untagged);
  if (untagged.kind === 'seq') return untagged.items;
  return [untagged];
}

function withoutTag(node: TemplateNode): TemplateNode {
  const copy = { ...node };
  delete copy.tag;
  return copy;
}

/**
 * `A.B.C` is resource `A`, attribute `B.C` (attributes such as `Endpoint.Address` contain dots). Ranges are exact
 * for plain and simply quoted scalars, whose source text is the value itself or the value in quotes.
 */
export function splitGetAttScalar(scalar: TemplateScalar): TemplateScalar[] {
  const text = scalar.value === null ? '' : String(scalar.value);
  const sourceLength = scalar.range.end - scalar.range.start;
  const quoteWidth = sourceLength === text.length + 2 ? 1 : 0;
  const exact = sourceLength === text.length || quoteWidth === 1;
  const base = scalar.range.start + quoteWidth;
  const dot = text.indexOf('.');
  if (dot === -1)
    return [{ kind: 'scalar', value: text, range: exact ? { start: base, end: base + text.length } : scalar.range }];
  const resourceRange: SourceRange = exact ? { start: base, end: base + dot } : scalar.range;
  const attributeRange: SourceRange = exact ? { start: base + dot + 1, end: base + text.length } : scalar.range;
  return [
    { kind: 'scalar', value: text.slice(0, dot), range: resourceRange },
    { kind: 'scalar', value: text.slice(dot + 1), range: attributeRange },
  ];
}

/** Converts short forms to the long form for checking, recursively, keeping every node's range. */
export function toLongForm(node: TemplateNode | undefined): TemplateNode | undefined {
  if (!node) return undefined;
  const call = node.tag ? readIntrinsic(node) : undefined;
  if (call) {
    const fn = call.function;
    const argument = withoutTag(node);
    const converted =
      fn.name === 'Fn::GetAtt' && argument.kind === 'scalar'
        ? { kind: 'seq' as const, range: argument.range, items: splitGetAttScalar(argument) }
        : toLongForm(argument);
    // The tag's own position is not kept by the tree; the key takes the empty range at the value's start.
    const key: TemplateScalar = {
      kind: 'scalar',
      value: fn.name,
      range: { start: node.range.start, end: node.range.start },
    };
    const map: TemplateMap = { kind: 'map', range: node.range, pairs: [{ key, value: converted }] };
    return map;
  }
  if (node.kind === 'map') {
    return { ...node, pairs: node.pairs.map((pair) => ({ key: pair.key, value: toLongForm(pair.value) })) };
  }
  if (node.kind === 'seq') return { ...node, items: node.items.map((item) => toLongForm(item)!) };
  return node;
}
