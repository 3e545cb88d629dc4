// The local CloudFormation's state and machinery, shared by the API operations: the store, the deployment
// engine (deployer, updater), the template pipeline (read, parse, transform, check) and the background runs of
// stack operations (one at a time per stack), with crash recovery at start.
import type { Logger } from '../../core/logger';
import { partitionOf } from '../../core/template/resolve/stackIdentity';
import { parseTemplateJson, TemplateSyntaxError, type JsonObject } from '../../core/template/templateJson';
import type { Clock } from '../clock';
import { AwsError } from '../protocol/awsError';
import type { ExportDirectory, EngineDependencies } from './engine/engineDependencies';
import { reasonOf } from './engine/resourceSteps';
import { StackDeployer } from './engine/stackDeployer';
import { stackParameterValues } from './engine/stackEvaluation';
import { recoverStack } from './engine/stackRecovery';
import { StackUpdater } from './engine/stackUpdater';
import type { UpdatePolicyHandlers } from './engine/updatePolicies';
import { ProviderRegistry } from './providers/providerRegistry';
import type { ResourceProvider } from './providers/resourceProvider';
import type { ProviderServices } from './providers/providerServices';
import { isStableStatus, type ParameterRecord, type StackRecord, type StackStatus } from './state/stackRecords';
import { StackStore } from './state/stackStore';
import { processTemplate, type SamTransform } from './template/processTemplate';
import { StackTemplate } from './template/stackTemplate';
import { readS3Text } from './template/templateLocation';

export interface CloudFormationEngineOptions {
  /** The service's folder in the state directory. */
  directory: string;
  region: string;
  accountId: string;
  logger: Logger;
  clock: Clock;
  services: ProviderServices;
  /** Providers of the types that run locally; every other type is simulated. */
  providers: readonly ResourceProvider[];
  updatePolicies?: UpdatePolicyHandlers;
  samTransform?: SamTransform;
}

/** Submitted template text, parsed. */
export interface SubmittedTemplate {
  original: string;
  parsed: JsonObject;
}

/** An unexpected failure while an operation runs leaves the stack in the failed status of that operation. */
const FAILED_STATUS: Partial<Record<StackStatus, StackStatus>> = {
  CREATE_IN_PROGRESS: 'CREATE_FAILED',
  ROLLBACK_IN_PROGRESS: 'ROLLBACK_FAILED',
  DELETE_IN_PROGRESS: 'DELETE_FAILED',
  UPDATE_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_ROLLBACK_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_COMPLETE',
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_ROLLBACK_COMPLETE',
};

export class CloudFormationEngine {
  readonly store: StackStore;
  readonly providers: ProviderRegistry;
  readonly deployer: StackDeployer;
  readonly updater: StackUpdater;
  readonly dependencies: EngineDependencies;
  private readonly running = new Map<string, Promise<void>>();

  constructor(readonly options: CloudFormationEngineOptions) {
    this.store = new StackStore(options.directory, options.logger);
    this.providers = new ProviderRegistry(options.providers);
    this.dependencies = {
      store: this.store,
      providers: this.providers,
      services: options.services,
      clock: options.clock,
      region: options.region,
      accountId: options.accountId,
      partition: partitionOf(options.region),
      logger: options.logger,
      exports: this.exportDirectory(),
      updatePolicies: options.updatePolicies ?? {},
    };
    this.deployer = new StackDeployer(this.dependencies);
    this.updater = new StackUpdater(this.deployer);
  }

  /** Finishes or undoes the operations a previous run left in progress (see engine/stackRecovery.ts). */
  recover(): void {
    for (const stack of this.store.allStacks()) {
      if (isStableStatus(stack.status)) continue;
      this.options.logger.warn(`[cloudformation] stack ${stack.stackName} was ${stack.status}; recovering`);
      this.run(stack, () => recoverStack(stack, this.deployer, this.updater));
    }
  }

  /** Runs a stack operation in the background (the API answers at once, as AWS does). */
  run(stack: StackRecord, work: () => Promise<void>): void {
    const previous = this.running.get(stack.stackId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => this.failUnexpectedly(stack, error))
      .finally(() => {
        if (this.running.get(stack.stackId) === next) this.running.delete(stack.stackId);
      });
    this.running.set(stack.stackId, next);
  }

  /** Resolves when no stack operation is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** The stack a StackName parameter names: a live stack by name, or any stack (deleted too) by its ID. */
  findStack(nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) return this.store.stack(nameOrId);
    return this.store.liveStackNamed(nameOrId);
  }

  requireStack(nameOrId: string | undefined): StackRecord {
    const stack = nameOrId === undefined ? undefined : this.findStack(nameOrId);
    if (!stack) throw new AwsError('ValidationError', `Stack with id ${nameOrId ?? ''} does not exist`);
    return stack;
  }

  /** Reads and parses TemplateBody / TemplateURL (or the stack's previous template). */
  submittedTemplate(
    input: { TemplateBody?: string; TemplateURL?: string; UsePreviousTemplate?: boolean },
    previous?: StackRecord,
  ): SubmittedTemplate {
    const sources = [
      input.TemplateBody !== undefined,
      input.TemplateURL !== undefined,
      input.UsePreviousTemplate === true,
    ];
    if (sources.filter(Boolean).length > 1) {
      throw new AwsError('ValidationError', 'Specify exactly one of TemplateBody, TemplateUrl or UsePreviousTemplate');
    }
    let original: string;
    if (input.UsePreviousTemplate) {
      if (!previous?.templateId) {
        throw new AwsError('ValidationError', 'UsePreviousTemplate is only valid for stacks that have a template');
      }
      original = this.store.template(previous.templateId).original;
    } else if (input.TemplateURL !== undefined) {
      original = readS3Text(this.options.services.objectStore, input.TemplateURL, 'TemplateURL');
    } else if (input.TemplateBody !== undefined) {
      original = input.TemplateBody;
    } else {
      throw new AwsError('ValidationError', 'Either Template URL or Template Body must be specified.');
    }
    try {
      return { original, parsed: parseTemplateJson(original) };
    } catch (error) {
      if (error instanceof TemplateSyntaxError) throw new AwsError('ValidationError', error.message);
      throw error;
    }
  }

  /** Applies the template's transforms for a stack and its parameters; ValidationError naming the transform. */
  processed(
    submitted: SubmittedTemplate,
    stack: Pick<StackRecord, 'stackName' | 'stackId' | 'notificationArns'>,
    parameters: readonly ParameterRecord[],
  ): StackTemplate {
    const values = stackParameterValues(
      stack,
      new StackTemplate(submitted.parsed),
      parameters,
      this.options.region,
      this.options.accountId,
    );
    const processed = processTemplate(structuredClone(submitted.parsed), {
      parameters: values,
      region: this.options.region,
      accountId: this.options.accountId,
      partition: this.dependencies.partition,
      stackName: stack.stackName,
      objectStore: this.options.services.objectStore,
      samTransform: this.options.samTransform,
    });
    return new StackTemplate(processed);
  }

  private failUnexpectedly(stack: StackRecord, error: unknown): void {
    this.options.logger.error(
      `[cloudformation] ${stack.stackName}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    const failed = FAILED_STATUS[stack.status];
    if (!failed) return;
    delete stack.operation;
    this.deployer.recorderFor(stack).stackStatus(failed, `Internal error in the local cloud: ${reasonOf(error)}`);
  }

  private exportDirectory(): ExportDirectory {
    const liveStacks = () => this.store.allStacks().filter((stack) => stack.status !== 'DELETE_COMPLETE');
    const exporter = (name: string) =>
      liveStacks().find((stack) => stack.outputs.some((output) => output.exportName === name));
    return {
      exporter,
      value: (name) => exporter(name)?.outputs.find((output) => output.exportName === name)?.value,
      importers: (name, exceptStackId) =>
        liveStacks()
          .filter((stack) => stack.stackId !== exceptStackId && (stack.imports ?? []).includes(name))
          .map((stack) => stack.stackName),
    };
  }
}
