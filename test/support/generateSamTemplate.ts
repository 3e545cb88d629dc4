// Builds valid SAM templates of a chosen size for tests and benchmarks of the template language engine
// (issue #3 asks for ~50, 1,000 and 10,000 lines). Deterministic: the same size gives the same text.

/** Options for a generated template. */
export interface GeneratedTemplateOptions {
  /** Roughly how many lines the template should have. */
  lines: number;
}

const RESOURCE_LINES = 44;

/** A valid SAM template of about `options.lines` lines, mixing functions, queues, tables and intrinsics. */
export function generateSamTemplate(options: GeneratedTemplateOptions): string {
  const header = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Description: Generated template for the language engine tests and benchmarks.',
    '',
    'Parameters:',
    '  Stage:',
    '    Type: String',
    '    Default: dev',
    '    AllowedValues: [dev, prod]',
    '    Description: Deployment stage.',
    '  LogLevel:',
    '    Type: String',
    '    Default: INFO',
    '',
    'Conditions:',
    '  IsProd: !Equals [!Ref Stage, prod]',
    '',
    'Mappings:',
    '  StageSettings:',
    '    dev:',
    '      Memory: 256',
    '    prod:',
    '      Memory: 1024',
    '',
    'Globals:',
    '  Function:',
    '    Timeout: 10',
    '    Runtime: nodejs22.x',
    '    Environment:',
    '      Variables:',
    '        LOG_LEVEL: !Ref LogLevel',
    '',
    'Resources:',
  ];
  const count = Math.max(1, Math.round((options.lines - header.length) / (RESOURCE_LINES + 4)));
  const resources: string[] = [];
  const outputs: string[] = ['', 'Outputs:'];
  for (let index = 0; index < count; index++) {
    const name = `Item${index}`;
    resources.push(
      `  ${name}Function:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      `      FunctionName: !Sub '\${AWS::StackName}-${name.toLowerCase()}-\${Stage}'`,
      '      CodeUri: src/',
      '      Handler: app.handler',
      '      MemorySize: !FindInMap [StageSettings, !Ref Stage, Memory]',
      '      AutoPublishAlias: live',
      '      Environment:',
      '        Variables:',
      `          TABLE_NAME: !Ref ${name}Table`,
      `          QUEUE_URL: !Ref ${name}Queue`,
      '          MODE: !If [IsProd, strict, relaxed]',
      '      Policies:',
      '        - DynamoDBCrudPolicy:',
      `            TableName: !Ref ${name}Table`,
      '        - Statement:',
      '            - Effect: Allow',
      '              Action: sqs:SendMessage',
      `              Resource: !GetAtt ${name}Queue.Arn`,
      '      Events:',
      '        FromQueue:',
      '          Type: SQS',
      '          Properties:',
      `            Queue: !GetAtt ${name}Queue.Arn`,
      '            BatchSize: 10',
      '',
      `  ${name}Queue:`,
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      VisibilityTimeout: 60',
      '      Tags:',
      '        - Key: stage',
      '          Value: !Ref Stage',
      '',
      `  ${name}Table:`,
      '    Type: AWS::DynamoDB::Table',
      `    DependsOn: ${name}Queue`,
      '    Properties:',
      '      BillingMode: PAY_PER_REQUEST',
      '      AttributeDefinitions:',
      '        - AttributeName: id',
      '          AttributeType: S',
      '      KeySchema:',
      '        - AttributeName: id',
      '          KeyType: HASH',
      '',
    );
    outputs.push(`  ${name}FunctionArn:`, `    Value: !GetAtt ${name}Function.Arn`, '');
  }
  return [...header, ...resources, ...outputs].join('\n');
}
