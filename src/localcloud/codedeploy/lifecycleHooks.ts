// A Lambda lifecycle hook (BeforeAllowTraffic / AfterAllowTraffic): CodeDeploy invokes the hook function with
// {DeploymentId, LifecycleEventHookExecutionId} and waits for PutLifecycleEventHookExecutionStatus. Succeeded
// goes on; Failed, an error of the function before it reported, or the hook timeout (one hour, on the deployment's
// clock) fails the deployment. A function that returns without reporting leaves CodeDeploy waiting, as on AWS:
// the stack events say so, since that is the usual mistake in a hook.
import type { InvokeFunction } from '../lambda/functionInvocation';
import type { LifecycleEventRecord } from './codeDeployStore';
import { DeploymentFailure, errorMessage } from './deploymentFailure';

/** CodeDeploy waits one hour for a hook's status. */
export const HOOK_TIMEOUT_MS = 60 * 60 * 1000;

export interface HookRun {
  deploymentId: string;
  event: LifecycleEventRecord & { hookFunction: string };
  executionId: string;
  /** Resolves with the status the hook reports. */
  status: Promise<'Succeeded' | 'Failed'>;
  invoke: InvokeFunction;
  region: string;
  /** Waits on the deployment's clock; rejects with the deployment's failure when it is stopped meanwhile. */
  sleep(milliseconds: number, signal: AbortSignal): Promise<void>;
  report(message: string): void;
}

type Outcome =
  | { kind: 'status'; status: 'Succeeded' | 'Failed' }
  | { kind: 'returned' }
  | { kind: 'functionError'; message: string }
  | { kind: 'invokeFailed'; message: string }
  | { kind: 'timeout' }
  | { kind: 'stopped'; error: unknown };

/** Runs one hook; resolves when it reports Succeeded, throws a DeploymentFailure otherwise. */
export async function runLifecycleHook(run: HookRun): Promise<void> {
  const hook = run.event.hookFunction;
  const name = run.event.name;
  const timer = new AbortController();
  const status: Promise<Outcome> = run.status.then((value) => ({ kind: 'status', status: value }));
  const invocation: Promise<Outcome> = run
    .invoke({
      functionName: hook,
      event: { DeploymentId: run.deploymentId, LifecycleEventHookExecutionId: run.executionId },
      region: run.region,
    })
    .then(
      (result): Outcome =>
        result.functionError
          ? { kind: 'functionError', message: functionErrorText(result.payload) }
          : { kind: 'returned' },
      (error: unknown): Outcome => ({ kind: 'invokeFailed', message: errorMessage(error) }),
    );
  const timeout: Promise<Outcome> = run.sleep(HOOK_TIMEOUT_MS, timer.signal).then(
    (): Outcome => ({ kind: 'timeout' }),
    (error: unknown): Outcome => ({ kind: 'stopped', error }),
  );
  let pending = [status, invocation, timeout];
  try {
    for (;;) {
      const outcome = await Promise.race(pending);
      switch (outcome.kind) {
        case 'status':
          if (outcome.status === 'Succeeded') {
            run.report(`${name} hook ${hook} reported Succeeded`);
            return;
          }
          throw failure(`The ${name} lifecycle event hook ${hook} reported Failed.`);
        case 'functionError':
          throw failure(
            `The ${name} lifecycle event hook ${hook} failed before reporting a status: ${outcome.message}`,
          );
        case 'invokeFailed':
          throw failure(`CodeDeploy could not invoke the ${name} lifecycle event hook ${hook}: ${outcome.message}`);
        case 'returned':
          run.report(
            `${name} hook ${hook} returned without calling PutLifecycleEventHookExecutionStatus; waiting for its status until the hook times out (1 hour on the deployment's clock)`,
          );
          pending = [status, timeout];
          break;
        case 'timeout':
          throw new DeploymentFailure(
            'TIMEOUT',
            `The ${name} lifecycle event hook ${hook} did not report a status within 1 hour (PutLifecycleEventHookExecutionStatus).`,
            false,
            'DEPLOYMENT_FAILURE',
          );
        case 'stopped':
          throw outcome.error;
      }
    }
  } finally {
    timer.abort();
  }
}

function failure(message: string): DeploymentFailure {
  return new DeploymentFailure('HOOK_EXECUTION_FAILURE', message, false, 'DEPLOYMENT_FAILURE');
}

/** `errorType: errorMessage` of a function error payload, else the payload itself. */
function functionErrorText(payload: string): string {
  try {
    const error = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown };
    if (typeof error.errorMessage === 'string') {
      return typeof error.errorType === 'string' ? `${error.errorType}: ${error.errorMessage}` : error.errorMessage;
    }
  } catch {
    // Not JSON: show it as it came.
  }
  return payload.slice(0, 500);
}
