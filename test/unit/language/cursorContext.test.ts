import { strict as assert } from 'node:assert';
import { getCursorContext, type CursorContext } from '../../../src/core/template/language/cursorContext';
import { atMarker } from './memoryFileSystem';

const FUNCTION = ['Resources:', '  Fn:', '    Type: AWS::Serverless::Function', '    Properties:', ''].join('\n');

function contextAt(textWithMarker: string): CursorContext & { replaced: string } {
  const { text, offset } = atMarker(textWithMarker);
  const context = getCursorContext(text, offset);
  return { ...context, replaced: text.slice(context.replaceRange.start, context.replaceRange.end) };
}

const PROPERTIES = ['Resources', 'Fn', 'Properties'];

describe('getCursorContext', () => {
  it('finds key positions on empty and half-typed lines', () => {
    const empty = contextAt(`${FUNCTION}      ¦`);
    assert.deepEqual([empty.path, empty.position, empty.prefix], [PROPERTIES, 'key', '']);
    const typed = contextAt(`${FUNCTION}      Runt¦\n      Handler: app.handler`);
    assert.deepEqual([typed.path, typed.position, typed.prefix, typed.replaced], [PROPERTIES, 'key', 'Runt', 'Runt']);
    assert.deepEqual(typed.siblingKeys, ['Handler']);
    const middle = contextAt(`${FUNCTION}      Ru¦ntime: x`);
    assert.equal(middle.replaced, 'Runtime');
    assert.equal(middle.colonFollows, true);
    const root = contextAt('Resources:\n  A:\n    Type: X\n¦');
    assert.deepEqual([root.path, root.position, root.siblingKeys], [[], 'key', ['Resources']]);
  });

  it('finds value positions, with `Key:` and nothing after it', () => {
    const empty = contextAt(`${FUNCTION}      Runtime: ¦`);
    assert.deepEqual([empty.path, empty.position, empty.prefix], [[...PROPERTIES, 'Runtime'], 'value', '']);
    const typed = contextAt(`${FUNCTION}      Runtime: nod¦`);
    assert.deepEqual([typed.prefix, typed.schemaPath], ['nod', [...PROPERTIES, 'Runtime']]);
    const nested = contextAt(
      `${FUNCTION}      Events:\n        E:\n          Type: Api\n          Properties:\n            Path: /\n            ¦\n            Method: get`,
    );
    assert.deepEqual(nested.path, [...PROPERTIES, 'Events', 'E', 'Properties']);
    assert.deepEqual(nested.siblingKeys, ['Path', 'Method']);
  });

  it('counts list items and keeps the literal earlier items', () => {
    const context = contextAt(`${FUNCTION}      Role:\n        Fn::GetAtt:\n          - MyRole\n          - ¦`);
    assert.deepEqual(context.path, [...PROPERTIES, 'Role', 'Fn::GetAtt', 1]);
    assert.deepEqual(context.intrinsic, {
      name: 'Fn::GetAtt',
      form: 'long',
      argumentIndex: 1,
      earlierArguments: ['MyRole'],
      listForm: true,
    });
    const policy = contextAt(
      `${FUNCTION}      Policies:\n        - Statement:\n            - Effect: Allow\n              Act¦`,
    );
    assert.deepEqual(policy.path, [...PROPERTIES, 'Policies', 0, 'Statement', 0]);
    assert.deepEqual([policy.position, policy.siblingKeys], ['key', ['Effect']]);
    const compact = contextAt('Transform:\n- AWS::Serverless-2016-10-31\n- ¦');
    assert.deepEqual(compact.path, ['Transform', 1]);
  });

  it('names the enclosing intrinsic and argument, short and long form', () => {
    const cases: [string, string, number, (string | undefined)[]][] = [
      ['Role: !Ref ¦', 'Ref', 0, []],
      ['Role: !GetAtt Fo¦', 'Fn::GetAtt', 0, []],
      ['Role: !GetAtt [MyRole, ¦]', 'Fn::GetAtt', 1, ['MyRole']],
      ['Size: !FindInMap [Map, !Ref Stage, ¦]', 'Fn::FindInMap', 2, ['Map', undefined]],
      ["Role: !Join ['', [!Ref ¦", 'Ref', 0, []],
      ['Role: { "Fn::GetAtt": ["A", "¦"] }', 'Fn::GetAtt', 1, ['A']],
      ['Role: !If\n        - ¦', 'Fn::If', 0, []],
    ];
    for (const [line, name, index, earlier] of cases) {
      const context = contextAt(`${FUNCTION}      ${line}`);
      assert.equal(context.intrinsic?.name, name, line);
      assert.equal(context.intrinsic?.argumentIndex, index, line);
      assert.deepEqual(context.intrinsic?.earlierArguments, earlier, line);
    }
    assert.equal(contextAt(`${FUNCTION}      Role: !GetAtt Fo¦`).intrinsic?.listForm, false);
    const condition = contextAt('Resources:\n  A:\n    Type: X\n    Condition: ¦');
    assert.equal(condition.intrinsic?.name, 'Condition');
  });

  it('sees through Fn::If branches for the schema, including flow maps spanning lines', () => {
    const branch = contextAt(`${FUNCTION}      VpcConfig: !If\n        - UseVpc\n        - Sub¦`);
    assert.deepEqual(branch.schemaPath, [...PROPERTIES, 'VpcConfig']);
    const flow = contextAt(`${FUNCTION}      VpcConfig: !If [UseVpc, {\n        SubnetIds: !Ref Sub¦`);
    assert.deepEqual(flow.path, [...PROPERTIES, 'VpcConfig', 1, 'SubnetIds']);
    assert.equal(flow.intrinsic?.name, 'Ref');
    assert.equal(flow.prefix, 'Sub');
    const key = contextAt(`${FUNCTION}      VpcConfig: !If [UseVpc, { Sec¦`);
    assert.deepEqual([key.position, key.schemaPath], ['key', [...PROPERTIES, 'VpcConfig']]);
    assert.equal(contextAt(`${FUNCTION}      Role: !Join [a, [b, ¦]]`).schemaPath, undefined);
  });

  it('finds `${` inside Sub strings: quoted, list form, long form and block scalars', () => {
    const cases = [
      `${FUNCTION}      Name: !Sub "arn:\${AWS::Re¦"`,
      `${FUNCTION}      Name: !Sub\n        - "arn:\${AWS::Re¦"\n        - {}`,
      `${FUNCTION}      Name:\n        Fn::Sub: 'arn:\${AWS::Re¦'`,
      `${FUNCTION}      Name: !Sub |\n        line one\n        arn:\${AWS::Re¦`,
    ];
    for (const text of cases) {
      const context = contextAt(text);
      assert.equal(context.subVariable?.prefix, 'AWS::Re', text);
      assert.equal(context.intrinsic?.name, 'Fn::Sub');
    }
    assert.equal(contextAt(`${FUNCTION}      Name: !Sub "\${A}-¦"`).subVariable, undefined);
    assert.equal(contextAt(`${FUNCTION}      Name: "\${NotSub¦"`).subVariable, undefined);
    assert.equal(contextAt(`${FUNCTION}      Name: |\n        key: value ¦`).inBlockScalar, true);
  });

  it('reads JSON templates, inside and outside quotes', () => {
    const head =
      '{\n  "Resources": {\n    "Fn": {\n      "Type": "AWS::Serverless::Function",\n      "Properties": {\n        ';
    const key = contextAt(`${head}"Ru¦`);
    assert.deepEqual([key.path, key.position, key.prefix, key.quote], [PROPERTIES, 'key', 'Ru', '"']);
    const value = contextAt(`${head}"Runtime": "py¦"`);
    assert.deepEqual([value.path, value.position, value.prefix], [[...PROPERTIES, 'Runtime'], 'value', 'py']);
  });

  it('never throws, whatever the offset or the text', () => {
    const texts = ['', '\n', '¦', '- - -', '{[', ']]]}}}', '"unterminated', 'a: |\n', '\t\tkey: v', 'x: !', '!Ref'];
    for (const text of texts) {
      for (let offset = 0; offset <= text.length; offset++)
        assert.doesNotThrow(() => getCursorContext(text, offset), text);
    }
    assert.doesNotThrow(() => getCursorContext('a: b', -5));
    assert.doesNotThrow(() => getCursorContext('a: b', 500));
  });
});
