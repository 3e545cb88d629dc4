// A stack's resources grouped the way a serverless developer looks at them: functions first, then APIs (with
// their URLs), then data and messaging, then the rest.

/** The fields of ListStackResources' StackResourceSummary the tree uses. */
export interface StackResource {
  logicalId: string;
  physicalId: string | undefined;
  type: string;
  status: string | undefined;
  statusReason?: string;
  lastUpdated?: Date;
}

export type ResourceGroupKind =
  'functions' | 'apis' | 'tables' | 'queues' | 'topics' | 'buckets' | 'stateMachines' | 'nestedStacks' | 'other';

export interface ResourceGroup {
  kind: ResourceGroupKind;
  label: string;
  resources: StackResource[];
}

const GROUP_OF_TYPE: Record<string, ResourceGroupKind> = {
  'AWS::Lambda::Function': 'functions',
  'AWS::ApiGateway::RestApi': 'apis',
  'AWS::ApiGatewayV2::Api': 'apis',
  'AWS::DynamoDB::Table': 'tables',
  'AWS::DynamoDB::GlobalTable': 'tables',
  'AWS::SQS::Queue': 'queues',
  'AWS::SNS::Topic': 'topics',
  'AWS::S3::Bucket': 'buckets',
  'AWS::StepFunctions::StateMachine': 'stateMachines',
  'AWS::CloudFormation::Stack': 'nestedStacks',
};

const GROUPS: readonly { kind: ResourceGroupKind; label: string }[] = [
  { kind: 'functions', label: 'Functions' },
  { kind: 'apis', label: 'APIs' },
  { kind: 'tables', label: 'Tables' },
  { kind: 'queues', label: 'Queues' },
  { kind: 'topics', label: 'Topics' },
  { kind: 'buckets', label: 'Buckets' },
  { kind: 'stateMachines', label: 'State machines' },
  { kind: 'nestedStacks', label: 'Nested stacks' },
  { kind: 'other', label: 'Other resources' },
];

export function resourceGroupOf(type: string): ResourceGroupKind {
  return GROUP_OF_TYPE[type] ?? 'other';
}

/** Non-empty groups in a fixed order, resources sorted by logical ID inside each. */
export function groupStackResources(resources: readonly StackResource[]): ResourceGroup[] {
  const byKind = new Map<ResourceGroupKind, StackResource[]>();
  for (const resource of resources) {
    const kind = resourceGroupOf(resource.type);
    const list = byKind.get(kind) ?? [];
    list.push(resource);
    byKind.set(kind, list);
  }
  return GROUPS.filter((group) => byKind.has(group.kind)).map((group) => ({
    ...group,
    resources: byKind.get(group.kind)!.sort((a, b) => a.logicalId.localeCompare(b.logicalId)),
  }));
}

/** `AWS::SQS::Queue` -> `SQS Queue`. */
export function shortResourceType(type: string): string {
  return type.replace(/^(AWS|Custom|Alexa)::/, '').replace(/::/g, ' ');
}
