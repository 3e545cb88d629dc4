import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { validateWithSchema } from '../../../src/core/template/schema/validateWithSchema';
import { testTemplateSchema } from '../../support/testTemplateSchema';
import { check, HEADER, samFunction, zip } from './schemaCheck';
import { SAMPLE_TEMPLATE } from './schemaFixtures';

// SAM's own rules (transform, conflicts, nested objects, events) are in validateWithSchemaSam.test.ts.
describe('validateWithSchema', () => {
  it('accepts the sample template', () => {
    assert.deepEqual(check(SAMPLE_TEMPLATE), []);
  });

  it('reports an unknown property at its key, with "did you mean"', () => {
    const found = check(samFunction(...zip, 'Timeuot: 3'));
    assert.deepEqual(
      found.map(({ code, text }) => ({ code, text })),
      [{ code: 'unknown-property', text: 'Timeuot' }],
    );
    assert.match(found[0]!.message, /Did you mean 'Timeout'\?/);
  });

  it('reports wrong types at the value, but accepts what CloudFormation converts', () => {
    const found = check(
      samFunction(
        ...zip,
        'MemorySize: lots',
        'Timeout: "30"',
        'Description: 42',
        'ReservedConcurrentExecutions: 1.5',
        'Layers: arn:aws:lambda:us-east-1:123:layer:x:1',
        'AutoPublishAliasAllProperties: "true"',
        'PropagateTags: maybe',
      ),
    );
    assert.deepEqual(
      found.map(({ code, text }) => ({ code, text })),
      [
        { code: 'wrong-type', text: 'lots' },
        { code: 'wrong-type', text: '1.5' },
        { code: 'wrong-type', text: 'arn:aws:lambda:us-east-1:123:layer:x:1' },
        { code: 'wrong-type', text: 'maybe' },
      ],
    );
    assert.match(found[0]!.message, /Expected an Integer, found the string 'lots'/);
    assert.match(found[2]!.message, /Expected List of String/);
  });

  it('reports a missing required property at the key that holds the object', () => {
    const text = `Resources:\n  Policy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [q]\n  Bare:\n    Type: AWS::SQS::QueuePolicy\n`;
    const found = check(text);
    assert.deepEqual(
      found.map(({ code, text }) => ({ code, text })),
      [
        { code: 'missing-required-property', text: 'Properties' },
        { code: 'missing-required-property', text: 'Bare' },
      ],
    );
    assert.match(found[0]!.message, /'PolicyDocument'/);
  });

  it('reports values that are not allowed, with "did you mean"', () => {
    const found = check(samFunction(...zip, 'PackageType: Zp', 'Architectures: [x86]', 'Tracing: active'));
    assert.deepEqual(
      found.map(({ code, text }) => ({ code, text })),
      [
        { code: 'value-not-allowed', text: 'Zp' },
        { code: 'value-not-allowed', text: 'x86' },
        { code: 'value-not-allowed', text: 'active' },
      ],
    );
    assert.match(found[0]!.message, /Did you mean 'Zip'/);
    assert.match(found[1]!.message, /Allowed: x86_64, arm64\./);
  });

  it('warns, rather than fails, on values outside an enumeration the specification may not have caught up with', () => {
    const text = `Resources:\n  S:\n    Type: AWS::ECS::Service\n    Properties:\n      PropagateTags: NONE\n  T:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: arn\n      StateMachineType: STANDART\n`;
    assert.deepEqual(
      check(text).map(({ severity, code, text }) => ({ severity, code, text })),
      [
        { severity: 'warning', code: 'value-not-allowed', text: 'NONE' },
        { severity: 'error', code: 'value-not-allowed', text: 'STANDART' },
      ],
    );
  });

  it('reports unknown AWS resource types, and leaves custom and third-party types alone', () => {
    const text = `Resources:\n  A:\n    Type: AWS::Lambda::Functon\n  B:\n    Type: Custom::Anything\n    Properties:\n      ServiceToken: arn\n      Free: 1\n  C:\n    Type: Vendor::Product::Thing\n    Properties:\n      Whatever: 1\n`;
    const found = check(text);
    assert.deepEqual(
      found.map(({ code, text }) => ({ code, text })),
      [{ code: 'unknown-resource-type', text: 'AWS::Lambda::Functon' }],
    );
    assert.match(found[0]!.message, /Did you mean 'AWS::Lambda::Function'/);
  });

  it('warns about deprecated runtimes, and tells unknown runtimes from future ones', () => {
    const found = check(
      `${HEADER}Globals:\n  Function:\n    Runtime: nodejs16.x\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: python3.8, CodeUri: a}\n  B:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: nodejs99.x, CodeUri: a}\n  C:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: pyhton3.12, CodeUri: a}\n  D:\n    Type: AWS::Lambda::Function\n    Properties: {Handler: a.b, Runtime: nodejs22.x, Role: r, Code: {ZipFile: x}}\n`,
    );
    assert.deepEqual(
      found.map(({ severity, code, text }) => ({ severity, code, text })),
      [
        { severity: 'warning', code: 'deprecated-runtime', text: 'nodejs16.x' },
        { severity: 'warning', code: 'deprecated-runtime', text: 'python3.8' },
        { severity: 'warning', code: 'unknown-runtime', text: 'nodejs99.x' },
        { severity: 'error', code: 'value-not-allowed', text: 'pyhton3.12' },
      ],
    );
    assert.match(found[0]!.message, /deprecated since 2024-06-12.*Upgrade to nodejs24\.x/);
    assert.match(found[3]!.message, /Did you mean 'python3.12'/);
  });

  it('judges deprecation by the given date', () => {
    const schema = testTemplateSchema();
    const text = samFunction('Handler: a.b', 'Runtime: nodejs20.x', 'CodeUri: a');
    const before = validateWithSchema(parseTemplate(text), schema, { now: new Date('2026-04-29T00:00:00Z') });
    const after = validateWithSchema(parseTemplate(text), schema, { now: new Date('2026-04-30T00:00:00Z') });
    assert.deepEqual(before, []);
    assert.deepEqual(
      after.map((diagnostic) => diagnostic.code),
      ['deprecated-runtime'],
    );
  });

  it('accepts intrinsic functions at every value position, short and long form', () => {
    const text = [
      HEADER.trimEnd(),
      'Parameters:',
      '  Env: {Type: String}',
      '  Subnets: {Type: CommaDelimitedList}',
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      'Mappings:',
      '  Sizes: {prod: {memory: 1024}}',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: !Sub "${Env}.handler"',
      '      Runtime: !If [IsProd, nodejs22.x, nodejs24.x]',
      '      CodeUri: !Select [0, [src/]]',
      '      MemorySize: !FindInMap [Sizes, !Ref Env, memory]',
      '      Timeout: {"Fn::If": [IsProd, 30, 10]}',
      '      Architectures: !Split [",", arm64]',
      '      Role: !GetAtt [Role, Arn]',
      '      Tracing: !Ref AWS::NoValue',
      '      VpcConfig:',
      '        SubnetIds: !Ref Subnets',
      '        SecurityGroupIds: [!GetAtt Sg.GroupId, !ImportValue shared-sg]',
      '      Environment: !If [IsProd, {Variables: {A: b}}, !Ref AWS::NoValue]',
      '      AutoPublishAlias: !Join ["", [live]]',
      '      Events:',
      '        Queue:',
      '          Type: SQS',
      '          Properties:',
      '            Queue: !GetAtt Queue.Arn',
      '            Enabled: !Condition IsProd',
      '            BatchSize: !Base64 "10"',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      FifoQueue: !Equals [a, a]',
      '      Tags: !If [IsProd, [{Key: a, Value: b}], []]',
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: !Sub ["${A}", {A: x}]',
      '  Chosen:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      Fn::If: [IsProd, {FifoQueue: true}, {}]',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Condition: {StringEquals: {a: b}}',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  it('keeps maps with free keys free', () => {
    const found = check(
      samFunction(
        ...zip,
        'Environment:',
        '  Variables:',
        '    ANY_NAME: 1',
        '    other-name: x',
        'Tags:',
        '    team: a',
      ),
    );
    assert.deepEqual(found, []);
  });

  it('checks Globals sections, and lets Globals supply required properties', () => {
    const text = `${HEADER}Globals:\n  Function:\n    Runtime: nodejs22.x\n    Handler: app.handler\n    Timout: 3\n    FunctionUrlConfig:\n      InvokeMode: BUFFERED\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      FunctionUrlConfig:\n        AuthType: NONE\n`;
    const found = check(text);
    assert.deepEqual(
      found.map(({ code, text }) => ({ code, text })),
      [{ code: 'unknown-property', text: 'Timout' }],
    );
    assert.match(found[0]!.message, /Globals\.Function/);
  });

  it('requires Runtime and Handler of Zip functions, after Globals and IgnoreGlobals', () => {
    const text = `${HEADER}Globals:\n  Function:\n    Runtime: nodejs22.x\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n  B:\n    Type: AWS::Serverless::Function\n    IgnoreGlobals: [Runtime]\n    Properties:\n      CodeUri: src/\n      Handler: a.b\n  Image:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n      Handler: a.b\n`;
    const found = check(text);
    assert.deepEqual(
      found.map(({ code, text, message }) => ({ code, text, missing: /'(\w+)'/.exec(message)?.[1] })),
      [
        { code: 'missing-required-property', text: 'Properties', missing: 'Handler' },
        { code: 'missing-required-property', text: 'Properties', missing: 'Runtime' },
        { code: 'invalid-property-combination', text: 'Image', missing: 'Runtime' },
        { code: 'invalid-property-combination', text: 'Handler', missing: 'Handler' },
      ],
    );
  });

  it('checks parameters, outputs and top-level sections', () => {
    const text = `Parameters:\n  P:\n    Default: x\nOutputs:\n  O:\n    Description: no value\nResource:\n  X: {}\n`;
    assert.deepEqual(
      check(text).map(({ code, text }) => ({ code, text })),
      [
        { code: 'missing-required-property', text: 'P' },
        { code: 'missing-required-property', text: 'O' },
        { code: 'unknown-property', text: 'Resource' },
        { code: 'missing-required-property', text: 'Parameters' },
      ],
    );
  });

  it('works on JSON templates, with exact ranges', () => {
    const text = JSON.stringify(
      { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { DelaySecond: 5 } } } },
      null,
      2,
    );
    assert.deepEqual(
      check(text).map(({ code, text }) => ({ code, text })),
      [{ code: 'unknown-property', text: '"DelaySecond"' }],
    );
  });

  it('stays quiet on values still being typed and on Fn::ForEach blocks', () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: a.b',
      '      Runtime:',
      '      CodeUri: a',
      '  Fn::ForEach::Queues:',
      '    - Name',
      '    - [A, B]',
      '    - Queue${Name}:',
      '        Type: AWS::SQS::Queue',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  it('accepts every form of Transform', () => {
    const include =
      'Transform:\n  Name: AWS::Include\n  Parameters:\n    Location: s3://bucket/snippet.yaml\nResources: {}\n';
    const list = 'Transform: [AWS::LanguageExtensions, MyMacro]\nResources: {}\n';
    assert.deepEqual([...check(include), ...check(list)], []);
  });

  it('returns nothing for documents that are not objects', () => {
    assert.deepEqual(check('- a\n- b\n'), []);
    assert.deepEqual(check(''), []);
  });
});
