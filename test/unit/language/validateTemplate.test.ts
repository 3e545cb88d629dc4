import { strict as assert } from 'node:assert';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { validateTemplate } from '../../../src/core/template/language/validateTemplate';
import type { TemplateDiagnostic } from '../../../src/core/template/templateDiagnostic';
import { APP_TEMPLATE, appTemplateWith, projectSchema } from './languageFixtures';

const NOW = new Date('2026-06-01T00:00:00Z');

function diagnose(text: string): (TemplateDiagnostic & { text: string })[] {
  return validateTemplate(TemplateDocument.parse(text, projectSchema()), { now: NOW }).map((diagnostic) => ({
    ...diagnostic,
    text: text.slice(diagnostic.range.start, diagnostic.range.end),
  }));
}

function only(text: string, code: string): TemplateDiagnostic & { text: string } {
  const found = diagnose(text).filter((diagnostic) => diagnostic.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(diagnose(text).map((d) => d.code))}`);
  return found[0]!;
}

describe('validateTemplate', () => {
  it('accepts the rule functions inside Rules, short and long form, and rejects them elsewhere', () => {
    const text = [
      'Parameters:',
      '  Env: {Type: String}',
      '  Vpc: {Type: AWS::EC2::VPC::Id}',
      '  Subnets: {Type: List<AWS::EC2::Subnet::Id>}',
      'Rules:',
      '  Prod:',
      '    RuleCondition: !Equals [!Ref Env, prod]',
      '    Assertions:',
      '      - Assert: !Contains [[a, b], !Ref Env]',
      '      - Assert: !EachMemberEquals [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], !Ref Vpc]',
      '      - Assert: !EachMemberIn [!ValueOf [Subnets, VpcId], !RefAll AWS::EC2::VPC::Id]',
      '      - Assert: {Fn::Contains: [[a], !Ref Env]}',
      'Resources:',
      '  Q: {Type: AWS::SQS::Queue}',
      'Outputs:',
      '  O: {Value: !Contains [[a], b]}',
      '  P:',
      '    Value: {Fn::ValueOf: [Vpc, Tags]}',
      '',
    ].join('\n');
    assert.deepEqual(
      diagnose(text).map((diagnostic) => [diagnostic.severity, diagnostic.code, diagnostic.text]),
      [
        ['error', 'rule-function-outside-rules', '!Contains'],
        ['error', 'rule-function-outside-rules', 'Fn::ValueOf'],
      ],
    );
    assert.ok(
      diagnose(text.replace('!ValueOf [Subnets, VpcId]', '!ValueOf [Subnetz, VpcId]')).some(
        (diagnostic) => diagnostic.severity === 'error' && diagnostic.text === 'Subnetz',
      ),
      'ValueOf names a parameter',
    );
  });

  it('finds nothing wrong with a valid template but its unused parameter', () => {
    const diagnostics = diagnose(APP_TEMPLATE);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.code, diagnostic.text]),
      [['warning', 'unused-parameter', 'Unused']],
    );
  });

  it('reports syntax errors and duplicate keys at their place', () => {
    const syntax = diagnose(appTemplateWith('VisibilityTimeout: 60', 'VisibilityTimeout: [60'));
    assert.ok(syntax.some((diagnostic) => diagnostic.code === 'syntax' && diagnostic.severity === 'error'));
    const duplicate = only(
      appTemplateWith('      VisibilityTimeout: 60', '      VisibilityTimeout: 60\n      VisibilityTimeout: 30'),
      'duplicate-key',
    );
    assert.equal(duplicate.text, 'VisibilityTimeout');
    assert.match(duplicate.message, /Duplicate key 'VisibilityTimeout'/);
    const json = diagnose('{ "Resources": { "Q": { "Type": "AWS::SQS::Queue" }, } ');
    assert.ok(json.some((diagnostic) => diagnostic.code === 'syntax'));
  });

  it('reports unknown tags with a suggestion', () => {
    const tag = only(appTemplateWith('QUEUE_URL: !Ref OrdersQueue', 'QUEUE_URL: !Reff OrdersQueue'), 'unknown-tag');
    assert.equal(tag.text, '!Reff');
    assert.match(tag.message, /Did you mean '!Ref'\?/);
  });

  it('reports unresolved Ref, GetAtt, ${} and conditions with did-you-mean', () => {
    const ref = only(appTemplateWith('QUEUE_URL: !Ref OrdersQueue', 'QUEUE_URL: !Ref OrderQueue'), 'unresolved-ref');
    assert.equal(ref.text, 'OrderQueue');
    assert.match(ref.message, /Did you mean 'OrdersQueue'\?/);
    const getAtt = only(
      appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt Missing.Arn'),
      'unresolved-getatt',
    );
    assert.equal(getAtt.text, 'Missing');
    const sub = only(appTemplateWith('${Stage}', '${Stagee}'), 'unresolved-sub');
    assert.equal(sub.text, 'Stagee');
    const subAttribute = only(appTemplateWith('${Stage}', '${Nope.Arn}'), 'unresolved-sub');
    assert.equal(subAttribute.text, 'Nope');
    const condition = only(appTemplateWith('    Condition: IsProd', '    Condition: IsPrd'), 'unresolved-condition');
    assert.equal(condition.text, 'IsPrd');
    assert.match(condition.message, /Did you mean 'IsProd'\?/);
    const inIf = only(
      appTemplateWith('VisibilityTimeout: 60', 'VisibilityTimeout: !If [Nope, 60, 30]'),
      'unresolved-condition',
    );
    assert.equal(inIf.text, 'Nope');
  });

  it('accepts Sub variable maps, escapes, pseudo parameters and SAM references', () => {
    const text = appTemplateWith(
      '    Value: !Ref UsersFunction.Alias',
      "    Value: !Ref UsersFunction.Alias\n  Mapped:\n    Value: !Sub ['${Local}-${!Literal}-${AWS::AccountId}-${UsersFunction.Alias}-${UsersFunctionRole.Arn}', { Local: !Ref Stage }]",
    );
    assert.deepEqual(
      diagnose(text).filter((diagnostic) => diagnostic.severity === 'error'),
      [],
    );
  });

  it('reports attributes the resource type does not have', () => {
    const attribute = only(
      appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt OrdersQueue.Arnn'),
      'invalid-attribute',
    );
    assert.equal(attribute.text, 'Arnn');
    assert.match(attribute.message, /Did you mean 'Arn'\?/);
    const inSub = only(appTemplateWith('${Stage}', '${OrdersQueue.Nope}'), 'invalid-attribute');
    assert.equal(inSub.text, 'Nope');
    const missing = only(
      appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt OrdersQueue'),
      'getatt-attribute-missing',
    );
    assert.equal(missing.text, 'OrdersQueue');
    const samAlias = only(
      appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt UsersFunction.Alias.Nope'),
      'invalid-attribute',
    );
    assert.equal(samAlias.text, 'Nope');
    for (const valid of [
      '!GetAtt UsersFunction.Alias.AliasArn',
      '!GetAtt [UsersFunction.Alias, AliasArn]',
      '!GetAtt UsersFunctionRole.Arn',
    ]) {
      const errors = diagnose(appTemplateWith('Value: !GetAtt OrdersQueue.Arn', `Value: ${valid}`)).filter(
        (d) => d.severity === 'error',
      );
      assert.deepEqual(errors, [], valid);
    }
    const custom = appTemplateWith(
      '  OrdersQueue:\n',
      '  Custom:\n    Type: Custom::Thing\n    Properties:\n      ServiceToken: arn\n  OrdersQueue:\n',
    ).replace('Value: !GetAtt OrdersQueue.Arn', 'Value: !GetAtt Custom.Anything');
    assert.deepEqual(
      diagnose(custom).filter((diagnostic) => diagnostic.severity === 'error'),
      [],
    );
  });

  it('reports unresolved mappings and literal keys, unless a default is given', () => {
    const mapping = only(
      appTemplateWith('!FindInMap [StageSettings, !Ref Stage, Memory]', '!FindInMap [Settings, !Ref Stage, Memory]'),
      'unresolved-mapping',
    );
    assert.equal(mapping.text, 'Settings');
    const key = only(
      appTemplateWith('!FindInMap [StageSettings, !Ref Stage, Memory]', '!FindInMap [StageSettings, dev, Memroy]'),
      'unresolved-mapping-key',
    );
    assert.equal(key.text, 'Memroy');
    assert.match(key.message, /Did you mean 'Memory'\?/);
    const withDefault = appTemplateWith(
      '!FindInMap [StageSettings, !Ref Stage, Memory]',
      '!FindInMap [StageSettings, test, Memory, { DefaultValue: 128 }]',
    );
    assert.equal(diagnose(withDefault).filter((diagnostic) => diagnostic.code.startsWith('unresolved')).length, 0);
  });

  it('reports circular and unresolved DependsOn', () => {
    const text = [
      'Resources:',
      '  A:',
      '    Type: AWS::SNS::Topic',
      '    DependsOn: B',
      '  B:',
      '    Type: AWS::SNS::Topic',
      '    DependsOn: [C, Missing]',
      '  C:',
      '    Type: AWS::SNS::Topic',
      '    DependsOn: A',
      '  D:',
      '    Type: AWS::SNS::Topic',
      '    DependsOn: D',
      '  E:',
      '    Type: AWS::SNS::Topic',
      '    DependsOn: A',
    ].join('\n');
    const diagnostics = diagnose(text);
    const circular = diagnostics.filter((diagnostic) => diagnostic.code === 'circular-dependson');
    assert.deepEqual(circular.map((diagnostic) => diagnostic.text).sort(), ['A', 'B', 'C', 'D']);
    assert.ok(circular.some((diagnostic) => diagnostic.message.includes('A → B → C → A')));
    assert.ok(circular.some((diagnostic) => diagnostic.message.includes('D → D')));
    assert.equal(only(text, 'unresolved-dependson').text, 'Missing');
  });

  it('warns about literal attribute strings, deprecated runtimes and keeps schema errors', () => {
    const literal = only(
      appTemplateWith('Value: !GetAtt OrdersQueue.Arn', 'Value: OrdersQueue.Arn'),
      'literal-reference',
    );
    assert.equal(literal.severity, 'warning');
    assert.equal(literal.text, 'OrdersQueue.Arn');
    const runtime = only(appTemplateWith('    Runtime: nodejs22.x', '    Runtime: nodejs12.x'), 'deprecated-runtime');
    assert.equal(runtime.severity, 'warning');
    const unknown = only(appTemplateWith('VisibilityTimeout: 60', 'VisiblityTimeout: 60'), 'unknown-property');
    assert.equal(unknown.text, 'VisiblityTimeout');
  });

  it('accepts AWS::LanguageExtensions loops and their identifiers', () => {
    const text = [
      'Transform: AWS::LanguageExtensions',
      'Parameters:',
      '  Names:',
      '    Type: CommaDelimitedList',
      'Resources:',
      '  Fn::ForEach::Topics:',
      '    - Name',
      '    - !Ref Names',
      '    - Topic${Name}:',
      '        Type: AWS::SNS::Topic',
      '        Properties:',
      '          TopicName: !Sub "${Name}-topic"',
      '          DisplayName: !Ref Name',
      'Outputs:',
      '  First:',
      '    Value: !GetAtt TopicAlpha.TopicArn',
    ].join('\n');
    assert.deepEqual(
      diagnose(text)
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((d) => d.message),
      [],
    );
  });

  it('only warns about unresolved names when a macro may define them', () => {
    const withMacro = appTemplateWith('QUEUE_URL: !Ref OrdersQueue', 'QUEUE_URL: !Ref FromMacro').replace(
      'Transform: AWS::Serverless-2016-10-31',
      'Transform: [AWS::Serverless-2016-10-31, MyCompanyMacro]',
    );
    const unresolved = only(withMacro, 'unresolved-ref');
    assert.equal(unresolved.severity, 'warning');
    assert.match(unresolved.message, /macros/);
    const include = appTemplateWith('QUEUE_URL: !Ref OrdersQueue', 'QUEUE_URL: !Ref FromInclude').replace(
      'Conditions:',
      'Metadata:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters:\n      Location: s3://bucket/snippet.yaml\nConditions:',
    );
    assert.equal(only(include, 'unresolved-ref').severity, 'warning');
  });

  it('turns a failing check into one warning instead of throwing', () => {
    const document = TemplateDocument.parse(APP_TEMPLATE, projectSchema());
    const diagnostics = validateTemplate(document, {
      validateWithSchema: () => {
        throw new Error('schema exploded');
      },
    });
    const internal = diagnostics.find((diagnostic) => diagnostic.code === 'internal-error');
    assert.match(internal?.message ?? '', /schema exploded/);
  });
});
