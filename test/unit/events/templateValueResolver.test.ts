import { strict as assert } from 'node:assert';
import { createEventContext } from '../../../src/core/events/eventContext';
import { TemplateValueResolver } from '../../../src/core/events/templateValueResolver';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { getMapValue, type TemplateNode } from '../../../src/core/template/templateTree';

const TEMPLATE = `
Parameters:
  Env: { Type: String, Default: dev }
  Tier: { Type: String, AllowedValues: [gold, silver] }
  OrdersQueueArn: { Type: String }
Mappings:
  Sizes:
    eu-west-1: { Memory: 512 }
    us-east-1: { Memory: 128 }
Resources:
  Named:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !Sub '\${Env}-orders' }
  Generated:
    Type: AWS::SQS::Queue
  Fifo:
    Type: AWS::SQS::Queue
    Properties: { FifoQueue: true }
  Bucket:
    Type: AWS::S3::Bucket
  Table:
    Type: AWS::DynamoDB::Table
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: !Join ['-', [!Ref Env, alerts]] }
  Loop:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !GetAtt Loop.QueueName }
  Values:
    Type: Custom::Values
    Properties:
      Region: !Ref AWS::Region
      Partition: !Ref AWS::Partition
      Tier: !Ref Tier
      Placeholder: !Ref OrdersQueueArn
      Url: !Sub 'https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/Prod'
      Literal: !Sub '\${!NotResolved}-\${Env}'
      Vars: !Sub ['\${Name}.\${Zone}', { Name: !Ref Env, Zone: example.com }]
      Memory: !FindInMap [Sizes, !Ref 'AWS::Region', Memory]
      First: !Select [1, !Split [',', 'a,b,c']]
      Either: !If [IsProd, yes, no]
      Encoded: !Base64 hi
      NoValue: !Ref AWS::NoValue
      Unknown: !Sub '\${Generated.SomethingElse}'
`;

const JSON_TEMPLATE = JSON.stringify({
  Resources: {
    Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'json-queue' } },
    Values: {
      Type: 'Custom::Values',
      Properties: {
        Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
        Url: { Ref: 'Queue' },
        Text: { 'Fn::Sub': '${Queue.QueueName}-x' },
      },
    },
  },
});

function property(resolver: TemplateValueResolver, logicalId: string, name: string): TemplateNode | undefined {
  return getMapValue(resolver.resourceProperties(logicalId), name);
}

describe('TemplateValueResolver', () => {
  const resolver = new TemplateValueResolver(
    parseTemplate(TEMPLATE),
    createEventContext({ region: 'eu-west-1', accountId: '111122223333', stackName: 'shop' }),
  );
  const value = (name: string) => resolver.resolveValue(property(resolver, 'Values', name));

  it('names resources by their declared names or as CloudFormation generates them', () => {
    assert.equal(resolver.physicalName('Named'), 'dev-orders');
    assert.match(resolver.physicalName('Generated'), /^shop-Generated-[A-Z0-9]{12}$/);
    assert.equal(resolver.physicalName('Generated'), resolver.physicalName('Generated'), 'stable between calls');
    assert.match(resolver.physicalName('Fifo'), /^shop-Fifo-[A-Z0-9]{12}\.fifo$/);
    assert.match(resolver.physicalName('Bucket'), /^shop-bucket-[a-z0-9]{12}$/);
    assert.equal(resolver.physicalName('Topic'), 'dev-alerts');
    assert.match(resolver.physicalName('Loop'), /^shop-Loop-/, 'a name that refers to itself falls back');
  });

  it('answers Ref and GetAtt in the shapes CloudFormation gives', () => {
    assert.equal(resolver.refValue('Named'), 'https://sqs.eu-west-1.amazonaws.com/111122223333/dev-orders');
    assert.equal(resolver.getAtt('Named', 'Arn'), 'arn:aws:sqs:eu-west-1:111122223333:dev-orders');
    assert.equal(resolver.getAtt('Named', 'QueueName'), 'dev-orders');
    assert.equal(resolver.refValue('Topic'), 'arn:aws:sns:eu-west-1:111122223333:dev-alerts');
    assert.match(resolver.getAtt('Bucket', 'Arn') ?? '', /^arn:aws:s3:::shop-bucket-/);
    assert.match(
      resolver.getAtt('Table', 'StreamArn') ?? '',
      /^arn:aws:dynamodb:eu-west-1:111122223333:table\/shop-Table-[A-Z0-9]{12}\/stream\/2024-01-01T00:00:00\.000$/,
    );
    assert.match(resolver.refValue('ServerlessRestApi') ?? '', /^[a-z0-9]{10}$/);
    assert.equal(resolver.getAtt('Named', 'Nonsense'), undefined);
    assert.equal(resolver.refValue('Missing'), undefined);
  });

  it('resolves parameters, pseudo parameters and intrinsic functions', () => {
    assert.equal(value('Region'), 'eu-west-1');
    assert.equal(value('Partition'), 'aws');
    assert.equal(value('Tier'), 'gold', 'the first allowed value when there is no default');
    assert.equal(value('Placeholder'), 'orders-queue', 'a readable placeholder when nothing else is known');
    assert.match(String(value('Url')), /^https:\/\/[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com\/Prod$/);
    assert.equal(value('Literal'), '${NotResolved}-dev');
    assert.equal(value('Vars'), 'dev.example.com');
    assert.equal(value('Memory'), 512);
    assert.equal(value('First'), 'b');
    assert.equal(value('Either'), 'yes');
    assert.equal(value('Encoded'), Buffer.from('hi').toString('base64'));
    assert.equal(value('NoValue'), undefined);
    assert.equal(value('Unknown'), 'generated-something-else');
  });

  it('uses parameter overrides before defaults', () => {
    const overridden = new TemplateValueResolver(parseTemplate(TEMPLATE), createEventContext(), { Env: 'prod' });
    assert.equal(overridden.physicalName('Named'), 'prod-orders');
  });

  it('reads the long forms of JSON templates', () => {
    const json = new TemplateValueResolver(parseTemplate(JSON_TEMPLATE), createEventContext());
    const jsonValue = (name: string) => json.resolveValue(property(json, 'Values', name));
    assert.equal(jsonValue('Arn'), 'arn:aws:sqs:us-east-1:123456789012:json-queue');
    assert.equal(jsonValue('Url'), 'https://sqs.us-east-1.amazonaws.com/123456789012/json-queue');
    assert.equal(jsonValue('Text'), 'json-queue-x');
    assert.equal(json.referencedResource(property(json, 'Values', 'Arn')), 'Queue');
    assert.equal(json.referencedResource(property(json, 'Values', 'Text')), undefined);
  });
});
