// The hook a resource's UpdatePolicy can attach to its in-place update. A handler registered under a policy name
// (`CodeDeployLambdaAliasUpdate`) replaces the plain provider update of every resource that declares that policy:
// it may take its time (the stack stays UPDATE_IN_PROGRESS on the resource), report progress as stack events,
// call the provider's update when and as often as it decides, and throw to fail the update (the stack then rolls
// back, calling the handler again with phase `rollback`).
import type { JsonObject, JsonValue } from '../../../core/template/templateJson';
import type { ProviderContext, ProvisionedResource } from '../providers/resourceProvider';
import type { ResourceRecord } from '../state/stackRecords';

export interface UpdatePolicyRequest {
  /** `update` on the way forward; `rollback` when a failed update restores the previous properties. */
  phase: 'update' | 'rollback';
  logicalId: string;
  resourceType: string;
  /** The policy's evaluated value, e.g. `{ ApplicationName, DeploymentGroupName }`. */
  policy: JsonValue;
  properties: JsonObject;
  previousProperties: JsonObject;
  current: ProvisionedResource;
  /** The stack's other resources as deployed so far (the deployment group of an alias, its hooks...). */
  stackResource(logicalId: string): ResourceRecord | undefined;
  /** Every resource of the stack, for handlers that look resources up by physical ID or type. */
  stackResources(): ResourceRecord[];
  context: ProviderContext;
  /** The provider's own update, with the requested properties or others (an intermediate routing step). */
  update(properties?: JsonObject): Promise<ProvisionedResource>;
}

/** Runs the update of a resource that declares the policy; returns the resource as it ends. */
export type UpdatePolicyHandler = (request: UpdatePolicyRequest) => Promise<ProvisionedResource>;

/** Handlers by UpdatePolicy name. */
export type UpdatePolicyHandlers = Readonly<Record<string, UpdatePolicyHandler>>;
