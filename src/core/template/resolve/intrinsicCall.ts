// Intrinsic function calls as templates write them: YAML short forms (`!Ref X`, tags kept on nodes by the
// parser) and the JSON long forms (`{ "Ref": "X" }`, `{ "Fn::GetAtt": [...] }`).
import { scalarString, type TemplateNode } from '../templateTree';

/** An intrinsic function call written in either form: `!Ref X` or `{ Ref: X }`. */
export interface IntrinsicCall {
  /** The long-form name: `Ref`, `Condition` or `Fn::<Name>`. */
  name: string;
  argument: TemplateNode;
}

const SHORT_TAG_FUNCTIONS: Readonly<Record<string, string>> = { '!Ref': 'Ref', '!Condition': 'Condition' };

/** The intrinsic function a node calls (short-form tag or one-key map), or undefined for plain data. */
export function intrinsicCall(node: TemplateNode | undefined): IntrinsicCall | undefined {
  if (!node) return undefined;
  if (node.tag) {
    const name = SHORT_TAG_FUNCTIONS[node.tag] ?? `Fn::${node.tag.slice(1)}`;
    const { tag: _tag, ...argument } = node;
    return { name, argument: argument as TemplateNode };
  }
  if (node.kind !== 'map' || node.pairs.length !== 1) return undefined;
  const [pair] = node.pairs;
  const key = String(pair?.key.value);
  if (!pair?.value) return undefined;
  if (key === 'Ref' || key.startsWith('Fn::')) return { name: key, argument: pair.value };
  // `{ Condition: Name }` names a condition; a one-key map whose value is not a name is data (an IAM `Condition`).
  if (key === 'Condition' && pair.value.kind === 'scalar') return { name: key, argument: pair.value };
  return undefined;
}

/** The logical id and attribute of a `Fn::GetAtt` argument (`X.Attr` or `[X, Attr]`) written as plain text. */
export function getAttParts(argument: TemplateNode): [string, string] | undefined {
  if (argument.kind === 'seq') {
    const [logicalId, attribute] = argument.items.map(scalarString);
    return logicalId && attribute ? [logicalId, attribute] : undefined;
  }
  const text = scalarString(argument);
  const dot = text?.indexOf('.') ?? -1;
  return text && dot > 0 ? [text.slice(0, dot), text.slice(dot + 1)] : undefined;
}

/** The logical id a `Ref`, `Fn::GetAtt` or `${Name}`-only `Fn::Sub` names, whether or not it exists. */
export function referencedName(node: TemplateNode | undefined): string | undefined {
  const call = intrinsicCall(node);
  if (call?.name === 'Ref') return scalarString(call.argument);
  if (call?.name === 'Fn::GetAtt') return getAttParts(call.argument)?.[0];
  if (call?.name === 'Fn::Sub') {
    const text = scalarString(call.argument.kind === 'seq' ? call.argument.items[0] : call.argument);
    return /^\$\{([A-Za-z0-9]+)(\.[A-Za-z.]+)?\}$/.exec(text ?? '')?.[1];
  }
  return undefined;
}
