// What the deployment engine is given: the store, the providers, the services they use, time, and the hooks
// later features attach (UpdatePolicy handlers).
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../../core/logger';
import type { Clock } from '../../clock';
import type { ProviderRegistry } from '../providers/providerRegistry';
import type { ProviderContext } from '../providers/resourceProvider';
import type { ProviderServices } from '../providers/providerServices';
import type { ResourceRecord, StackRecord } from '../state/stackRecords';
import type { StackStore } from '../state/stackStore';
import type { StackRecorder } from './stackRecorder';
import type { UpdatePolicyHandlers } from './updatePolicies';

/** Exports of every live stack. */
export interface ExportDirectory {
  value(name: string): string | undefined;
  /** The stack that exports the name. */
  exporter(name: string): StackRecord | undefined;
  /** Names of the live stacks (other than `exceptStackId`) that import the export. */
  importers(name: string, exceptStackId?: string): string[];
}

export interface EngineDependencies {
  store: StackStore;
  providers: ProviderRegistry;
  services: ProviderServices;
  clock: Clock;
  region: string;
  accountId: string;
  partition: string;
  logger: Logger;
  exports: ExportDirectory;
  updatePolicies: UpdatePolicyHandlers;
}

const NAME_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const NAME_SUFFIX_LENGTH = 12;

/** `<stack>-<LogicalId>-<12 random characters>`, the stack and logical ID parts cut to fit `maxLength`. */
export function generateResourceName(
  stackName: string,
  logicalId: string,
  options: { maxLength?: number; lowercase?: boolean } = {},
): string {
  const maxLength = options.maxLength ?? 64;
  const suffix = Array.from(randomBytes(NAME_SUFFIX_LENGTH), (byte) => NAME_SUFFIX_ALPHABET[byte % 62]).join('');
  const room = Math.max(2, maxLength - NAME_SUFFIX_LENGTH - 2);
  let stackPart = stackName;
  let logicalPart = logicalId;
  if (stackPart.length + logicalPart.length > room) {
    const stackShare = Math.max(1, Math.floor((room * stackPart.length) / (stackPart.length + logicalPart.length)));
    stackPart = stackPart.slice(0, stackShare);
    logicalPart = logicalPart.slice(0, Math.max(1, room - stackPart.length));
  }
  const name = `${stackPart}-${logicalPart}-${suffix}`.slice(0, maxLength);
  return options.lowercase ? name.toLowerCase() : name;
}

/** The provider context for one resource of a stack. */
export function providerContext(
  dependencies: EngineDependencies,
  recorder: StackRecorder,
  resource: ResourceRecord,
): ProviderContext {
  const stack = recorder.stack;
  return {
    stackName: stack.stackName,
    stackId: stack.stackId,
    logicalId: resource.logicalId,
    resourceType: resource.type,
    region: dependencies.region,
    accountId: dependencies.accountId,
    partition: dependencies.partition,
    clock: dependencies.clock,
    services: dependencies.services,
    generatedName: (options) => generateResourceName(stack.stackName, resource.logicalId, options),
    claimPhysicalId: (physicalId) => {
      resource.physicalId = physicalId;
      stack.resources[resource.logicalId] = resource;
      recorder.saveResource(resource);
    },
    report: (reason) => recorder.resourceEvent(resource, resource.status, reason),
    stackResources: () => Object.values(stack.resources),
  };
}
