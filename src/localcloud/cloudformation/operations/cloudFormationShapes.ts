// The CloudFormation API shapes the local CloudFormation implements, as botocore models them (member names as in
// the model). Copied from the generated model types; to be replaced by imports of the generated module once it lands.

export interface CancelUpdateStackInput {
  StackName: string;
  ClientRequestToken?: string;
}

export interface Change {
  Type?: string;
  HookInvocationCount?: number;
  ResourceChange?: ResourceChange;
}

export interface ChangeSetSummary {
  StackId?: string;
  StackName?: string;
  ChangeSetId?: string;
  ChangeSetName?: string;
  ExecutionStatus?: string;
  Status?: string;
  StatusReason?: string;
  CreationTime?: Date;
  Description?: string;
  IncludeNestedStacks?: boolean;
  ParentChangeSetId?: string;
  RootChangeSetId?: string;
  ImportExistingResources?: boolean;
}

export interface CreateChangeSetInput {
  StackName: string;
  TemplateBody?: string;
  TemplateURL?: string;
  UsePreviousTemplate?: boolean;
  Parameters?: Parameter[];
  Capabilities?: string[];
  ResourceTypes?: string[];
  RoleARN?: string;
  RollbackConfiguration?: RollbackConfiguration;
  NotificationARNs?: string[];
  Tags?: Tag[];
  ChangeSetName: string;
  ClientToken?: string;
  Description?: string;
  ChangeSetType?: string;
  ResourcesToImport?: ResourceToImport[];
  IncludeNestedStacks?: boolean;
  OnStackFailure?: string;
  ImportExistingResources?: boolean;
  DeploymentMode?: string;
  DeploymentConfig?: DeploymentConfig;
  DisableValidation?: boolean;
}

export interface CreateChangeSetOutput {
  Id?: string;
  StackId?: string;
}

export interface CreateStackInput {
  StackName: string;
  TemplateBody?: string;
  TemplateURL?: string;
  Parameters?: Parameter[];
  DisableRollback?: boolean;
  RollbackConfiguration?: RollbackConfiguration;
  TimeoutInMinutes?: number;
  NotificationARNs?: string[];
  Capabilities?: string[];
  ResourceTypes?: string[];
  RoleARN?: string;
  OnFailure?: string;
  StackPolicyBody?: string;
  StackPolicyURL?: string;
  Tags?: Tag[];
  ClientRequestToken?: string;
  EnableTerminationProtection?: boolean;
  RetainExceptOnCreate?: boolean;
  DeploymentConfig?: DeploymentConfig;
  DisableValidation?: boolean;
}

export interface CreateStackOutput {
  StackId?: string;
  OperationId?: string;
}

export interface DeleteChangeSetInput {
  ChangeSetName: string;
  StackName?: string;
}

export type DeleteChangeSetOutput = Record<string, never>;

export interface DeleteStackInput {
  StackName: string;
  RetainResources?: string[];
  RoleARN?: string;
  ClientRequestToken?: string;
  DeletionMode?: string;
  DeploymentConfig?: DeploymentConfig;
}

export interface DeploymentConfig {
  Mode?: string;
  DisableRollback?: boolean;
}

export interface DescribeChangeSetInput {
  ChangeSetName: string;
  StackName?: string;
  NextToken?: string;
  IncludePropertyValues?: boolean;
}

export interface DescribeChangeSetOutput {
  ChangeSetName?: string;
  ChangeSetId?: string;
  StackId?: string;
  StackName?: string;
  Description?: string;
  Parameters?: Parameter[];
  CreationTime?: Date;
  ExecutionStatus?: string;
  Status?: string;
  StatusReason?: string;
  StackDriftStatus?: string;
  NotificationARNs?: string[];
  RollbackConfiguration?: RollbackConfiguration;
  Capabilities?: string[];
  Tags?: Tag[];
  Changes?: Change[];
  NextToken?: string;
  IncludeNestedStacks?: boolean;
  ParentChangeSetId?: string;
  RootChangeSetId?: string;
  OnStackFailure?: string;
  ImportExistingResources?: boolean;
  DeploymentMode?: string;
  DeploymentConfig?: DeploymentConfig;
}

export interface DescribeStackEventsInput {
  StackName: string;
  NextToken?: string;
}

export interface DescribeStackEventsOutput {
  StackEvents?: StackEvent[];
  NextToken?: string;
}

export interface DescribeStackResourceInput {
  StackName: string;
  LogicalResourceId: string;
}

export interface DescribeStackResourceOutput {
  StackResourceDetail?: StackResourceDetail;
}

export interface DescribeStackResourcesInput {
  StackName?: string;
  LogicalResourceId?: string;
  PhysicalResourceId?: string;
}

export interface DescribeStackResourcesOutput {
  StackResources?: StackResource[];
}

export interface DescribeStacksInput {
  StackName?: string;
  NextToken?: string;
}

export interface DescribeStacksOutput {
  Stacks?: Stack[];
  NextToken?: string;
}

export interface ExecuteChangeSetInput {
  ChangeSetName: string;
  StackName?: string;
  ClientRequestToken?: string;
  DisableRollback?: boolean;
  RetainExceptOnCreate?: boolean;
}

export type ExecuteChangeSetOutput = Record<string, never>;

export interface Export {
  ExportingStackId?: string;
  Name?: string;
  Value?: string;
}

export interface GetTemplateInput {
  StackName?: string;
  ChangeSetName?: string;
  TemplateStage?: string;
}

export interface GetTemplateOutput {
  TemplateBody?: string;
  StagesAvailable?: string[];
}

export interface GetTemplateSummaryInput {
  TemplateBody?: string;
  TemplateURL?: string;
  StackName?: string;
  StackSetName?: string;
  CallAs?: string;
  TemplateSummaryConfig?: TemplateSummaryConfig;
}

export interface GetTemplateSummaryOutput {
  Parameters?: ParameterDeclaration[];
  Description?: string;
  Capabilities?: string[];
  CapabilitiesReason?: string;
  ResourceTypes?: string[];
  Version?: string;
  Metadata?: string;
  DeclaredTransforms?: string[];
  ResourceIdentifierSummaries?: ResourceIdentifierSummary[];
  Warnings?: Warnings;
}

export interface ListChangeSetsInput {
  StackName: string;
  NextToken?: string;
}

export interface ListChangeSetsOutput {
  Summaries?: ChangeSetSummary[];
  NextToken?: string;
}

export interface ListExportsInput {
  NextToken?: string;
}

export interface ListExportsOutput {
  Exports?: Export[];
  NextToken?: string;
}

export interface ListImportsInput {
  ExportName: string;
  NextToken?: string;
}

export interface ListImportsOutput {
  Imports?: string[];
  NextToken?: string;
}

export interface ListStackResourcesInput {
  StackName: string;
  NextToken?: string;
}

export interface ListStackResourcesOutput {
  StackResourceSummaries?: StackResourceSummary[];
  NextToken?: string;
}

export interface ListStacksInput {
  NextToken?: string;
  StackStatusFilter?: string[];
}

export interface ListStacksOutput {
  StackSummaries?: StackSummary[];
  NextToken?: string;
}

export interface LiveResourceDrift {
  PreviousValue?: string;
  ActualValue?: string;
  DriftDetectionTimestamp?: Date;
}

export interface ModuleInfo {
  TypeHierarchy?: string;
  LogicalIdHierarchy?: string;
}

export interface OperationEntry {
  OperationType?: string;
  OperationId?: string;
}

export interface Output {
  OutputKey?: string;
  OutputValue?: string;
  Description?: string;
  ExportName?: string;
}

export interface Parameter {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
  ResolvedValue?: string;
}

export interface ParameterConstraints {
  AllowedValues?: string[];
}

export interface ParameterDeclaration {
  ParameterKey?: string;
  DefaultValue?: string;
  ParameterType?: string;
  NoEcho?: boolean;
  Description?: string;
  ParameterConstraints?: ParameterConstraints;
}

export interface ResourceChange {
  PolicyAction?: string;
  Action?: string;
  LogicalResourceId?: string;
  PhysicalResourceId?: string;
  ResourceType?: string;
  Replacement?: string;
  Scope?: string[];
  ResourceDriftStatus?: string;
  ResourceDriftIgnoredAttributes?: ResourceDriftIgnoredAttribute[];
  Details?: ResourceChangeDetail[];
  ChangeSetId?: string;
  ModuleInfo?: ModuleInfo;
  BeforeContext?: string;
  AfterContext?: string;
  PreviousDeploymentContext?: string;
}

export interface ResourceChangeDetail {
  Target?: ResourceTargetDefinition;
  Evaluation?: string;
  ChangeSource?: string;
  CausingEntity?: string;
}

export interface ResourceDriftIgnoredAttribute {
  Path?: string;
  Reason?: string;
}

export interface ResourceIdentifierSummary {
  ResourceType?: string;
  LogicalResourceIds?: string[];
  ResourceIdentifiers?: string[];
}

export interface ResourceTargetDefinition {
  Attribute?: string;
  Name?: string;
  RequiresRecreation?: string;
  Path?: string;
  BeforeValue?: string;
  AfterValue?: string;
  BeforeValueFrom?: string;
  AfterValueFrom?: string;
  Drift?: LiveResourceDrift;
  AttributeChangeType?: string;
}

export interface ResourceToImport {
  ResourceType: string;
  LogicalResourceId: string;
  ResourceIdentifier: { [key: string]: string };
}

export interface RollbackConfiguration {
  RollbackTriggers?: RollbackTrigger[];
  MonitoringTimeInMinutes?: number;
}

export interface RollbackTrigger {
  Arn: string;
  Type: string;
}

export interface Stack {
  StackId?: string;
  StackName: string;
  ChangeSetId?: string;
  Description?: string;
  Parameters?: Parameter[];
  CreationTime: Date;
  DeletionTime?: Date;
  LastUpdatedTime?: Date;
  RollbackConfiguration?: RollbackConfiguration;
  StackStatus: string;
  StackStatusReason?: string;
  DisableRollback?: boolean;
  DeploymentConfig?: DeploymentConfig;
  NotificationARNs?: string[];
  TimeoutInMinutes?: number;
  Capabilities?: string[];
  Outputs?: Output[];
  RoleARN?: string;
  Tags?: Tag[];
  EnableTerminationProtection?: boolean;
  ParentId?: string;
  RootId?: string;
  DriftInformation?: StackDriftInformation;
  RetainExceptOnCreate?: boolean;
  DeletionMode?: string;
  DetailedStatus?: string;
  LastOperations?: OperationEntry[];
}

export interface StackDriftInformation {
  StackDriftStatus: string;
  LastCheckTimestamp?: Date;
}

export interface StackDriftInformationSummary {
  StackDriftStatus: string;
  LastCheckTimestamp?: Date;
}

export interface StackEvent {
  StackId: string;
  EventId: string;
  StackName: string;
  OperationId?: string;
  LogicalResourceId?: string;
  PhysicalResourceId?: string;
  ResourceType?: string;
  Timestamp: Date;
  ResourceStatus?: string;
  ResourceStatusReason?: string;
  ResourceProperties?: string;
  ClientRequestToken?: string;
  HookType?: string;
  HookStatus?: string;
  HookStatusReason?: string;
  HookInvocationPoint?: string;
  HookInvocationId?: string;
  HookFailureMode?: string;
  DetailedStatus?: string;
}

export interface StackResource {
  StackName?: string;
  StackId?: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Timestamp: Date;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  Description?: string;
  DriftInformation?: StackResourceDriftInformation;
  ModuleInfo?: ModuleInfo;
}

export interface StackResourceDetail {
  StackName?: string;
  StackId?: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  LastUpdatedTimestamp: Date;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  Description?: string;
  Metadata?: string;
  DriftInformation?: StackResourceDriftInformation;
  ModuleInfo?: ModuleInfo;
}

export interface StackResourceDriftInformation {
  StackResourceDriftStatus: string;
  LastCheckTimestamp?: Date;
}

export interface StackResourceDriftInformationSummary {
  StackResourceDriftStatus: string;
  LastCheckTimestamp?: Date;
}

export interface StackResourceSummary {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  LastUpdatedTimestamp: Date;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  DriftInformation?: StackResourceDriftInformationSummary;
  ModuleInfo?: ModuleInfo;
}

export interface StackSummary {
  StackId?: string;
  StackName: string;
  TemplateDescription?: string;
  CreationTime: Date;
  LastUpdatedTime?: Date;
  DeletionTime?: Date;
  StackStatus: string;
  StackStatusReason?: string;
  ParentId?: string;
  RootId?: string;
  DriftInformation?: StackDriftInformationSummary;
  LastOperations?: OperationEntry[];
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface TemplateParameter {
  ParameterKey?: string;
  DefaultValue?: string;
  NoEcho?: boolean;
  Description?: string;
}

export interface TemplateSummaryConfig {
  TreatUnrecognizedResourceTypesAsWarnings?: boolean;
}

export interface UpdateStackInput {
  StackName: string;
  TemplateBody?: string;
  TemplateURL?: string;
  UsePreviousTemplate?: boolean;
  StackPolicyDuringUpdateBody?: string;
  StackPolicyDuringUpdateURL?: string;
  Parameters?: Parameter[];
  Capabilities?: string[];
  ResourceTypes?: string[];
  RoleARN?: string;
  RollbackConfiguration?: RollbackConfiguration;
  StackPolicyBody?: string;
  StackPolicyURL?: string;
  NotificationARNs?: string[];
  Tags?: Tag[];
  DisableRollback?: boolean;
  ClientRequestToken?: string;
  RetainExceptOnCreate?: boolean;
  DeploymentConfig?: DeploymentConfig;
  DisableValidation?: boolean;
}

export interface UpdateStackOutput {
  StackId?: string;
  OperationId?: string;
}

export interface ValidateTemplateInput {
  TemplateBody?: string;
  TemplateURL?: string;
}

export interface ValidateTemplateOutput {
  Parameters?: TemplateParameter[];
  Description?: string;
  Capabilities?: string[];
  CapabilitiesReason?: string;
  DeclaredTransforms?: string[];
}

export interface Warnings {
  UnrecognizedResourceTypes?: string[];
}

/** Every operation of the model: its input and output shapes. */
