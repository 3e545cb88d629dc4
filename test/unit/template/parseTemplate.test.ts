import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { getMapValue, scalarString, type TemplateNode } from '../../../src/core/template/templateTree';

function resourceProperty(
  root: TemplateNode | undefined,
  logicalId: string,
  property: string,
): TemplateNode | undefined {
  return getMapValue(getMapValue(getMapValue(getMapValue(root, 'Resources'), logicalId), 'Properties'), property);
}

describe('parseTemplate', () => {
  it('keeps short-form tags on scalars, sequences and maps without warnings', () => {
    const text = [
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Role: !GetAtt FnRole.Arn',
      '      Layers: !Split [",", !Ref LayerList]',
      '      Environment: !If',
      '        - IsProd',
      '        - { Variables: { A: b } }',
      '        - !Ref AWS::NoValue',
    ].join('\n');
    const parsed = parseTemplate(text);
    assert.deepEqual(parsed.problems, []);
    const role = resourceProperty(parsed.root, 'Fn', 'Role');
    assert.equal(role?.kind, 'scalar');
    assert.equal(role?.tag, '!GetAtt');
    assert.equal(scalarString(role), 'FnRole.Arn');
    assert.equal(text.slice(role.range.start, role.range.end), '!GetAtt FnRole.Arn'.slice('!GetAtt '.length));
    const layers = resourceProperty(parsed.root, 'Fn', 'Layers');
    assert.equal(layers?.kind, 'seq');
    assert.equal(layers?.tag, '!Split');
    assert.equal(resourceProperty(parsed.root, 'Fn', 'Environment')?.tag, '!If');
  });

  it('reports unknown tags and syntax errors with ranges instead of throwing', () => {
    const parsed = parseTemplate('Resources:\n  A: !Reff X\n  B: [unclosed\n');
    assert.ok(
      parsed.problems.some((problem) => problem.code === 'TAG_RESOLVE_FAILED' && problem.message.includes('!Reff')),
    );
    assert.ok(parsed.problems.some((problem) => problem.severity === 'error'));
  });

  it('reports duplicate keys', () => {
    const parsed = parseTemplate('Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SQS::Queue\n');
    assert.ok(parsed.problems.some((problem) => problem.code === 'DUPLICATE_KEY'));
  });

  it('parses JSON templates with positions', () => {
    const text = '{\n  "Resources": {\n    "Topic": { "Type": "AWS::SNS::Topic" }\n  }\n}';
    const parsed = parseTemplate(text);
    assert.equal(parsed.format, 'json');
    assert.deepEqual(parsed.problems, []);
    const topic = getMapValue(parsed.root, 'Resources');
    assert.equal(topic?.kind, 'map');
    if (topic?.kind === 'map')
      assert.equal(text.slice(topic.pairs[0]!.key.range.start, topic.pairs[0]!.key.range.end), '"Topic"');
  });

  it('refuses alias bombs quickly', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const current = String.fromCharCode(97 + level);
      lines.push(`${current}: &${current} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const started = Date.now();
    const parsed = parseTemplate(lines.join('\n'));
    assert.ok(parsed.problems.some((problem) => problem.code === 'alias-bomb'));
    assert.ok(Date.now() - started < 10_000);
  });

  it('survives a self-referencing alias', () => {
    const parsed = parseTemplate('a: &a\n  b: *a\n');
    assert.ok(parsed.root);
  });
});

describe('parseTemplate leniency', () => {
  it('accepts flow collections indented less than their block parent, as CloudFormation does', () => {
    const text =
      'Globals:\n  Function:\n    VpcConfig: !If [UseVpc, {\n      SubnetIds: !Ref Subnets\n    }, !Ref AWS::NoValue]\n    Timeout: 3\n';
    const parsed = parseTemplate(text);
    assert.deepEqual(parsed.problems, []);
    const fn = getMapValue(getMapValue(parsed.root, 'Globals'), 'Function');
    const vpc = getMapValue(fn, 'VpcConfig');
    assert.equal(vpc?.kind === 'seq' && vpc.items.length, 3);
    assert.equal(scalarString(getMapValue(fn, 'Timeout')), '3');
  });
});
