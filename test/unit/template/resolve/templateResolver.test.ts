import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../../src/core/template/parseTemplate';
import { UnresolvedIntrinsic } from '../../../../src/core/template/resolve/evaluateIntrinsics';
import { createStackIdentity } from '../../../../src/core/template/resolve/stackIdentity';
import { TemplateResolver, type TemplateResolverOptions } from '../../../../src/core/template/resolve/templateResolver';
import { getMapValue } from '../../../../src/core/template/templateTree';

const TEMPLATE = `
Parameters:
  Stage: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Subnets: { Type: CommaDelimitedList, Default: 'subnet-a, subnet-b' }
  Missing: { Type: String }
  QueueArnParam: { Type: String, Default: '' }
Mappings:
  Sizes:
    dev: { Memory: 128 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Values:
    Type: Custom::Values
    Properties:
      Mode: !If [IsProd, production, development]
      Memory: !FindInMap [Sizes, !Ref Stage, Memory]
      Fallback: !FindInMap [Sizes, prod, Memory, { DefaultValue: 256 }]
      Subnet: !Select [1, !Ref Subnets]
      Joined: !Join ['-', [a, !Ref Stage, !Ref 'AWS::Region']]
      Dropped: !Ref AWS::NoValue
      Vars: !Sub ['\${Name}.\${Zone}', { Name: !Ref Stage, Zone: example.com }]
      Literal: !Sub '\${!Literal}'
      Imported: !ImportValue shared-vpc
      Unknown: !Sub 'x-\${Nowhere.Thing}'
      MissingRef: !Ref Missing
      Guessed: !Ref QueueArnParam
      Count: !Length [a, b, c]
      Statement: { Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }
      Zones: !GetAZs ''
`;

const identity = createStackIdentity({ region: 'eu-west-1', accountId: '111122223333', stackName: 'shop' });
const resolverFor = (options: TemplateResolverOptions = {}) =>
  new TemplateResolver(parseTemplate(TEMPLATE), identity, options);
const valuesNode = (resolver: TemplateResolver, name: string) =>
  getMapValue(resolver.resourceProperties('Values'), name);

describe('TemplateResolver: evaluating intrinsics', () => {
  const strict = resolverFor();
  const value = (name: string) => strict.resolveValue(valuesNode(strict, name));

  it('evaluates conditions, mappings, lists and text functions', () => {
    assert.equal(value('Mode'), 'development');
    assert.equal(value('Memory'), 128);
    assert.equal(value('Fallback'), 256, 'AWS::LanguageExtensions DefaultValue');
    assert.equal(value('Subnet'), 'subnet-b', 'list parameters are lists');
    assert.equal(value('Joined'), 'a-dev-eu-west-1');
    assert.equal(value('Dropped'), undefined);
    assert.equal(value('Vars'), 'dev.example.com');
    assert.equal(value('Literal'), '${Literal}');
    assert.equal(value('Count'), 3);
    assert.deepEqual(value('Zones'), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    assert.deepEqual(value('Statement'), { Condition: { StringEquals: { 'aws:SourceAccount': '1' } } });
    assert.equal(strict.evaluateCondition('NotProd'), true);
    assert.equal(resolverFor({ overrideLayers: [{ Stage: 'prod' }] }).evaluateCondition('IsProd'), true);
  });

  it('leaves what cannot be known locally to the caller, with a warning per property when lenient', () => {
    assert.equal(value('Imported'), undefined);
    assert.equal(value('MissingRef'), undefined);
    assert.equal(value('Guessed'), '', 'an empty default is a value');
    const warnings: string[] = [];
    const properties = strict.evaluateLeniently(strict.resourceProperties('Values'), 'Values', warnings) as Record<
      string,
      unknown
    >;
    assert.equal(properties['Imported'], null);
    assert.equal(properties['Mode'], 'development');
    assert.ok(warnings.some((warning) => warning.startsWith('Values.Imported: Fn::ImportValue')));
    assert.ok(strict.warnings.some((warning) => warning.includes('Parameter Missing has no default')));
    assert.throws(() => strict.evaluateCondition('Nope'), UnresolvedIntrinsic);
  });

  it('guesses instead when asked: placeholders, first branches, names for parameters without values', () => {
    const guessing = resolverFor({ unresolved: 'guess', conditions: 'firstBranch' });
    const guess = (name: string) => guessing.resolveValue(valuesNode(guessing, name));
    assert.equal(guess('Mode'), 'production', 'the first branch, without evaluating IsProd');
    assert.equal(guess('Imported'), 'imported-shared-vpc');
    assert.equal(guess('Unknown'), 'x-nowhere-thing');
    assert.equal(guess('MissingRef'), 'missing');
    assert.equal(guess('Guessed'), 'queue', 'an empty default is replaced by a readable placeholder');
    assert.equal(guessing.refValue('Subnets'), 'subnet-a,subnet-b');
  });

  it('applies override layers in order and reports overrides that match nothing', () => {
    const layered = resolverFor({ overrideLayers: [{ Stage: 'prod' }, { Stage: 'dev', Other: 'x' }] });
    assert.equal(layered.parameterValues['Stage'], 'prod');
    assert.ok(layered.warnings.some((warning) => warning.includes('The override Other matches no parameter')));
  });
});
