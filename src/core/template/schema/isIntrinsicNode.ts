import { SHORT_FORM_TAGS } from '../parseTemplate';
import type { TemplateNode } from '../templateTree';

// Every value position of a template may hold an intrinsic function instead of a literal value. Schema checks
// never look inside one: what it evaluates to is only known at deploy time (references are checked elsewhere).
const LONG_FORM_KEY = /^(Ref|Fn::[A-Za-z0-9]+)$/;

/**
 * True when the node is an intrinsic function call: a short-form tag (`!Ref`, `!If`...) or a one-key map whose
 * key is `Ref` or `Fn::*`. `{Condition: Name}` counts too unless the expected object has a `Condition` property
 * of its own (IAM statements, resource entries).
 */
export function isIntrinsicNode(node: TemplateNode, options: { conditionIsProperty?: boolean } = {}): boolean {
  // Tags other than CloudFormation's belong to macros or other tools: just as opaque.
  if (node.tag !== undefined) return true;
  if (node.kind !== 'map' || node.pairs.length !== 1) return false;
  const key = node.pairs[0]?.key.value;
  if (typeof key !== 'string') return false;
  return LONG_FORM_KEY.test(key) || (key === 'Condition' && !options.conditionIsProperty);
}

/** The name of the intrinsic function at `node` (`Fn::If` for both `!If` and `{"Fn::If": ...}`), if it is one. */
export function intrinsicName(node: TemplateNode): string | undefined {
  if (node.tag !== undefined) {
    if (!SHORT_FORM_TAGS.has(node.tag)) return undefined;
    const bare = node.tag.slice(1);
    return bare === 'Ref' || bare === 'Condition' ? bare : `Fn::${bare}`;
  }
  if (node.kind !== 'map' || node.pairs.length !== 1) return undefined;
  const key = node.pairs[0]?.key.value;
  return typeof key === 'string' && (LONG_FORM_KEY.test(key) || key === 'Condition') ? key : undefined;
}
