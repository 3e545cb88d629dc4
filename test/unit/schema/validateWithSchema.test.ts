import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import type { TemplateSchema } from '../../../src/core/template/schema/templateSchema';
import { validateWithSchema } from '../../../src/core/template/schema/validateWithSchema';
import { testTemplateSchema } from '../../support/testTemplateSchema';
import { SAMPLE_TEMPLATE } from './schemaFixtures';

/** A diagnostic with the text it covers, so ranges are checked exactly. */
interface Found {
  severity: string;
  code: string;
  text: string;
  message: string;
}

const NOW = new Date('2026-01-15T00:00:00Z');
const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

describe('validateWithSchema', () => {
  let schema: TemplateSchema;

  before(() => {
    schema = testTemplateSchema();
  });

  function check(text: string): Found[] {
    return validateWithSchema(parseTemplate(text), schema, { now: NOW }).map((diagnostic) => ({
      severity: diagnostic.severity,
      code: diagnostic.code,
      text: text.slice(diagnostic.range.start, diagnostic.range.end),
      message: diagnostic.message,
    }));
  }

  /** A SAM function template with these lines (indented 6) under Properties. */
  function samFunction(...properties: string[]): string {
    return `${HEADER}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${properties.map((line) => `      ${line}`).join('\n')}\n`;
  }

  const zip = ['Handler: app.handler', 'Runtime: nodejs22.x', 'CodeUri: src/'];

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

  it('requires the SAM transform for SAM types and Globals', () => {
    const text = `Globals:\n  Function:\n    Timeout: 3\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: nodejs22.x, CodeUri: a}\n`;
    assert.deepEqual(
      check(text).map(({ code, text }) => ({ code, text })),
      [
        { code: 'missing-transform', text: 'AWS::Serverless::Function' },
        { code: 'missing-transform', text: 'Globals' },
      ],
    );
  });

  it('reports mutually exclusive properties on the second one', () => {
    const found = check(samFunction(...zip, 'SnapStart: {ApplyOn: PublishedVersions}', 'TenancyConfig: {}'));
    assert.deepEqual(
      found
        .filter((diagnostic) => diagnostic.code === 'mutually-exclusive-properties')
        .map(({ severity, code, text }) => ({ severity, code, text })),
      [{ severity: 'error', code: 'mutually-exclusive-properties', text: 'TenancyConfig' }],
    );
  });

  it('warns where SAM resolves a conflict instead of rejecting it: InlineCode wins over CodeUri, in any order', () => {
    for (const order of [
      ['CodeUri: src/', 'InlineCode: x'],
      ['InlineCode: x', 'CodeUri: src/'],
    ]) {
      const found = check(samFunction('Handler: a.b', 'Runtime: nodejs22.x', ...order));
      assert.deepEqual(
        found.map(({ severity, code, text }) => ({ severity, code, text })),
        [{ severity: 'warning', code: 'ignored-property', text: 'CodeUri' }],
      );
      assert.match(found[0]!.message, /SAM uses 'InlineCode' and ignores 'CodeUri'/);
    }
  });

  it('warns on keys SAM ignores or passes through in its own nested objects; errors where SAM or CloudFormation checks', () => {
    const text = `${HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: nodejs22.x
      CodeUri: src/
      AutoPublishAlias: live
      DeploymentPreference:
        Type: AllAtOnce
        Unknown: 1
      VpcConfig:
        SubnetIds: []
        SecurityGroupIds: []
        Bogus: 1
      Events:
        Get:
          Type: Api
          Properties:
            Path: /
            Method: get
            Verb: get
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration:
        Types: [REGIONAL]
      Auth:
        DefaultAuthorizr: AWS_IAM
  Graph:
    Type: AWS::Serverless::GraphQLApi
    Properties:
      SchemaInline: 'type Query { a: Int }'
      Auth:
        Type: API_KEY
        Extra: 1
`;
    const found = check(text).map(({ severity, code, text }) => `${severity} ${code} ${text}`);
    assert.deepEqual(found, [
      'warning unknown-property Unknown',
      'error unknown-property Bogus',
      'error unknown-property Verb',
      'warning unknown-property Types',
      'error unknown-property DefaultAuthorizr',
      'error unknown-property Extra',
    ]);
    const messages = check(text).map((diagnostic) => diagnostic.message);
    assert.ok(messages.includes("SAM ignores 'Unknown' in DeploymentPreference: it deploys, but has no effect."));
    assert.ok(
      messages.some((message) => message.startsWith('SAM passes EndpointConfiguration to AWS::ApiGateway::RestApi')),
    );
  });

  it('rejects resource types of no shape CloudFormation accepts', () => {
    const types = ['AWS-Events', 'Events::Rule', 'A::B::C', 'My Org::Svc::Res'];
    const text = `Resources:
${types.map((type, index) => `  R${index}:\n    Type: '${type}'\n`).join('')}`;
    assert.deepEqual(
      check(text).map(({ severity, code, text }) => `${severity} ${code} ${text}`),
      types.map((type) => `error unknown-resource-type '${type}'`),
    );
    const accepted = ['Custom::My-Resource_1', 'MyOrg::Service::Thing', 'MyOrg::Service::Thing::MODULE'];
    const fine = `Resources:
${accepted.map((type, index) => `  R${index}:\n    Type: ${type}\n    Properties: {ServiceToken: x}\n`).join('')}`;
    assert.deepEqual(check(fine), []);
  });

  it('rejects an intrinsic function where the SAM transform needs an authorizer name, and only there', () => {
    const text = `${HEADER}Parameters:\n  Auth: {Type: String}\nResources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      Auth:\n        DefaultAuthorizer: !Ref Auth\n        Authorizers: {A: {FunctionArn: !GetAtt Fn.Arn}}\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: nodejs22.x\n      CodeUri: !Ref Auth\n      Events:\n        Get:\n          Type: HttpApi\n          Properties: {ApiId: !Ref Api, Path: /, Method: get, Auth: {Authorizer: !Ref Auth}}\n        Rest:\n          Type: Api\n          Properties: {Path: /, Method: get, Auth: {Authorizer: {Ref: Auth}}}\n`;
    assert.deepEqual(
      check(text).map(({ severity, code, text }) => ({ severity, code, text })),
      [
        { severity: 'error', code: 'intrinsic-not-supported', text: 'Auth' },
        { severity: 'error', code: 'intrinsic-not-supported', text: 'Auth' },
        { severity: 'error', code: 'intrinsic-not-supported', text: '{Ref: Auth}' },
      ],
    );
    assert.match(
      check(text)[0]!.message,
      /needs the authorizer's name in DefaultAuthorizer, not an intrinsic function/,
    );
  });

  it('checks resource attributes: SAM-only ones on other types, unknown ones on SAM types as a warning', () => {
    const text = `${HEADER}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Connectors:\n      C: {Properties: {Destination: {Id: Q}, Permissions: [Read]}}\n    Descripton: x\n  Fn:\n    Type: AWS::Serverless::Function\n    Description: ignored\n    DeletionPolicy: Keep\n    Properties: {Handler: a.b, Runtime: nodejs22.x, CodeUri: a}\n`;
    assert.deepEqual(
      check(text).map(({ severity, code, text }) => ({ severity, code, text })),
      [
        { severity: 'error', code: 'unknown-property', text: 'Connectors' },
        { severity: 'error', code: 'unknown-property', text: 'Descripton' },
        { severity: 'warning', code: 'unknown-property', text: 'Description' },
        { severity: 'error', code: 'value-not-allowed', text: 'Keep' },
      ],
    );
  });

  it('points out resource attributes written under Properties', () => {
    const found = check(samFunction(...zip, "IgnoreGlobals: '*'"));
    assert.deepEqual(
      found.map(({ code, text }) => ({ code, text })),
      [{ code: 'unknown-property', text: 'IgnoreGlobals' }],
    );
    assert.match(found[0]!.message, /resource attribute: write it beside Type/);
  });

  it('accepts local paths where the package command uploads them (Lambda Code, RestApi BodyS3Location)', () => {
    const text = `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: src/\n      Role: arn\n      Handler: app.handler\n      Runtime: nodejs22.x\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      BodyS3Location: openapi.yaml\n`;
    assert.deepEqual(check(text), []);
  });

  it('checks event properties against the event Type', () => {
    const found = check(
      samFunction(
        ...zip,
        'Events:',
        '  Q:',
        '    Type: SQS',
        '    Properties:',
        '      Queu: arn',
        '  Bad:',
        '    Type: SQSS',
      ),
    );
    assert.deepEqual(
      found.map(({ code, text }) => ({ code, text })),
      [
        { code: 'unknown-property', text: 'Queu' },
        { code: 'missing-required-property', text: 'Properties' },
        { code: 'value-not-allowed', text: 'SQSS' },
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
