import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { INTRINSIC_FUNCTIONS, readIntrinsic, toLongForm } from '../../../src/core/template/language/intrinsicFunctions';
import { getMapValue, type TemplateNode } from '../../../src/core/template/templateTree';

function valueOf(yaml: string): { text: string; node: TemplateNode | undefined } {
  const text = `Value: ${yaml}\n`;
  return { text, node: getMapValue(parseTemplate(text).root, 'Value') };
}

/** The long form as plain data: maps as objects, scalars as their values. */
function plain(node: TemplateNode | undefined): unknown {
  if (!node) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.pairs.map((pair) => [String(pair.key.value), plain(pair.value)]));
}

describe('intrinsic functions', () => {
  it('turns every short form into its long form', () => {
    const cases: [string, unknown][] = [
      ['!Ref Stage', { Ref: 'Stage' }],
      ['!GetAtt Queue.Arn', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
      ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
      ['!GetAtt [Queue, Arn]', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
      ["!Sub 'arn:${AWS::Partition}'", { 'Fn::Sub': 'arn:${AWS::Partition}' }],
      ["!Sub ['${A}', { A: !Ref B }]", { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] }],
      ["!Join ['', [a, !Ref B]]", { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
      ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
      ['!Split [",", !Ref L]', { 'Fn::Split': [',', { Ref: 'L' }] }],
      ['!If [C, a, !Ref AWS::NoValue]', { 'Fn::If': ['C', 'a', { Ref: 'AWS::NoValue' }] }],
      ['!Not [!Equals [a, b]]', { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] }],
      [
        '!And [!Condition A, !Or [!Condition B, !Condition C]]',
        { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] },
      ],
      ['!FindInMap [M, K, V]', { 'Fn::FindInMap': ['M', 'K', 'V'] }],
      ['!ImportValue Shared', { 'Fn::ImportValue': 'Shared' }],
      ['!Base64 text', { 'Fn::Base64': 'text' }],
      ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
      ['!Transform { Name: AWS::Include }', { 'Fn::Transform': { Name: 'AWS::Include' } }],
      ['!ToJsonString { a: 1 }', { 'Fn::ToJsonString': { a: 1 } }],
      ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ];
    for (const [yaml, expected] of cases) assert.deepEqual(plain(toLongForm(valueOf(yaml).node)), expected, yaml);
  });

  it('keeps positions: each argument of the long form points at its text', () => {
    const { text, node } = valueOf('!GetAtt MyQueue.Arn');
    const long = toLongForm(node);
    assert.equal(long?.kind, 'map');
    const args = long?.kind === 'map' ? long.pairs[0]!.value : undefined;
    assert.equal(args?.kind, 'seq');
    if (args?.kind !== 'seq') return;
    assert.deepEqual(
      args.items.map((item) => text.slice(item.range.start, item.range.end)),
      ['MyQueue', 'Arn'],
    );
    const quoted = valueOf('!GetAtt "MyQueue.Arn"');
    const [resource] = readIntrinsic(quoted.node)!.args;
    assert.equal(quoted.text.slice(resource!.range.start, resource!.range.end), 'MyQueue');
  });

  it('reads long forms, but not ordinary maps that happen to use the names', () => {
    const { node } = valueOf('{ "Fn::GetAtt": [A, B] }');
    const call = readIntrinsic(node);
    assert.equal(call?.function.name, 'Fn::GetAtt');
    assert.equal(call?.form, 'long');
    assert.equal(call?.args.length, 2);
    assert.equal(readIntrinsic(valueOf('{ Condition: { StringEquals: { a: b } } }').node), undefined);
    assert.equal(readIntrinsic(valueOf('{ Ref: X, Other: Y }').node), undefined);
    assert.equal(readIntrinsic(valueOf('plain').node), undefined);
  });

  it('documents every function with a signature and a short tag where YAML has one', () => {
    for (const fn of INTRINSIC_FUNCTIONS.values()) {
      assert.ok(fn.signature.length > 0 && fn.documentation.length > 20, fn.name);
      if (fn.shortTag) assert.equal(fn.shortTag, `!${fn.name.replace(/^Fn::/, '')}`);
    }
    assert.equal(INTRINSIC_FUNCTIONS.get('Fn::ToJsonString')?.transform, 'AWS::LanguageExtensions');
  });
});
