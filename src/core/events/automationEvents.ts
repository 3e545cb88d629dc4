// Events from AWS services that call a function as one step of their own workflow: CloudFormation custom
// resources, CodePipeline jobs, AWS Config rules and Step Functions task states.
import type {
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceResourcePropertiesCommon,
  CodePipelineEvent,
} from 'aws-lambda';
import { generatedName } from '../template/resolve/resourcePlaceholders';
import { ID_ALPHABETS, stableId } from '../template/resolve/stableId';
import { regionalArn, stackArn } from '../template/resolve/stackIdentity';
import { formatIsoSeconds, randomHex, type EventContext } from './eventContext';
import type { ConfigRuleEvent, StepFunctionsContextObject, StepFunctionsTaskInput } from './eventShapes';

/** Options for a CloudFormation custom resource request. */
export interface CustomResourceEventOptions {
  /** Default Create. */
  requestType?: 'Create' | 'Update' | 'Delete';
  /** The function's ARN (`ServiceToken`); default: built from `functionName`. */
  serviceToken?: string;
  functionName?: string;
  /** Default `MyCustomResource`. */
  logicalResourceId?: string;
  /** Default `Custom::MyResource`. */
  resourceType?: string;
  /** The resource's properties (besides ServiceToken). */
  properties?: Record<string, unknown>;
  /** Update only: the properties before the update. Default: the same properties. */
  oldProperties?: Record<string, unknown>;
  physicalResourceId?: string;
}

/** Options for a CodePipeline job. */
export interface CodePipelineEventOptions {
  functionName?: string;
  /** The action's UserParameters text. */
  userParameters?: string;
  pipelineName?: string;
}

/** Options for an AWS Config custom rule evaluation. */
export interface ConfigRuleEventOptions {
  /** `change` (configuration change, default) or `periodic`. */
  trigger?: 'change' | 'periodic';
  /** Default `my-config-rule`. */
  ruleName?: string;
  /** The rule's input parameters. */
  ruleParameters?: Record<string, unknown>;
  /** The resource type of the changed configuration item. Default AWS::S3::Bucket. */
  resourceType?: string;
  resourceName?: string;
}

/** Options for the payload a Step Functions Lambda task passes. */
export interface StepFunctionsTaskEventOptions {
  /** The state input. Default: a small order. */
  input?: unknown;
  /** Default `my-state-machine`. */
  stateMachineName?: string;
  /** Default `ProcessOrder`. */
  stateName?: string;
  /** Pass `{ input, context }` as a `Payload` with `"context.$": "$$"` does. */
  withContext?: boolean;
  /** Add a task token, as `.waitForTaskToken` integrations do (implies the context object). */
  waitForTaskToken?: boolean;
}

/** A custom resource request (`CloudFormationCustomResourceEvent`). */
export function generateCustomResourceEvent(
  options: CustomResourceEventOptions,
  context: EventContext,
): CloudFormationCustomResourceEvent {
  const requestType = options.requestType ?? 'Create';
  const serviceToken =
    options.serviceToken ?? regionalArn(context, 'lambda', `function:${options.functionName ?? 'my-function'}`);
  const logicalResourceId = options.logicalResourceId ?? 'MyCustomResource';
  const resourceType = options.resourceType ?? 'Custom::MyResource';
  const requestId = context.newUuid();
  const stackId = stackArn(context);
  const date = context.now.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
  // CloudFormation hands out a presigned S3 URL for the response.
  const responseUrl =
    `https://cloudformation-custom-resource-response-${context.region.replace(/-/g, '')}.s3.${context.region}.amazonaws.com/` +
    `${encodeURIComponent(`${stackId}|${logicalResourceId}|${requestId}`)}?X-Amz-Algorithm=AWS4-HMAC-SHA256` +
    `&X-Amz-Date=${date}&X-Amz-SignedHeaders=host&X-Amz-Expires=7200` +
    `&X-Amz-Credential=${encodeURIComponent(`AKIA${stableId('cfn-response', 16)}/${date.slice(0, 8)}/${context.region}/s3/aws4_request`)}` +
    `&X-Amz-Signature=${randomHex(context, 64)}`;
  const properties: CloudFormationCustomResourceResourcePropertiesCommon = {
    ServiceToken: serviceToken,
    ...options.properties,
  };
  const common = {
    ServiceToken: serviceToken,
    ResponseURL: responseUrl,
    StackId: stackId,
    RequestId: requestId,
    LogicalResourceId: logicalResourceId,
    ResourceType: resourceType,
    ResourceProperties: properties,
  };
  const physicalResourceId = options.physicalResourceId ?? generatedName(context, logicalResourceId, resourceType);
  if (requestType === 'Create') return { ...common, RequestType: 'Create' };
  if (requestType === 'Delete') return { ...common, RequestType: 'Delete', PhysicalResourceId: physicalResourceId };
  return {
    ...common,
    RequestType: 'Update',
    PhysicalResourceId: physicalResourceId,
    OldResourceProperties: { ServiceToken: serviceToken, ...(options.oldProperties ?? options.properties) },
  };
}

/** A CodePipeline job for a Lambda invoke action (`CodePipelineEvent`). */
export function generateCodePipelineEvent(options: CodePipelineEventOptions, context: EventContext): CodePipelineEvent {
  const pipelineName = options.pipelineName ?? 'my-pipeline';
  return {
    'CodePipeline.job': {
      id: context.newUuid(),
      accountId: context.accountId,
      data: {
        actionConfiguration: {
          configuration: {
            FunctionName: options.functionName ?? 'my-function',
            UserParameters: options.userParameters ?? '{"environment":"staging"}',
          },
        },
        inputArtifacts: [
          {
            location: {
              s3Location: {
                bucketName: `codepipeline-${context.region}-${stableId(`artifacts:${context.accountId}`, 12, '0123456789')}`,
                objectKey: `${pipelineName.slice(0, 20)}/SourceArti/${stableId(`artifact:${pipelineName}`, 7, ID_ALPHABETS.mixed)}.zip`,
              },
              type: 'S3',
            },
            revision: null,
            name: 'SourceArtifact',
          },
        ],
        outputArtifacts: [],
        artifactCredentials: {
          secretAccessKey: Buffer.from(randomHex(context, 60), 'hex').toString('base64'),
          sessionToken: Buffer.from(randomHex(context, 300), 'hex').toString('base64'),
          accessKeyId: `ASIA${stableId(`pipeline:${pipelineName}`, 16)}`,
        },
      },
    },
  };
}

/** An AWS Config custom rule evaluation request. */
export function generateConfigRuleEvent(options: ConfigRuleEventOptions, context: EventContext): ConfigRuleEvent {
  const ruleName = options.ruleName ?? 'my-config-rule';
  const ruleId = `config-rule-${stableId(`rule:${ruleName}`, 6, ID_ALPHABETS.lower)}`;
  const notificationTime = context.now.toISOString();
  let invokingEvent: Record<string, unknown>;
  if (options.trigger === 'periodic') {
    invokingEvent = {
      awsAccountId: context.accountId,
      notificationCreationTime: notificationTime,
      messageType: 'ScheduledNotification',
      recordVersion: '1.0',
    };
  } else {
    const resourceType = options.resourceType ?? 'AWS::S3::Bucket';
    const resourceName = options.resourceName ?? 'my-bucket';
    const service = resourceType.split('::')[1]?.toLowerCase() ?? 'config';
    invokingEvent = {
      configurationItemDiff: null,
      configurationItem: {
        relatedEvents: [],
        relationships: [],
        configuration: {},
        supplementaryConfiguration: {},
        tags: {},
        configurationItemVersion: '1.3',
        configurationItemCaptureTime: notificationTime,
        configurationStateId: context.now.getTime(),
        awsAccountId: context.accountId,
        configurationItemStatus: 'ResourceDiscovered',
        resourceType,
        resourceId: resourceName,
        resourceName,
        ARN:
          service === 's3'
            ? `arn:${context.partition}:s3:::${resourceName}`
            : regionalArn(context, service, resourceName),
        awsRegion: context.region,
        availabilityZone: 'Not Applicable',
        configurationStateMd5Hash: '',
        resourceCreationTime: notificationTime,
      },
      notificationCreationTime: notificationTime,
      messageType: 'ConfigurationItemChangeNotification',
      recordVersion: '1.3',
    };
  }
  return {
    version: '1.0',
    invokingEvent: JSON.stringify(invokingEvent),
    ruleParameters: JSON.stringify(options.ruleParameters ?? {}),
    resultToken: Buffer.from(randomHex(context, 90), 'hex').toString('base64'),
    eventLeftScope: false,
    executionRoleArn: `arn:${context.partition}:iam::${context.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: regionalArn(context, 'config', `config-rule/${ruleId}`),
    configRuleName: ruleName,
    configRuleId: ruleId,
    accountId: context.accountId,
    evaluationMode: 'DETECTIVE',
  };
}

/** What a Step Functions Lambda task passes: the state input, or `{ input, context }` with the context object. */
export function generateStepFunctionsTaskEvent(
  options: StepFunctionsTaskEventOptions,
  context: EventContext,
): StepFunctionsTaskInput {
  const input =
    options.input === undefined ? { orderId: 'order-123', items: [{ sku: 'sku-1', quantity: 2 }] } : options.input;
  if (!options.withContext && !options.waitForTaskToken) {
    return typeof input === 'object' && input !== null && !Array.isArray(input)
      ? (input as StepFunctionsTaskInput)
      : { input };
  }
  const machineName = options.stateMachineName ?? 'my-state-machine';
  const executionName = context.newUuid();
  const contextObject: StepFunctionsContextObject = {
    Execution: {
      Id: regionalArn(context, 'states', `execution:${machineName}:${executionName}`),
      Name: executionName,
      StartTime: context.now.toISOString(),
      RoleArn: `arn:${context.partition}:iam::${context.accountId}:role/${machineName}-role`,
      Input: input,
    },
    State: { Name: options.stateName ?? 'ProcessOrder', EnteredTime: formatIsoSeconds(context.now), RetryCount: 0 },
    StateMachine: { Id: regionalArn(context, 'states', `stateMachine:${machineName}`), Name: machineName },
  };
  if (options.waitForTaskToken) {
    contextObject.Task = {
      Token: `AQCEAAAAKgAAAAMAAAAA${Buffer.from(randomHex(context, 180), 'hex').toString('base64')}`,
    };
  }
  return { input, context: contextObject };
}
