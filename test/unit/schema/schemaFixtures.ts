/** A SAM template touching the positions the schema functions care about; line positions matter to no test. */
export const SAMPLE_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Conditions:
  UseVpc: !Equals [!Ref AWS::Region, us-east-1]
Globals:
  Function:
    Runtime: nodejs22.x
    Architectures: [arm64]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      AutoPublishAlias: live
      VpcConfig: !If
        - UseVpc
        - SubnetIds: [subnet-1]
          SecurityGroupIds: [sg-1]
        - !Ref AWS::NoValue
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
        Get:
          Type: Api
          Properties:
            Path: /users/{id}
            Method: get
  LongFormFn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      InlineCode: exports.handler = async () => ({})
      VpcConfig:
        Fn::If:
          - UseVpc
          - SubnetIds: [subnet-1]
          - Ref: AWS::NoValue
  Queue:
    Type: AWS::SQS::Queue
  Policy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: sns.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
`;
