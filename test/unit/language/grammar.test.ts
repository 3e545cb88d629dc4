import { strict as assert } from 'node:assert';
import { textsWithScope, tokenize } from './grammarHarness';

const INTRINSIC = 'support.function.intrinsic.cloudformation';
const VARIABLE = 'variable.other.substitution.cloudformation';
const PSEUDO = 'support.variable.pseudo-parameter.cloudformation';

describe('TextMate injection grammar', () => {
  it('highlights short-form tags and long-form keys, not in comments', async () => {
    const lines = await tokenize(
      'source.yaml',
      [
        'Role: !GetAtt FnRole.Arn',
        'Cond: !If [IsProd, !Ref A, !Ref AWS::NoValue]',
        'Value:',
        '  Fn::Join: [",", []]',
        '# !Ref in a comment',
        'Text: a!Ref b',
        'Assert: !EachMemberIn [!ValueOfAll [T, A], !RefAll T]',
      ].join('\n'),
    );
    assert.deepEqual(textsWithScope(lines, INTRINSIC), [
      ...['!', 'GetAtt', '!', 'If', '!', 'Ref', '!', 'Ref', 'Fn::Join'],
      ...['!', 'EachMemberIn', '!', 'ValueOfAll', '!', 'RefAll'],
    ]);
  });

  it('highlights ${} variables only inside Sub strings, in every form', async () => {
    const yaml = [
      "A: !Sub 'arn:${AWS::Partition}:${Bucket.Arn}/${!Literal}'",
      'B: "${NotSub}"',
      'C: !Sub |',
      '  echo ${Script}',
      '  echo ${AWS::Region}',
      'D: ${AfterBlock}',
      'E: !Sub',
      "  - 'x ${ListForm}'",
      '  - ListForm: !Ref Stage',
      'F:',
      "  Fn::Sub: 'y ${LongForm}'",
    ].join('\n');
    const lines = await tokenize('source.yaml', yaml);
    assert.deepEqual(textsWithScope(lines, VARIABLE), ['Bucket', 'Script', 'ListForm', 'LongForm']);
    assert.deepEqual(textsWithScope(lines, PSEUDO), ['AWS::Partition', 'AWS::Region']);
    assert.deepEqual(textsWithScope(lines, 'constant.character.escape.cloudformation'), ['${!Literal}']);
    assert.ok(lines[0]!.some((token) => token.text === "'" && token.scopes.includes('string.quoted.single.yaml')));
  });

  it('highlights Fn::Sub variables and long-form keys in JSON', async () => {
    const lines = await tokenize(
      'source.json',
      '{ "Value": { "Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*" }, "Other": "${NotSub}", "R": { "Ref": "X" } }',
    );
    assert.deepEqual(textsWithScope(lines, VARIABLE), ['Bucket']);
    assert.deepEqual(textsWithScope(lines, INTRINSIC), ['Fn::Sub', 'Ref']);
  });
});
