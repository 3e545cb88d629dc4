// AWS::Serverless::SimpleTable: a DynamoDB table with one primary key (`id` of type String by default), billed
// per request unless ProvisionedThroughput is given.
import { InvalidResourceError } from './samTransformError';
import { isIntrinsic, isObject, type JsonObject, text } from './intrinsics';
import { mainAttributes } from './function/samFunction';
import { checkProperties, type GeneratedResources } from './transformContext';

const ATTRIBUTE_TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };

export function transformSimpleTable(logicalId: string, resource: JsonObject): GeneratedResources {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  checkProperties(logicalId, properties, {
    PrimaryKey: 'map',
    ProvisionedThroughput: 'map',
    Tags: 'map',
    TableName: 'string',
    SSESpecification: 'map',
  });
  const key = isObject(properties.PrimaryKey) ? properties.PrimaryKey : { Name: 'id', Type: 'String' };
  if (key.Name === undefined)
    throw new InvalidResourceError(logicalId, "'PrimaryKey' is missing required Property 'Name'.", [
      'Properties',
      'PrimaryKey',
    ]);
  const type = key.Type ?? 'String';
  const attributeType = typeof type === 'string' ? ATTRIBUTE_TYPES[type] : undefined;
  if (!attributeType && !isIntrinsic(type)) {
    throw new InvalidResourceError(logicalId, `Invalid 'Type' "${text(type)}".`, ['Properties', 'PrimaryKey', 'Type']);
  }
  const table: JsonObject = {
    AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: attributeType ?? type }],
    KeySchema: [{ AttributeName: key.Name, KeyType: 'HASH' }],
  };
  if (properties.ProvisionedThroughput !== undefined) table.ProvisionedThroughput = properties.ProvisionedThroughput;
  else table.BillingMode = 'PAY_PER_REQUEST';
  for (const name of ['TableName', 'SSESpecification', 'PointInTimeRecoverySpecification'])
    if (properties[name] !== undefined) table[name] = properties[name]!;
  if (isObject(properties.Tags)) table.Tags = Object.entries(properties.Tags).map(([Key, Value]) => ({ Key, Value }));
  return { [logicalId]: { Type: 'AWS::DynamoDB::Table', ...mainAttributes(resource), Properties: table } };
}
