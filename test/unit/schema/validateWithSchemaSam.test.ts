import { strict as assert } from 'node:assert';
import { check, HEADER, samFunction, zip } from './schemaCheck';

describe('validateWithSchema: the rules SAM adds', () => {
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
});
