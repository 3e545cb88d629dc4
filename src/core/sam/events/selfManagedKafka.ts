// Self-managed Kafka events: a mapping on bootstrap servers and one topic; the role reads the auth secret and
// manages network interfaces when the cluster is in a VPC.
import { InvalidEventError } from '../samTransformError';
import { isObject, type JsonValue, text } from '../intrinsics';
import { eventPath, type FunctionEventHandler } from './functionEvent';
import { eventSourceMapping } from './eventSourceMapping';

const AUTH_TYPES = ['BASIC_AUTH', 'SASL_SCRAM_512_AUTH', 'SASL_SCRAM_256_AUTH', 'CLIENT_CERTIFICATE_TLS_AUTH'];
const EC2_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
];

export const selfManagedKafkaEvent: FunctionEventHandler = (event) => {
  const fail = (message: string, ...path: string[]) => {
    throw new InvalidEventError(event.eventName, message, eventPath(event, ...path));
  };
  const servers = event.properties.KafkaBootstrapServers;
  if (servers === undefined)
    fail('No KafkaBootstrapServers provided for self managed kafka as an event source', 'KafkaBootstrapServers');
  const topics = event.properties.Topics;
  if (topics === undefined) fail('No Topics provided for self managed kafka as an event source', 'Topics');
  if (Array.isArray(topics) && topics.length !== 1)
    fail('Topics for self managed kafka only supports single configuration entry.', 'Topics');
  const configurations = event.properties.SourceAccessConfigurations;
  if (configurations === undefined)
    fail('No SourceAccessConfigurations for self managed kafka event provided.', 'SourceAccessConfigurations');
  if (!Array.isArray(configurations))
    fail('SourceAccessConfigurations for self managed kafka event should be a list.', 'SourceAccessConfigurations');
  const kms = event.properties.SecretsManagerKmsKeyId;
  if (kms !== undefined && typeof kms !== 'string')
    fail("Property 'SecretsManagerKmsKeyId' should be a string.", 'SecretsManagerKmsKeyId');
  const list = (configurations as JsonValue[]).filter(isObject);
  const auth = list.filter((item) => AUTH_TYPES.includes(text(item.Type)));
  if (auth.length > 1)
    fail(
      'Multiple auth mechanism properties specified in SourceAccessConfigurations for self managed kafka event.',
      'SourceAccessConfigurations',
    );
  const hasSubnet = list.some((item) => item.Type === 'VPC_SUBNET');
  const hasGroup = list.some((item) => item.Type === 'VPC_SECURITY_GROUP');
  if (hasSubnet !== hasGroup)
    fail(
      'VPC_SUBNET and VPC_SECURITY_GROUP in SourceAccessConfigurations for SelfManagedKafka must be both provided.',
      'SourceAccessConfigurations',
    );
  for (const item of list) {
    if (![...AUTH_TYPES, 'VPC_SUBNET', 'VPC_SECURITY_GROUP', 'SERVER_ROOT_CA_CERTIFICATE'].includes(text(item.Type))) {
      fail(
        `Invalid SourceAccessConfigurations Type provided for self managed kafka event.`,
        'SourceAccessConfigurations',
      );
    }
  }
  validateSchemaRegistry(
    event.eventName,
    event.properties.SchemaRegistryConfig,
    eventPath(event, 'SchemaRegistryConfig'),
  );
  event.properties.SelfManagedEventSource = { Endpoints: { KafkaBootstrapServers: servers ?? null } };
  if (event.properties.ConsumerGroupId !== undefined)
    event.properties.SelfManagedKafkaEventSourceConfig = { ConsumerGroupId: event.properties.ConsumerGroupId };
  const secrets = [...auth, ...list.filter((item) => item.Type === 'SERVER_ROOT_CA_CERTIFICATE')].map(
    (item) => item.URI ?? null,
  );
  return eventSourceMapping(event, {
    inlinePolicy: () => ({
      PolicyName: 'SelfManagedKafkaExecutionRolePolicy',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          ...secrets.map((secret) => ({
            Action: ['secretsmanager:GetSecretValue'],
            Effect: 'Allow',
            Resource: secret,
          })),
          ...(hasSubnet ? [{ Action: EC2_ACTIONS, Effect: 'Allow', Resource: '*' }] : []),
        ],
      },
    }),
  });
};

/** SchemaRegistryConfig needs a URI, a record format and validation configs. */
export function validateSchemaRegistry(
  eventName: string,
  config: JsonValue | undefined,
  path: (string | number)[],
): void {
  if (!isObject(config)) return;
  for (const field of ['SchemaRegistryURI', 'EventRecordFormat', 'SchemaValidationConfigs']) {
    if (config[field] === undefined)
      throw new InvalidEventError(eventName, `Missing required field ${field} in SchemaRegistryConfig`, path);
  }
}
