// A local cloud in process with a manual clock and a runtime whose CodeDeploy hook functions report the status a
// test chooses, plus SDK v3 clients for the services a gradual deployment touches.
import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  CodeDeployClient,
  PutLifecycleEventHookExecutionStatusCommand,
  type LifecycleEventStatus,
} from '@aws-sdk/client-codedeploy';
import type { InvokeRequest, InvokeResult, FunctionDefinition } from '../../src/core/runtime/runtimeTypes';
import { FakeRuntimePool } from './fakeRuntimePool';
import { clientConfig, startHarness, type LocalCloudHarness } from './localCloudHarness';
import { ManualClock } from './manualClock';

/** What hook functions (handler `hook.*`) do when invoked. */
export type HookBehaviour = LifecycleEventStatus | 'throw' | 'silent';

/** Echoes events like FakeRuntimePool; functions with a `hook.*` handler act as CodeDeploy hooks. */
export class HookRuntimePool extends FakeRuntimePool {
  hookBehaviour: HookBehaviour = 'Succeeded';
  readonly hookEvents: { DeploymentId: string; LifecycleEventHookExecutionId: string }[] = [];
  codeDeploy: CodeDeployClient | undefined;

  override async invoke(definition: FunctionDefinition, request: InvokeRequest): Promise<InvokeResult> {
    if (!definition.handler.startsWith('hook.')) return super.invoke(definition, request);
    const event = JSON.parse(request.payload) as { DeploymentId: string; LifecycleEventHookExecutionId: string };
    this.hookEvents.push(event);
    if (this.hookBehaviour === 'throw') {
      return super.invoke(definition, { ...request, payload: JSON.stringify({ fail: 'smoke test failed' }) });
    }
    if (this.hookBehaviour !== 'silent') {
      await this.codeDeploy!.send(
        new PutLifecycleEventHookExecutionStatusCommand({
          deploymentId: event.DeploymentId,
          lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
          status: this.hookBehaviour,
        }),
      );
    }
    return super.invoke(definition, request);
  }
}

export interface TrafficShiftHarness extends LocalCloudHarness {
  clock: ManualClock;
  hooks: HookRuntimePool;
  cloudFormation: CloudFormationClient;
  codeDeploy: CodeDeployClient;
  cloudWatch: CloudWatchClient;
  /** The stack once its status is no longer *_IN_PROGRESS. */
  settledStack(name: string): Promise<Stack>;
}

export async function startTrafficShiftHarness(stateDirectory?: string): Promise<TrafficShiftHarness> {
  const clock = new ManualClock();
  const hooks = new HookRuntimePool();
  const harness = await startHarness({ clock, runtimePool: hooks, ...(stateDirectory ? { stateDirectory } : {}) });
  const config = clientConfig(harness.cloud.endpoint);
  const cloudFormation = new CloudFormationClient(config);
  const codeDeploy = new CodeDeployClient(config);
  const cloudWatch = new CloudWatchClient(config);
  hooks.codeDeploy = codeDeploy;
  return {
    ...harness,
    clock,
    hooks,
    cloudFormation,
    codeDeploy,
    cloudWatch,
    settledStack: async (name) => {
      let stack: Stack | undefined;
      await pollUntil(async () => {
        stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
        return stack !== undefined && !stack.StackStatus!.endsWith('_IN_PROGRESS');
      });
      return stack!;
    },
    stop: async (keepState) => {
      cloudFormation.destroy();
      codeDeploy.destroy();
      cloudWatch.destroy();
      await harness.stop(keepState);
    },
  };
}

/** Polls a condition (the local cloud works in the background) until it holds; never a fixed sleep. */
export async function pollUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for a condition`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
