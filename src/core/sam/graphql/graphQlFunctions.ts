// The GraphQL API's functions (AppSync FunctionConfigurations, or existing ones by Id) and pipeline resolvers.
// `DataSource: NONE` (any case) uses one NONE data source per API.
import { InvalidResourceError } from '../samTransformError';
import { getAtt, isObject, text, type JsonObject, type JsonValue } from '../intrinsics';
import type { GraphQlBuild } from './graphQlDataSources';

/** The code a pipeline resolver gets when it has none: pass the request on, return the last function's result. */
const PIPELINE_RESOLVER_CODE = `export function request(ctx) {
  return {};
}

export function response(ctx) {
  return ctx.prev.result;
}
`;

export function graphQlFunctions(build: GraphQlBuild, value: JsonValue | undefined): void {
  for (const [name, entry] of Object.entries(isObject(value) ? value : {})) {
    const fn = isObject(entry) ? entry : {};
    if (fn.Id) {
      const defined = Object.values(fn).filter((item) => item !== null && item !== undefined);
      if (defined.length !== 1) {
        throw new InvalidResourceError(name, "'Id' cannot be defined with other properties in Function.");
      }
      build.functionIds.set(name, fn.Id);
      continue;
    }
    const id = `${build.logicalId}${name}`;
    const properties: JsonObject = { ApiId: build.apiId, Name: fn.Name ?? name };
    Object.assign(properties, code(name, fn));
    properties.DataSourceName = dataSourceName(build, name, fn.DataSource);
    if (fn.MaxBatchSize !== undefined) properties.MaxBatchSize = fn.MaxBatchSize;
    if (fn.Description !== undefined) properties.Description = fn.Description;
    properties.Runtime = runtime(name, fn);
    if (isObject(fn.Sync)) {
      properties.SyncConfig = Object.fromEntries(Object.entries(fn.Sync).filter(([, item]) => item !== null));
    }
    build.resources[id] = { Type: 'AWS::AppSync::FunctionConfiguration', ...build.attributes, Properties: properties };
    build.functionIds.set(name, getAtt(id, 'FunctionId'));
  }
}

export function graphQlResolvers(build: GraphQlBuild, value: JsonValue | undefined): void {
  for (const [typeName, resolvers] of Object.entries(isObject(value) ? value : {})) {
    for (const [name, entry] of Object.entries(isObject(resolvers) ? resolvers : {})) {
      const resolver = isObject(entry) ? entry : {};
      if (resolver.CodeUri && resolver.InlineCode) {
        throw new InvalidResourceError(name, "Both 'InlineCode' and 'CodeUri' cannot be defined at the same time.");
      }
      const properties: JsonObject = { ApiId: build.apiId };
      if (resolver.InlineCode) properties.Code = resolver.InlineCode;
      else if (resolver.CodeUri) properties.CodeS3Location = resolver.CodeUri;
      else properties.Code = PIPELINE_RESOLVER_CODE;
      properties.FieldName = resolver.FieldName ?? name;
      properties.TypeName = typeName;
      properties.Runtime = runtime(name, resolver);
      if (!Array.isArray(resolver.Pipeline) || resolver.Pipeline.length === 0) {
        throw new InvalidResourceError(
          name,
          `Resolver '${name}' must have Pipeline defined. Unit resolvers are not supported. If you need a Unit resolver you can use AppSync resource.`,
        );
      }
      properties.Kind = 'PIPELINE';
      properties.PipelineConfig = {
        Functions: resolver.Pipeline.map((fn) => {
          const functionId = build.functionIds.get(text(fn));
          if (functionId === undefined) throw new InvalidResourceError(name, `Function '${text(fn)}' does not exist.`);
          return functionId;
        }),
      };
      if (isObject(resolver.Caching)) {
        properties.CachingConfig = Object.fromEntries(
          Object.entries(resolver.Caching).filter(([, item]) => item !== null),
        );
      }
      if (resolver.MaxBatchSize) properties.MaxBatchSize = resolver.MaxBatchSize;
      build.resources[`${build.logicalId}${typeName}${name}`] = {
        Type: 'AWS::AppSync::Resolver',
        ...build.attributes,
        DependsOn: [`${build.logicalId}Schema`],
        Properties: properties,
      };
    }
  }
}

function code(name: string, fn: JsonObject): JsonObject {
  if (fn.InlineCode && fn.CodeUri) {
    throw new InvalidResourceError(name, "Both 'InlineCode' and 'CodeUri' cannot be defined at the same time.");
  }
  if (fn.InlineCode) return { Code: fn.InlineCode };
  if (fn.CodeUri) return { CodeS3Location: fn.CodeUri };
  throw new InvalidResourceError(name, "One of 'InlineCode' or 'CodeUri' must be set.");
}

function runtime(name: string, entry: JsonObject): JsonObject {
  if (!isObject(entry.Runtime)) {
    throw new InvalidResourceError(name, `'Runtime' must be defined as a property in ${name}.`);
  }
  return { Name: entry.Runtime.Name ?? null, RuntimeVersion: entry.Runtime.Version ?? null };
}

/** A data source of this API by relative ID, the API's NONE data source, or any intrinsic as it is. */
function dataSourceName(build: GraphQlBuild, name: string, dataSource: JsonValue | undefined): JsonValue {
  if (!dataSource) throw new InvalidResourceError(name, "'DataSource' must be set.");
  if (typeof dataSource !== 'string') return dataSource;
  if (dataSource.toLowerCase() === 'none') {
    const noneId = `${build.logicalId}NoneDataSource`;
    build.resources[noneId] ??= {
      Type: 'AWS::AppSync::DataSource',
      ...build.attributes,
      Properties: { ApiId: build.apiId, Name: noneId, Type: 'NONE' },
    };
    return getAtt(noneId, 'Name');
  }
  const known = build.dataSourceNames.get(dataSource);
  if (known !== undefined) return known;
  throw new InvalidResourceError(
    name,
    `Either define DataSource '${dataSource}' in 'DataSources' or use intrinsic function like GetAtt, ImportValue, Sub or another one to reference a DataSource defined outside of this GraphQLApi resource.`,
  );
}
