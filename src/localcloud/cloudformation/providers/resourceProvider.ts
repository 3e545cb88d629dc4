// The one interface every resource type implements for the local CloudFormation: create, update and delete one
// physical resource from resolved properties, and say what Ref and Fn::GetAtt return. The deployment engine only
// walks the dependency graph and records events; everything type-specific lives behind this interface, one
// provider per type (LocalStack's `resource_providers/aws_<service>_<type>.py` split).
import type { JsonObject, JsonValue } from '../../../core/template/templateJson';
import type { Clock } from '../../clock';
import type { ResourceRecord } from '../state/stackRecords';
import type { ProviderServices } from './providerServices';

/** The stack and resource a provider call is for, and what it may use. */
export interface ProviderContext {
  stackName: string;
  stackId: string;
  logicalId: string;
  resourceType: string;
  region: string;
  accountId: string;
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  partition: string;
  clock: Clock;
  services: ProviderServices;
  /**
   * A new CloudFormation-style name, `<stack>-<LogicalId>-<13 random characters>`, cut to `maxLength` (the stack
   * and logical ID parts shortened first, as CloudFormation does). A replacement gets a different name.
   */
  generatedName(options?: { maxLength?: number; lowercase?: boolean }): string;
  /**
   * Records the physical ID before the resource exists in its service, so that a crash between the two can
   * still be cleaned up on restart. Call it right before the creating call.
   */
  claimPhysicalId(physicalId: string): void;
  /** Adds a stack event for this resource with the given reason (progress of long operations). */
  report(reason: string): void;
  /** The stack's resources as deployed so far (a provider may depend on what another one recorded). */
  stackResources(): ResourceRecord[];
}

/** A physical resource as CloudFormation knows it. */
export interface ProvisionedResource {
  /** PhysicalResourceId. */
  physicalId: string;
  /** Fn::GetAtt values by attribute name (dotted names for nested attributes). */
  attributes?: Record<string, JsonValue>;
  /** What Ref returns, when it differs from the physical ID. */
  ref?: string;
  /** Set by providers that only record the resource: the stack event says the local cloud simulates it. */
  simulated?: boolean;
}

/** An in-place update: the resource as it is and the properties it should get. */
export interface ResourceUpdate {
  properties: JsonObject;
  previousProperties: JsonObject;
  current: ProvisionedResource;
}

/** A resource to delete. */
export interface ResourceDeletion {
  properties: JsonObject;
  physicalId: string;
  attributes: Record<string, JsonValue>;
}

/** One resource type's behaviour. */
export interface ResourceProvider {
  /** The CloudFormation type, e.g. `AWS::Lambda::Function`. */
  readonly type: string;
  create(properties: JsonObject, context: ProviderContext): Promise<ProvisionedResource>;
  update(update: ResourceUpdate, context: ProviderContext): Promise<ProvisionedResource>;
  /** Deletes the resource; a resource that is already gone is not an error (deletes are retried after crashes). */
  delete(deletion: ResourceDeletion, context: ProviderContext): Promise<void>;
  /**
   * Whether changing these top-level properties needs a new physical resource. Without it, the engine asks the
   * resource type catalog (properties AWS documents as "Update requires: Replacement").
   */
  requiresReplacement?(changedProperties: readonly string[], previous: JsonObject, next: JsonObject): boolean;
}

/** Properties as plain objects, read without casts in every provider. */
export function stringProperty(properties: JsonObject, name: string): string | undefined {
  const value = properties[name];
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function numberProperty(properties: JsonObject, name: string): number | undefined {
  const value = properties[name];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function objectProperty(properties: JsonObject, name: string): JsonObject | undefined {
  const value = properties[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

export function listProperty(properties: JsonObject, name: string): JsonValue[] | undefined {
  const value = properties[name];
  return Array.isArray(value) ? value : undefined;
}
