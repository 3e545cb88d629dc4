// An API-heavy SAM template for bench/samTransform.ts: every function carries REST and HTTP API routes (the implicit
// APIs' generated OpenAPI bodies grow with them), a schedule, an SNS subscription and a gradual deployment.
// Deterministic: the same size gives the same text.

const HEADER = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Transform: AWS::Serverless-2016-10-31',
  'Description: API-heavy template for the SAM transform benchmark.',
  '',
  'Parameters:',
  '  Stage:',
  '    Type: String',
  '    Default: dev',
  '',
  'Globals:',
  '  Function:',
  '    Runtime: python3.12',
  '    Timeout: 10',
  '    Tracing: Active',
  '  Api:',
  '    Cors: "\'*\'"',
  '',
  'Resources:',
];

function resourceLines(index: number): string[] {
  const name = `Route${index}`;
  return [
    `  ${name}Topic:`,
    '    Type: AWS::SNS::Topic',
    '',
    `  ${name}Function:`,
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    `      CodeUri: src/${name.toLowerCase()}/`,
    '      Handler: app.handler',
    '      AutoPublishAlias: live',
    '      DeploymentPreference:',
    '        Type: Canary10Percent5Minutes',
    '      Environment:',
    '        Variables:',
    `          TOPIC_ARN: !Ref ${name}Topic`,
    '          STAGE: !Ref Stage',
    '      Policies:',
    '        - SNSPublishMessagePolicy:',
    `            TopicName: !GetAtt ${name}Topic.TopicName`,
    '        - S3ReadPolicy:',
    `            BucketName: !Sub '\${AWS::StackName}-${name.toLowerCase()}'`,
    '      Events:',
    '        Get:',
    '          Type: Api',
    '          Properties:',
    `            Path: /items${index}/{id}`,
    '            Method: get',
    '        Post:',
    '          Type: Api',
    '          Properties:',
    `            Path: /items${index}`,
    '            Method: post',
    '        HttpGet:',
    '          Type: HttpApi',
    '          Properties:',
    `            Path: /v2/items${index}/{id}`,
    '            Method: GET',
    '        Nightly:',
    '          Type: Schedule',
    '          Properties:',
    '            Schedule: cron(0 3 * * ? *)',
    '            Input: \'{"mode": "nightly"}\'',
    '        Notified:',
    '          Type: SNS',
    '          Properties:',
    `            Topic: !Ref ${name}Topic`,
    '',
  ];
}

/** A valid API-heavy SAM template of about `lines` lines. */
export function generateApiTemplate(lines: number): string {
  const perResource = resourceLines(0).length;
  const count = Math.max(1, Math.round((lines - HEADER.length) / perResource));
  const body = Array.from({ length: count }, (_, index) => resourceLines(index)).flat();
  return [...HEADER, ...body].join('\n');
}
