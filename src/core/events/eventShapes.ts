import type { S3Event, S3EventRecord } from 'aws-lambda';

// Event shapes that @types/aws-lambda does not declare, written from the AWS Lambda developer guide's examples:
// Amazon MQ (https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html), AWS Config custom rules
// (https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html)
// and Step Functions Lambda task payloads (any JSON the state machine passes).

/** One ActiveMQ message as the Amazon MQ event source delivers it. */
export interface ActiveMQMessage {
  messageID: string;
  messageType: 'jms/text-message' | 'jms/bytes-message';
  deliveryMode: number;
  replyTo: string | null;
  type: string | null;
  expiration: string;
  priority: number;
  correlationId?: string;
  redelivered: boolean;
  destination: { physicalName: string };
  /** Base64 of the message body. */
  data: string;
  timestamp: number;
  brokerInTime: number;
  brokerOutTime: number;
  properties?: Record<string, string>;
}

/** The event a function receives from an Amazon MQ for ActiveMQ broker. */
export interface ActiveMQEvent {
  eventSource: 'aws:mq';
  eventSourceArn: string;
  messages: ActiveMQMessage[];
}

/** A RabbitMQ header value: bytes for strings, plain JSON for numbers and booleans. */
export type RabbitMQHeaderValue = { bytes: number[] } | number | boolean | string;

/** One RabbitMQ message as the Amazon MQ event source delivers it. */
export interface RabbitMQMessage {
  basicProperties: {
    contentType: string | null;
    contentEncoding: string | null;
    headers: Record<string, RabbitMQHeaderValue> | null;
    deliveryMode: number | null;
    priority: number | null;
    correlationId: string | null;
    replyTo: string | null;
    expiration: string | null;
    messageId: string | null;
    timestamp: string | null;
    type: string | null;
    userId: string | null;
    appId: string | null;
    clusterId: string | null;
    bodySize: number;
  };
  redelivered: boolean;
  /** Base64 of the message body. */
  data: string;
}

/** The event a function receives from an Amazon MQ for RabbitMQ broker; queues are keyed `<queue>::<vhost>`. */
export interface RabbitMQEvent {
  eventSource: 'aws:rmq';
  eventSourceArn: string;
  rmqMessagesByQueue: Record<string, RabbitMQMessage[]>;
}

/** The event AWS Config sends a custom rule's function. */
export interface ConfigRuleEvent {
  version: string;
  /** JSON text: a configuration item change notification, or a scheduled notification for periodic rules. */
  invokingEvent: string;
  /** JSON text of the rule's input parameters. */
  ruleParameters?: string;
  resultToken: string;
  eventLeftScope: boolean;
  executionRoleArn: string;
  configRuleArn: string;
  configRuleName: string;
  configRuleId: string;
  accountId: string;
  evaluationMode?: 'DETECTIVE' | 'PROACTIVE';
}

/** The Step Functions context object (`$$`), which task payloads often pass next to the state input. */
export interface StepFunctionsContextObject {
  Execution: { Id: string; Name: string; StartTime: string; RoleArn: string; Input: unknown };
  State: { Name: string; EnteredTime: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
}

/** What a Lambda task state passes: the state input itself, or `{ input, context }` when the payload adds `$$`. */
export type StepFunctionsTaskInput = Record<string, unknown>;

type S3RemovedObject = Omit<S3EventRecord['s3']['object'], 'size' | 'eTag'>;

/**
 * An object-removed notification. @types/aws-lambda's S3Event requires `size` and `eTag`, but S3 omits both
 * from ObjectRemoved events (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 */
export interface S3ObjectRemovedEvent {
  Records: Array<
    Omit<S3Event['Records'][number], 's3'> & {
      s3: Omit<S3EventRecord['s3'], 'object'> & { object: S3RemovedObject };
    }
  >;
}
