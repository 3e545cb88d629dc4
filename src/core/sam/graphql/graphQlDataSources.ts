// The GraphQL API's DynamoDB and Lambda data sources. Without a ServiceRoleArn each gets a role AppSync assumes
// and a connector (<DataSource>ToTableConnector / ToLambdaConnector) granting it the table or the function; a
// DynamoDB data source without TableArn gets its table's ARN built from TableName and Region.
import { InvalidResourceError } from '../samTransformError';
import { getAtt, isObject, ref, sub, type JsonObject, type JsonValue } from '../intrinsics';
import type { CfnResource, GeneratedResources, TransformContext } from '../transformContext';
import { connectorResources, contextResolver } from '../connector/connector';

/** What the parts of one GraphQL API share while it is transformed. */
export interface GraphQlBuild {
  logicalId: string;
  apiId: JsonObject;
  attributes: JsonObject;
  context: TransformContext;
  resources: GeneratedResources;
  /** Data source relative IDs -> their names (GetAtt), for functions. */
  dataSourceNames: Map<string, JsonValue>;
  /** Function relative IDs -> their FunctionId, for resolvers. */
  functionIds: Map<string, JsonValue>;
}

/** A role AppSync can assume. */
export function appSyncServiceRole(attributes: JsonObject, managedPolicyArns?: JsonValue[]): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    ...attributes,
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['appsync.amazonaws.com'] } }],
      },
      ...(managedPolicyArns ? { ManagedPolicyArns: managedPolicyArns } : {}),
    },
  };
}

export function graphQlDataSources(build: GraphQlBuild, value: JsonValue | undefined): void {
  if (!isObject(value)) return;
  for (const [name, source] of Object.entries(isObject(value.DynamoDb) ? value.DynamoDb : {})) {
    dynamoDbDataSource(build, name, isObject(source) ? source : {});
  }
  for (const [name, source] of Object.entries(isObject(value.Lambda) ? value.Lambda : {})) {
    lambdaDataSource(build, name, isObject(source) ? source : {});
  }
}

function dynamoDbDataSource(build: GraphQlBuild, name: string, source: JsonObject): void {
  const id = `${build.logicalId}${name}DynamoDBDataSource`;
  const config: JsonObject = { AwsRegion: source.Region ?? ref('AWS::Region'), TableName: source.TableName ?? null };
  if (source.TableName === undefined) delete config.TableName;
  if (source.UseCallerCredentials) config.UseCallerCredentials = source.UseCallerCredentials;
  if (source.Versioned) config.Versioned = source.Versioned;
  if (source.DeltaSync) config.DeltaSyncConfig = source.DeltaSync;
  const properties: JsonObject = { ApiId: build.apiId, Name: source.Name ?? name, Type: 'AMAZON_DYNAMODB' };
  if (source.Description !== undefined) properties.Description = source.Description;
  properties.DynamoDBConfig = config;
  if (source.ServiceRoleArn) properties.ServiceRoleArn = source.ServiceRoleArn;
  else {
    const tableArn = source.TableArn ?? tableArnOf(source, name);
    const permissions = source.Permissions ?? ['Read', 'Write'];
    properties.ServiceRoleArn = dataSourceRole(
      build,
      id,
      'ToTableConnector',
      'AWS::DynamoDB::Table',
      tableArn,
      permissions,
    );
  }
  build.resources[id] = { Type: 'AWS::AppSync::DataSource', ...build.attributes, Properties: properties };
  build.dataSourceNames.set(name, getAtt(id, 'Name'));
}

/** arn:...:dynamodb:<Region>:<account>:table/<TableName>, as the translator builds it when TableArn is absent. */
function tableArnOf(source: JsonObject, name: string): JsonValue {
  if (source.TableName === undefined || source.TableName === null) {
    throw new InvalidResourceError(
      name,
      "'TableArn' must be defined to create the role and policy if 'ServiceRoleArn' is not defined.",
    );
  }
  return sub('arn:${AWS::Partition}:dynamodb:${__Region__}:${AWS::AccountId}:table/${__TableName__}', {
    __Region__: source.Region ?? ref('AWS::Region'),
    __TableName__: source.TableName,
  });
}

function lambdaDataSource(build: GraphQlBuild, name: string, source: JsonObject): void {
  const id = `${build.logicalId}${name}LambdaDataSource`;
  const properties: JsonObject = { ApiId: build.apiId, Name: source.Name ?? name, Type: 'AWS_LAMBDA' };
  if (source.Description !== undefined) properties.Description = source.Description;
  properties.LambdaConfig = { LambdaFunctionArn: source.FunctionArn ?? null };
  properties.ServiceRoleArn =
    source.ServiceRoleArn ??
    dataSourceRole(build, id, 'ToLambdaConnector', 'AWS::Lambda::Function', source.FunctionArn ?? null, ['Write']);
  build.resources[id] = { Type: 'AWS::AppSync::DataSource', ...build.attributes, Properties: properties };
  build.dataSourceNames.set(name, getAtt(id, 'Name'));
}

/** The data source's role and the connector granting it the destination; returns the role's ARN. */
function dataSourceRole(
  build: GraphQlBuild,
  dataSourceId: string,
  connectorSuffix: string,
  destinationType: string,
  destinationArn: JsonValue,
  permissions: JsonValue,
): JsonValue {
  const roleId = `${dataSourceId}Role`;
  build.resources[roleId] = appSyncServiceRole(build.attributes);
  const connector = {
    Properties: {
      Source: { Type: 'AWS::AppSync::DataSource', Arn: getAtt(dataSourceId, 'DataSourceArn'), RoleName: ref(roleId) },
      Destination: { Type: destinationType, Arn: destinationArn },
      Permissions: permissions,
    },
  };
  const connectorId = `${dataSourceId}${connectorSuffix}`;
  Object.assign(
    build.resources,
    connectorResources(connectorId, connector, contextResolver(build.context, build.resources)),
  );
  return getAtt(roleId, 'Arn');
}
