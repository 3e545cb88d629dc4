import type { TemplateSchema } from '../schema/templateSchema';
import { getMapValue, scalarString, type SourceRange, type TemplateNode } from '../templateTree';

/** A resource or reference SAM creates while transforming a template, that other resources may name. */
export interface GeneratedResource {
  /** A logical ID (`MyFunctionRole`) or a SAM reference form (`MyFunction.Alias`). */
  name: string;
  /** The CloudFormation type SAM creates. */
  type: string;
  /** The logical ID of the SAM resource that generates it. */
  source: string;
  /** Where the generating resource's logical ID is written, for go-to-definition. */
  sourceRange: SourceRange;
  documentation: string;
}

interface SamResource {
  logicalId: string;
  type: string | undefined;
  keyRange: SourceRange;
  node: TemplateNode | undefined;
}

// What the SAM transform generates, from the SAM specification's "generated CloudFormation resources" pages
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html).
const EVENT_RESOURCES: Record<string, { suffix: string; type: string }[]> = {
  SQS: [{ suffix: '', type: 'AWS::Lambda::EventSourceMapping' }],
  Kinesis: [{ suffix: '', type: 'AWS::Lambda::EventSourceMapping' }],
  DynamoDB: [{ suffix: '', type: 'AWS::Lambda::EventSourceMapping' }],
  MSK: [{ suffix: '', type: 'AWS::Lambda::EventSourceMapping' }],
  MQ: [{ suffix: '', type: 'AWS::Lambda::EventSourceMapping' }],
  SelfManagedKafka: [{ suffix: '', type: 'AWS::Lambda::EventSourceMapping' }],
  DocumentDB: [{ suffix: '', type: 'AWS::Lambda::EventSourceMapping' }],
  Schedule: [
    { suffix: '', type: 'AWS::Events::Rule' },
    { suffix: 'Permission', type: 'AWS::Lambda::Permission' },
  ],
  ScheduleV2: [{ suffix: '', type: 'AWS::Scheduler::Schedule' }],
  CloudWatchEvent: [
    { suffix: '', type: 'AWS::Events::Rule' },
    { suffix: 'Permission', type: 'AWS::Lambda::Permission' },
  ],
  EventBridgeRule: [
    { suffix: '', type: 'AWS::Events::Rule' },
    { suffix: 'Permission', type: 'AWS::Lambda::Permission' },
  ],
  SNS: [
    { suffix: '', type: 'AWS::SNS::Subscription' },
    { suffix: 'Permission', type: 'AWS::Lambda::Permission' },
  ],
  S3: [{ suffix: 'Permission', type: 'AWS::Lambda::Permission' }],
  CloudWatchLogs: [
    { suffix: '', type: 'AWS::Logs::SubscriptionFilter' },
    { suffix: 'Permission', type: 'AWS::Lambda::Permission' },
  ],
  IoTRule: [
    { suffix: '', type: 'AWS::IoT::TopicRule' },
    { suffix: 'Permission', type: 'AWS::Lambda::Permission' },
  ],
  Api: [{ suffix: 'PermissionProd', type: 'AWS::Lambda::Permission' }],
  HttpApi: [{ suffix: 'Permission', type: 'AWS::Lambda::Permission' }],
};

/** What SAM generates: exact names, and patterns for logical IDs that end in a hash (`MyFunctionVersion1a2b3c`). */
export interface GeneratedResources {
  resources: GeneratedResource[];
  patterns: RegExp[];
}

/**
 * Lists what SAM generates for the template's `AWS::Serverless::*` resources: the schema's description of each SAM
 * type (when a schema is given) together with the engine's own list of event permissions and domain mappings.
 */
export function listGeneratedResources(resources: readonly SamResource[], schema?: TemplateSchema): GeneratedResources {
  const fromSchema = schema ? expandSchemaGenerated(resources, schema) : { resources: [], patterns: [] };
  return { resources: [...fromSchema.resources, ...listKnownGenerated(resources)], patterns: fromSchema.patterns };
}

function expandSchemaGenerated(resources: readonly SamResource[], schema: TemplateSchema): GeneratedResources {
  const result: GeneratedResources = { resources: [], patterns: [] };
  for (const resource of resources) {
    if (!resource.type?.startsWith('AWS::Serverless::')) continue;
    const specs = schema.resourceType(resource.type)?.generated ?? [];
    const properties = getMapValue(resource.node, 'Properties');
    const events = getMapValue(properties, 'Events');
    const eventsByType = new Map<string, string[]>();
    if (events?.kind === 'map') {
      for (const event of events.pairs) {
        const type = scalarString(getMapValue(event.value, 'Type')) ?? '';
        eventsByType.set(type, [...(eventsByType.get(type) ?? []), String(event.key.value)]);
      }
    }
    for (const spec of specs) {
      if (spec.when && !valueAtDottedPath(properties, spec.when)) continue;
      if (spec.unless && valueAtDottedPath(properties, spec.unless)) continue;
      const eventIds = spec.whenEventType ? (eventsByType.get(spec.whenEventType) ?? []) : [''];
      if (eventIds.length === 0) continue;
      const ids = spec.reference.includes('{eventId}') ? eventIds : eventIds.slice(0, 1);
      for (const eventId of ids) {
        const expand = (pattern: string) =>
          pattern
            .replace(/\{id\}/g, resource.logicalId)
            .replace(/\{eventId\}/g, eventId)
            .replace(/\{(\w+)\}/g, (_, name: string) => scalarString(getMapValue(properties, name)) ?? '');
        const entry = {
          type: spec.type,
          source: resource.logicalId,
          sourceRange: resource.keyRange,
          documentation: spec.documentation,
        };
        result.resources.push({ ...entry, name: expand(spec.reference) });
        if (!spec.logicalId) continue;
        const logicalId = expand(spec.logicalId);
        if (!logicalId.includes('*')) result.resources.push({ ...entry, name: logicalId });
        else result.patterns.push(new RegExp(`^${logicalId.split('*').map(escapeRegExp).join('[0-9a-fA-F]+')}$`));
      }
    }
  }
  return result;
}

function valueAtDottedPath(node: TemplateNode | undefined, path: string): TemplateNode | undefined {
  return path.split('.').reduce<TemplateNode | undefined>((current, key) => getMapValue(current, key), node);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function listKnownGenerated(resources: readonly SamResource[]): GeneratedResource[] {
  const generated: GeneratedResource[] = [];
  let implicitRestApi = false;
  let implicitHttpApi = false;
  let deployment = false;
  let firstSource: SamResource | undefined;
  for (const resource of resources) {
    const add = (name: string, type: string, documentation: string) =>
      generated.push({ name, type, source: resource.logicalId, sourceRange: resource.keyRange, documentation });
    const id = resource.logicalId;
    const properties = getMapValue(resource.node, 'Properties');
    switch (resource.type) {
      case 'AWS::Serverless::Function': {
        firstSource ??= resource;
        if (!getMapValue(properties, 'Role'))
          add(`${id}Role`, 'AWS::IAM::Role', `The execution role SAM creates for \`${id}\`.`);
        const alias = scalarString(getMapValue(properties, 'AutoPublishAlias'));
        if (getMapValue(properties, 'AutoPublishAlias')) {
          add(`${id}.Alias`, 'AWS::Lambda::Alias', `The alias SAM publishes for \`${id}\` (AutoPublishAlias).`);
          add(`${id}.Version`, 'AWS::Lambda::Version', `The version SAM publishes for \`${id}\` (AutoPublishAlias).`);
          if (alias) add(`${id}Alias${alias}`, 'AWS::Lambda::Alias', `The \`${alias}\` alias of \`${id}\`.`);
        }
        if (getMapValue(properties, 'DeploymentPreference')) {
          deployment = true;
          add(
            `${id}DeploymentGroup`,
            'AWS::CodeDeploy::DeploymentGroup',
            `The CodeDeploy group that shifts \`${id}\`'s traffic.`,
          );
        }
        if (getMapValue(properties, 'FunctionUrlConfig'))
          add(`${id}Url`, 'AWS::Lambda::Url', `The function URL of \`${id}\`.`);
        const events = getMapValue(properties, 'Events');
        if (events?.kind === 'map') {
          for (const event of events.pairs) {
            const eventType = scalarString(getMapValue(event.value, 'Type'));
            const eventProperties = getMapValue(event.value, 'Properties');
            if (eventType === 'Api' && !getMapValue(eventProperties, 'RestApiId')) implicitRestApi = true;
            if (eventType === 'HttpApi' && !getMapValue(eventProperties, 'ApiId')) implicitHttpApi = true;
            for (const created of EVENT_RESOURCES[eventType ?? ''] ?? []) {
              add(
                `${id}${String(event.key.value)}${created.suffix}`,
                created.type,
                `Created by the \`${String(event.key.value)}\` event of \`${id}\`.`,
              );
            }
          }
        }
        break;
      }
      case 'AWS::Serverless::StateMachine': {
        if (!getMapValue(properties, 'Role'))
          add(`${id}Role`, 'AWS::IAM::Role', `The execution role SAM creates for \`${id}\`.`);
        if (getMapValue(properties, 'AutoPublishAlias')) {
          add(`${id}.Alias`, 'AWS::StepFunctions::StateMachineAlias', `The alias SAM publishes for \`${id}\`.`);
          add(`${id}.Version`, 'AWS::StepFunctions::StateMachineVersion', `The version SAM publishes for \`${id}\`.`);
        }
        break;
      }
      case 'AWS::Serverless::Api': {
        const stage = scalarString(getMapValue(properties, 'StageName'));
        add(`${id}.Stage`, 'AWS::ApiGateway::Stage', `The stage SAM creates for \`${id}\`.`);
        add(`${id}.Deployment`, 'AWS::ApiGateway::Deployment', `The deployment SAM creates for \`${id}\`.`);
        if (stage) add(`${id}${stage}Stage`, 'AWS::ApiGateway::Stage', `The \`${stage}\` stage of \`${id}\`.`);
        for (const path of domainBasePaths(properties)) {
          add(
            `${id}${path}BasePathMapping`,
            'AWS::ApiGateway::BasePathMapping',
            `The base path mapping of \`${id}\`'s custom domain.`,
          );
        }
        break;
      }
      case 'AWS::Serverless::HttpApi': {
        add(`${id}.Stage`, 'AWS::ApiGatewayV2::Stage', `The stage SAM creates for \`${id}\`.`);
        add(`${id}ApiGatewayDefaultStage`, 'AWS::ApiGatewayV2::Stage', `The \`$default\` stage of \`${id}\`.`);
        for (const path of domainBasePaths(properties)) {
          add(
            `${id}${path}ApiMapping`,
            'AWS::ApiGatewayV2::ApiMapping',
            `The API mapping of \`${id}\`'s custom domain.`,
          );
        }
        break;
      }
      case 'AWS::Serverless::GraphQLApi':
        add(`${id}CloudWatchRole`, 'AWS::IAM::Role', `The logging role SAM creates for \`${id}\`.`);
        break;
      default:
        break;
    }
  }
  const first = firstSource;
  if (first) {
    const addImplicit = (name: string, type: string, documentation: string) =>
      generated.push({ name, type, source: first.logicalId, sourceRange: first.keyRange, documentation });
    if (implicitRestApi) {
      addImplicit(
        'ServerlessRestApi',
        'AWS::ApiGateway::RestApi',
        'The REST API SAM creates for `Api` events without `RestApiId`.',
      );
      addImplicit('ServerlessRestApiProdStage', 'AWS::ApiGateway::Stage', 'The `Prod` stage of the implicit REST API.');
      addImplicit('ServerlessRestApi.Stage', 'AWS::ApiGateway::Stage', 'The stage of the implicit REST API.');
      addImplicit(
        'ServerlessRestApi.Deployment',
        'AWS::ApiGateway::Deployment',
        'The deployment of the implicit REST API.',
      );
    }
    if (implicitHttpApi) {
      addImplicit(
        'ServerlessHttpApi',
        'AWS::ApiGatewayV2::Api',
        'The HTTP API SAM creates for `HttpApi` events without `ApiId`.',
      );
      addImplicit(
        'ServerlessHttpApiApiGatewayDefaultStage',
        'AWS::ApiGatewayV2::Stage',
        'The `$default` stage of the implicit HTTP API.',
      );
    }
    if (deployment) {
      addImplicit(
        'ServerlessDeploymentApplication',
        'AWS::CodeDeploy::Application',
        'The CodeDeploy application SAM creates for gradual deployments.',
      );
      addImplicit('CodeDeployServiceRole', 'AWS::IAM::Role', 'The role CodeDeploy assumes for gradual deployments.');
    }
  }
  return generated;
}

/** SAM names a custom domain's mappings after each base path, keeping only its letters and digits. */
function domainBasePaths(properties: TemplateNode | undefined): string[] {
  const domain = getMapValue(properties, 'Domain');
  if (!domain) return [];
  const basePath = getMapValue(domain, 'BasePath');
  const paths = basePath?.kind === 'seq' ? basePath.items.map(scalarString) : [scalarString(basePath)];
  const names = paths
    .filter((path): path is string => path !== undefined)
    .map((path) => path.replace(/[^A-Za-z0-9]/g, ''));
  return names.length > 0 ? names : [''];
}
