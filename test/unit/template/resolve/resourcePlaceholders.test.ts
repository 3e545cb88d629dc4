import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../../src/core/template/parseTemplate';
import { intrinsicCall, referencedName } from '../../../../src/core/template/resolve/intrinsicCall';
import { generatedName } from '../../../../src/core/template/resolve/resourcePlaceholders';
import {
  createStackIdentity,
  partitionOf,
  pseudoParameters,
} from '../../../../src/core/template/resolve/stackIdentity';
import { TemplateResolver } from '../../../../src/core/template/resolve/templateResolver';
import { getMapValue } from '../../../../src/core/template/templateTree';

const TEMPLATE = `
Parameters:
  Stage: { Type: String, Default: dev }
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !Sub '\${Stage}-orders' }
  Jobs:
    Type: AWS::SQS::Queue
    Properties: { FifoQueue: true }
  DeadLetters:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !Sub '\${Orders.QueueName}-dlq' }
  Photos:
    Type: AWS::S3::Bucket
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties: { Name: api-key }
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties: { LayerName: shared }
  Role:
    Type: AWS::IAM::Role
  Pool:
    Type: AWS::Cognito::UserPool
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties: { BrokerName: queue-broker }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: !Sub '\${Stage}-fn' }
`;

const identity = createStackIdentity({ region: 'eu-west-1', accountId: '111122223333', stackName: 'shop' });
const runtime = new TemplateResolver(parseTemplate(TEMPLATE), identity);
const events = new TemplateResolver(parseTemplate(TEMPLATE), identity, {
  unresolved: 'guess',
  conditions: 'firstBranch',
  unknownAttributes: 'unresolved',
});

describe('resource placeholders: one naming scheme', () => {
  it('names resources by their declared names, evaluated lazily, or as CloudFormation generates them', () => {
    assert.equal(runtime.physicalName('Orders'), 'dev-orders');
    assert.equal(runtime.physicalName('DeadLetters'), 'dev-orders-dlq', 'a name may use another resource');
    assert.match(runtime.physicalName('Jobs'), /^shop-Jobs-[A-Z0-9]{12}\.fifo$/);
    assert.match(runtime.physicalName('Photos'), /^shop-photos-[a-z0-9]{12}$/);
    assert.equal(generatedName(identity, 'A'.repeat(100), 'AWS::Events::Rule').length, 64);
    assert.equal(generatedName(identity, 'A'.repeat(100), 'AWS::SQS::Queue', true).length, 80);
  });

  it('answers Ref and GetAtt in the shapes CloudFormation gives', () => {
    assert.equal(runtime.refValue('Orders'), 'https://sqs.eu-west-1.amazonaws.com/111122223333/dev-orders');
    assert.equal(runtime.getAtt('Orders', 'Arn'), 'arn:aws:sqs:eu-west-1:111122223333:dev-orders');
    assert.equal(runtime.refValue('Secret'), 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:api-key-AbCdEf');
    assert.equal(runtime.refValue('Layer'), 'arn:aws:lambda:eu-west-1:111122223333:layer:shared:1');
    assert.match(runtime.getAtt('Role', 'Arn') ?? '', /^arn:aws:iam::111122223333:role\/shop-Role-/);
    assert.match(runtime.refValue('Pool') ?? '', /^eu-west-1_[A-Z0-9]{9}$/);
    assert.match(runtime.refValue('Broker') ?? '', /^b-[0-9a-f-]{36}$/);
    assert.equal(runtime.refValue('Fn.Alias'), 'arn:aws:lambda:eu-west-1:111122223333:function:dev-fn:live');
    assert.match(runtime.refValue('ServerlessRestApi') ?? '', /^[a-z0-9]{10}$/);
    assert.equal(runtime.refValue('Missing'), undefined);
  });

  it('gives the runtime and the events the same names and ARNs; only unknown attributes differ', () => {
    for (const logicalId of ['Orders', 'Jobs', 'DeadLetters', 'Photos', 'Secret', 'Layer', 'Role', 'Pool', 'Fn']) {
      assert.equal(events.physicalName(logicalId), runtime.physicalName(logicalId), logicalId);
      assert.equal(events.refValue(logicalId), runtime.refValue(logicalId), logicalId);
      assert.equal(events.getAtt(logicalId, 'Arn'), runtime.getAtt(logicalId, 'Arn'), logicalId);
    }
    assert.equal(runtime.getAtt('Orders', 'Nonsense'), 'dev-orders-Nonsense', 'the runtime derives a value');
    assert.equal(events.getAtt('Orders', 'Nonsense'), undefined, 'events leave it unresolved');
  });
});

describe('stack identity and intrinsic calls', () => {
  it('derives the partition and the pseudo parameters from the region', () => {
    assert.equal(partitionOf('cn-north-1'), 'aws-cn');
    assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov');
    const china = pseudoParameters(createStackIdentity({ region: 'cn-north-1', accountId: '1', stackName: 's' }));
    assert.equal(china.get('AWS::URLSuffix'), 'amazonaws.com.cn');
    assert.match(String(china.get('AWS::StackId')), /^arn:aws-cn:cloudformation:cn-north-1:1:stack\/s\/[0-9a-f-]{36}$/);
  });

  it('reads short and long forms, and names what a reference points at', () => {
    const node = (yaml: string) => getMapValue(parseTemplate(yaml).root, 'Value');
    assert.equal(intrinsicCall(node('Value: !GetAtt Queue.Arn'))?.name, 'Fn::GetAtt');
    assert.equal(intrinsicCall(node('Value: { "Fn::Sub": "x" }'))?.name, 'Fn::Sub');
    assert.equal(intrinsicCall(node('Value: !Condition IsProd'))?.name, 'Condition');
    assert.equal(intrinsicCall(node('Value: { Condition: { StringEquals: {} } }')), undefined);
    assert.equal(referencedName(node('Value: !GetAtt [Queue, Arn]')), 'Queue');
    assert.equal(referencedName(node("Value: !Sub '${Queue.Arn}'")), 'Queue');
    assert.equal(referencedName(node("Value: !Sub 'x-${Queue}'")), undefined);
  });
});
