// Intrinsic function calls as templates write them: YAML short forms (`!Ref X`, tags kept on nodes by the
// parser) and the JSON long forms (`{ "Ref": "X" }`, `{ "Fn::GetAtt": [...] }`).
import { scalarString, type TemplateNode } from '../template/templateTree';

/** An intrinsic function call written in either form: `!Ref X` or `{ Ref: X }`. */
export interface IntrinsicCall {
  name: string;
  argument: TemplateNode;
}

/** The intrinsic function a node calls, if it is one (short-form tag or one-key `Fn::` map). */
export function intrinsicOf(node: TemplateNode | undefined): IntrinsicCall | undefined {
  if (!node) return undefined;
  if (node.tag?.startsWith('!') && node.tag !== '!Condition') {
    const bare = node.tag.slice(1);
    const { tag: _tag, ...argument } = node;
    return { name: bare === 'Ref' ? 'Ref' : `Fn::${bare}`, argument: argument as TemplateNode };
  }
  if (node.kind === 'map' && node.pairs.length === 1) {
    const [pair] = node.pairs;
    const key = String(pair?.key.value);
    if (pair?.value && (key === 'Ref' || key.startsWith('Fn::'))) return { name: key, argument: pair.value };
  }
  return undefined;
}

/** The logical id and attribute of a `Fn::GetAtt` argument (`X.Attr` or `[X, Attr]`). */
export function getAttParts(argument: TemplateNode): [string, string] | undefined {
  if (argument.kind === 'seq') {
    const [logicalId, attribute] = argument.items.map(scalarString);
    return logicalId && attribute ? [logicalId, attribute] : undefined;
  }
  const text = scalarString(argument);
  const dot = text?.indexOf('.') ?? -1;
  return text && dot > 0 ? [text.slice(0, dot), text.slice(dot + 1)] : undefined;
}
