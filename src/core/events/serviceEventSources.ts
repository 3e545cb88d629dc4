import {
  generateCodePipelineEvent,
  generateConfigRuleEvent,
  generateCustomResourceEvent,
  generateStepFunctionsTaskEvent,
} from './automationEvents';
import { COGNITO_TRIGGER_TYPES, generateCognitoEvent, toCognitoTriggerSource } from './cognitoEvents';
import { generateCloudWatchLogsEvent, generateEventBridgeEvent, generateScheduledEvent } from './eventBridgeEvents';
import { generateIotEvent, generateSesEvent } from './mailAndIotEvents';
import {
  jsonOrText,
  bool,
  compact,
  flag,
  json,
  lambdaType,
  list,
  record,
  shapeType,
  str,
  stringRecord,
  text,
  type EventSourceDefinition,
} from './eventOptions';

/** Events from AWS services: EventBridge, CloudWatch Logs, Cognito, CloudFormation, SES, IoT and the workflow services. */
export const SERVICE_EVENT_SOURCES: readonly EventSourceDefinition[] = [
  {
    id: 'eventbridge',
    aliases: ['events', 'cloudwatch-event'],
    title: 'Amazon EventBridge custom event',
    options: [
      text('source', 'Event source. Default com.example.orders.'),
      text('detail-type', 'Detail type. Default OrderPlaced.'),
      json('detail', 'Detail (JSON).'),
      list('resource', 'A resource ARN (repeatable).'),
    ],
    typeFor: lambdaType('EventBridgeEvent<string, unknown>'),
    generate: (values, context) =>
      generateEventBridgeEvent(
        compact({
          source: str(values, 'source'),
          detailType: str(values, 'detail-type'),
          detail: values.detail,
          resources: Array.isArray(values.resource) ? values.resource.map(String) : undefined,
        }),
        context,
      ),
  },
  {
    id: 'eventbridge-scheduled',
    aliases: ['schedule', 'scheduled'],
    title: 'Amazon EventBridge scheduled event (rule or EventBridge Scheduler)',
    options: [
      text('name', 'Rule or schedule name. Default my-schedule.'),
      text('service', 'rule (default) or scheduler.', ['rule', 'scheduler']),
      text('group', 'EventBridge Scheduler schedule group. Default default.'),
    ],
    typeFor: lambdaType('ScheduledEvent'),
    generate: (values, context) =>
      generateScheduledEvent(
        compact({
          name: str(values, 'name'),
          service: str(values, 'service') as 'rule' | 'scheduler' | undefined,
          groupName: str(values, 'group'),
        }),
        context,
      ),
  },
  {
    id: 'cloudwatch-logs',
    aliases: ['logs'],
    title: 'Amazon CloudWatch Logs subscription filter (gzip + base64)',
    options: [
      text('log-group', 'Log group. Default /aws/lambda/my-function.'),
      text('log-stream', 'Log stream.'),
      text('filter', 'Subscription filter name.'),
      list('message', 'A log message (repeatable).'),
    ],
    typeFor: lambdaType('CloudWatchLogsEvent'),
    generate: (values, context) =>
      generateCloudWatchLogsEvent(
        compact({
          logGroup: str(values, 'log-group'),
          logStream: str(values, 'log-stream'),
          filterName: str(values, 'filter'),
          messages: Array.isArray(values.message) ? values.message.map(String) : undefined,
        }),
        context,
      ),
  },
  {
    id: 'cognito',
    aliases: ['cognito-user-pool'],
    title: 'Amazon Cognito user pool trigger',
    options: [
      {
        ...text(
          'trigger',
          'Trigger source (or SAM trigger name). Default PreSignUp_SignUp.',
          Object.keys(COGNITO_TRIGGER_TYPES),
        ),
        normalize: toCognitoTriggerSource,
      },
      text('user-pool-id', 'User pool id.'),
      text('email', 'The user email. Default jane.doe@example.com.'),
      json('attributes', 'Extra user attributes (JSON object).'),
    ],
    typeFor: (values) => ({
      name: COGNITO_TRIGGER_TYPES[toCognitoTriggerSource(str(values, 'trigger') ?? 'PreSignUp_SignUp')],
      from: 'aws-lambda',
    }),
    generate: (values, context) =>
      generateCognitoEvent(
        compact({
          triggerSource: str(values, 'trigger'),
          userPoolId: str(values, 'user-pool-id'),
          email: str(values, 'email'),
          userAttributes: stringRecord(values, 'attributes'),
        }),
        context,
      ),
  },
  {
    id: 'cloudformation-custom-resource',
    aliases: ['custom-resource', 'cfn'],
    title: 'AWS CloudFormation custom resource request',
    options: [
      text('request-type', 'Create (default), Update or Delete.', ['Create', 'Update', 'Delete']),
      text('logical-id', 'Logical id of the custom resource.'),
      text('resource-type', 'Custom::Type of the resource.'),
      json('properties', 'Resource properties (JSON object).'),
      text('function', 'Function name behind the ServiceToken.'),
    ],
    typeFor: lambdaType('CloudFormationCustomResourceEvent'),
    generate: (values, context) =>
      generateCustomResourceEvent(
        compact({
          requestType: str(values, 'request-type') as 'Create' | 'Update' | 'Delete' | undefined,
          logicalResourceId: str(values, 'logical-id'),
          resourceType: str(values, 'resource-type'),
          properties: record(values, 'properties'),
          functionName: str(values, 'function'),
        }),
        context,
      ),
  },
  {
    id: 'ses',
    aliases: ['email'],
    title: 'Amazon SES receipt rule',
    options: [text('from', 'Sender address.'), text('to', 'Recipient address.'), text('subject', 'Subject.')],
    typeFor: lambdaType('SESEvent'),
    generate: (values, context) =>
      generateSesEvent(
        compact({ from: str(values, 'from'), to: str(values, 'to'), subject: str(values, 'subject') }),
        context,
      ),
  },
  {
    id: 'iot',
    aliases: ['iot-rule'],
    title: 'AWS IoT rule',
    options: [
      jsonOrText('payload', 'The payload the rule selects (JSON).'),
      text('topic', 'MQTT topic, added as `topic`.'),
    ],
    typeFor: lambdaType('IoTEvent<Record<string, unknown>>'),
    generate: (values, context) =>
      generateIotEvent(compact({ payload: values.payload, topic: str(values, 'topic') }), context),
  },
  {
    id: 'codepipeline',
    aliases: ['codepipeline-job'],
    title: 'AWS CodePipeline job',
    options: [
      text('function', 'Function name.'),
      text('user-parameters', 'The action UserParameters text.'),
      text('pipeline', 'Pipeline name.'),
    ],
    typeFor: lambdaType('CodePipelineEvent'),
    generate: (values, context) =>
      generateCodePipelineEvent(
        compact({
          functionName: str(values, 'function'),
          userParameters: str(values, 'user-parameters'),
          pipelineName: str(values, 'pipeline'),
        }),
        context,
      ),
  },
  {
    id: 'config-rule',
    aliases: ['config'],
    title: 'AWS Config custom rule',
    options: [
      text('trigger', 'change (default) or periodic.', ['change', 'periodic']),
      text('rule', 'Rule name.'),
      json('parameters', 'Rule parameters (JSON object).'),
      text('resource-type', 'Type of the changed resource. Default AWS::S3::Bucket.'),
    ],
    typeFor: shapeType('ConfigRuleEvent'),
    generate: (values, context) =>
      generateConfigRuleEvent(
        compact({
          trigger: str(values, 'trigger') as 'change' | 'periodic' | undefined,
          ruleName: str(values, 'rule'),
          ruleParameters: record(values, 'parameters'),
          resourceType: str(values, 'resource-type'),
        }),
        context,
      ),
  },
  {
    id: 'stepfunctions',
    aliases: ['step-functions', 'sfn'],
    title: 'AWS Step Functions task input',
    options: [
      json('input', 'The state input (JSON).'),
      text('state-machine', 'State machine name.'),
      text('state', 'Task state name.'),
      flag('with-context', 'Pass { input, context } with the context object ($$).'),
      flag('task-token', 'Add a task token (.waitForTaskToken).'),
    ],
    typeFor: shapeType('StepFunctionsTaskInput'),
    generate: (values, context) =>
      generateStepFunctionsTaskEvent(
        compact({
          input: values.input,
          stateMachineName: str(values, 'state-machine'),
          stateName: str(values, 'state'),
          withContext: bool(values, 'with-context'),
          waitForTaskToken: bool(values, 'task-token'),
        }),
        context,
      ),
  },
];
