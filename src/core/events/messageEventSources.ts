import {
  generateActiveMqEvent,
  generateRabbitMqEvent,
  generateSnsEvent,
  generateSqsEvent,
  type MqEventOptions,
} from './messagingEvents';
import { generateS3DeleteEvent, generateS3PutEvent, type S3EventOptions } from './s3Events';
import {
  generateDynamoDbStreamEvent,
  generateKinesisEvent,
  generateMskEvent,
  generateSelfManagedKafkaEvent,
  type KafkaEventOptions,
} from './streamEvents';
import {
  jsonOrText,
  compact,
  json,
  lambdaType,
  num,
  number,
  record,
  shapeType,
  str,
  text,
  type EventOptionValues,
  type EventSourceDefinition,
} from './eventOptions';

function s3Options(values: EventOptionValues): S3EventOptions {
  return compact({
    bucketName: str(values, 'bucket'),
    key: str(values, 'key'),
    size: num(values, 'size'),
    eventName: str(values, 'event-name'),
  });
}

function kafkaOptions(values: EventOptionValues): KafkaEventOptions {
  return compact({
    clusterArn: str(values, 'cluster-arn'),
    clusterName: str(values, 'cluster'),
    bootstrapServers: str(values, 'bootstrap-servers'),
    topic: str(values, 'topic'),
    value: values.value,
    key: str(values, 'key'),
    count: num(values, 'count'),
  });
}

function mqOptions(values: EventOptionValues): MqEventOptions {
  return compact({
    brokerArn: str(values, 'broker-arn'),
    brokerName: str(values, 'broker'),
    queue: str(values, 'queue'),
    virtualHost: str(values, 'virtual-host'),
    body: values.body,
    count: num(values, 'count'),
  });
}

/** Drops undefined fields, so that options objects only carry what the caller gave. */
const COUNT = number('count', 'Number of records in the batch. Default 1.');
const KAFKA_OPTIONS = [
  text('topic', 'Topic. Default my-topic.'),
  jsonOrText('value', 'Record value (JSON or text), base64-encoded in the event.'),
  text('key', 'Record key.'),
  COUNT,
];
const MQ_OPTIONS = [
  text('broker', 'Broker name. Default my-broker.'),
  text('broker-arn', 'Broker ARN (overrides --broker).'),
  text('queue', 'Queue name. Default my-queue.'),
  jsonOrText('body', 'Message body (JSON or text), base64-encoded in the event.'),
  COUNT,
];

/** Records and messages: queues, topics, buckets, streams and brokers. */
export const MESSAGE_EVENT_SOURCES: readonly EventSourceDefinition[] = [
  {
    id: 'sqs',
    aliases: [],
    title: 'Amazon SQS',
    options: [
      text('queue', 'Queue name (ending .fifo for FIFO queues). Default my-queue.'),
      text('queue-arn', 'Queue ARN (overrides --queue).'),
      jsonOrText('body', 'Message body: JSON or text.'),
      json('attributes', 'Message attributes (JSON object of name to value).'),
      COUNT,
    ],
    typeFor: lambdaType('SQSEvent'),
    generate: (values, context) =>
      generateSqsEvent(
        compact({
          queueName: str(values, 'queue'),
          queueArn: str(values, 'queue-arn'),
          body: values.body,
          messageAttributes: record(values, 'attributes') as Record<string, string> | undefined,
          count: num(values, 'count'),
        }),
        context,
      ),
  },
  {
    id: 'sns',
    aliases: [],
    title: 'Amazon SNS',
    options: [
      text('topic', 'Topic name. Default my-topic.'),
      text('topic-arn', 'Topic ARN (overrides --topic).'),
      jsonOrText('message', 'Message: JSON or text.'),
      text('subject', 'Subject.'),
      json('attributes', 'Message attributes (JSON object of name to value).'),
    ],
    typeFor: lambdaType('SNSEvent'),
    generate: (values, context) =>
      generateSnsEvent(
        compact({
          topicName: str(values, 'topic'),
          topicArn: str(values, 'topic-arn'),
          message: values.message,
          subject: str(values, 'subject'),
          messageAttributes: record(values, 'attributes') as Record<string, string> | undefined,
        }),
        context,
      ),
  },
  {
    id: 's3-put',
    aliases: ['s3', 's3-created'],
    title: 'Amazon S3 object created',
    options: [
      text('bucket', 'Bucket name. Default my-bucket.'),
      text('key', 'Object key. Default uploads/hello.txt.'),
      number('size', 'Object size in bytes. Default 1024.'),
      text('event-name', 'Event name. Default ObjectCreated:Put.'),
    ],
    typeFor: lambdaType('S3Event'),
    generate: (values, context) => generateS3PutEvent(s3Options(values), context),
  },
  {
    id: 's3-delete',
    aliases: ['s3-removed'],
    title: 'Amazon S3 object removed',
    options: [
      text('bucket', 'Bucket name. Default my-bucket.'),
      text('key', 'Object key. Default uploads/hello.txt.'),
      text('event-name', 'Event name. Default ObjectRemoved:Delete.'),
    ],
    typeFor: shapeType('S3ObjectRemovedEvent'),
    generate: (values, context) => generateS3DeleteEvent(s3Options(values), context),
  },
  {
    id: 'dynamodb-stream',
    aliases: ['dynamodb', 'ddb'],
    title: 'Amazon DynamoDB Streams',
    options: [
      text('table', 'Table name. Default my-table.'),
      text('stream-arn', 'Stream ARN (overrides --table).'),
      text('event-name', 'INSERT (default), MODIFY or REMOVE.', ['INSERT', 'MODIFY', 'REMOVE']),
      json('new-image', 'The item after the change (plain JSON, marshalled).'),
      json('old-image', 'The item before the change (plain JSON, marshalled).'),
      COUNT,
    ],
    typeFor: lambdaType('DynamoDBStreamEvent'),
    generate: (values, context) =>
      generateDynamoDbStreamEvent(
        compact({
          tableName: str(values, 'table'),
          streamArn: str(values, 'stream-arn'),
          eventName: str(values, 'event-name') as 'INSERT' | 'MODIFY' | 'REMOVE' | undefined,
          newImage: record(values, 'new-image'),
          oldImage: record(values, 'old-image'),
          count: num(values, 'count'),
        }),
        context,
      ),
  },
  {
    id: 'kinesis',
    aliases: ['kinesis-stream'],
    title: 'Amazon Kinesis Data Streams',
    options: [
      text('stream', 'Stream name. Default my-stream.'),
      text('stream-arn', 'Stream ARN (overrides --stream).'),
      jsonOrText('data', 'Record data (JSON or text), base64-encoded in the event.'),
      text('partition-key', 'Partition key.'),
      COUNT,
    ],
    typeFor: lambdaType('KinesisStreamEvent'),
    generate: (values, context) =>
      generateKinesisEvent(
        compact({
          streamName: str(values, 'stream'),
          streamArn: str(values, 'stream-arn'),
          data: values.data,
          partitionKey: str(values, 'partition-key'),
          count: num(values, 'count'),
        }),
        context,
      ),
  },
  {
    id: 'kafka-msk',
    aliases: ['msk'],
    title: 'Amazon MSK (Kafka)',
    options: [
      text('cluster', 'Cluster name.'),
      text('cluster-arn', 'Cluster ARN (overrides --cluster).'),
      ...KAFKA_OPTIONS,
    ],
    typeFor: lambdaType('MSKEvent'),
    generate: (values, context) => generateMskEvent(kafkaOptions(values), context),
  },
  {
    id: 'kafka-self-managed',
    aliases: ['kafka', 'self-managed-kafka'],
    title: 'Self-managed Apache Kafka',
    options: [text('bootstrap-servers', 'host:port,host:port.'), ...KAFKA_OPTIONS],
    typeFor: lambdaType('SelfManagedKafkaEvent'),
    generate: (values, context) => generateSelfManagedKafkaEvent(kafkaOptions(values), context),
  },
  {
    id: 'mq-activemq',
    aliases: ['activemq', 'mq'],
    title: 'Amazon MQ for ActiveMQ',
    options: MQ_OPTIONS,
    typeFor: shapeType('ActiveMQEvent'),
    generate: (values, context) => generateActiveMqEvent(mqOptions(values), context),
  },
  {
    id: 'mq-rabbitmq',
    aliases: ['rabbitmq'],
    title: 'Amazon MQ for RabbitMQ',
    options: [...MQ_OPTIONS, text('virtual-host', 'Virtual host. Default /.')],
    typeFor: shapeType('RabbitMQEvent'),
    generate: (values, context) => generateRabbitMqEvent(mqOptions(values), context),
  },
];
