// One attempt of a queued Event invocation against the function as it is at that moment (code, configuration,
// alias weights and reserved concurrency may have changed since the event was queued, as on Lambda), and the
// settings that decide what happens after it: the invoked qualifier's event invoke config and dead-letter target.
import type { AsyncEvent, AttemptOutcome } from './asyncInvocations';
import { chooseAliasVersion } from './aliasRouting';
import type { EventInvokeConfig, FunctionConfig, FunctionRecord } from './functionRecords';
import { configFor, type LambdaContext } from './lambdaContext';

/** The configuration the event runs on now, or undefined when its function or qualifier is gone. */
function currentConfig(
  lambda: LambdaContext,
  event: AsyncEvent,
): { record: FunctionRecord; config: FunctionConfig } | undefined {
  const record = lambda.functions.get(event.functionName);
  if (!record) return undefined;
  const alias = event.qualifier === undefined ? undefined : record.aliases[event.qualifier];
  const version = alias ? chooseAliasVersion(alias, lambda.random) : event.qualifier;
  try {
    return { record, config: configFor(lambda, record, version) };
  } catch {
    return undefined;
  }
}

/** Runs one attempt; errors Invoke would answer (throttles, runtime failures) are outcomes, not exceptions. */
export async function attemptEvent(lambda: LambdaContext, event: AsyncEvent): Promise<AttemptOutcome> {
  const current = currentConfig(lambda, event);
  if (!current) return { error: new Error(`${event.functionName} no longer exists`) };
  try {
    const result = await lambda.invoker.invoke(current.record, current.config, {
      payload: event.payload,
      qualifier: event.qualifier,
      requestId: event.requestId,
    });
    return { result, executedVersion: current.config.version };
  } catch (error) {
    return { error };
  }
}

/** The invoked qualifier's event invoke config ($LATEST's for the unqualified function) and dead-letter target. */
export function eventSettings(
  lambda: LambdaContext,
  event: AsyncEvent,
): { invokeConfig?: EventInvokeConfig; deadLetterArn?: string } | undefined {
  const current = currentConfig(lambda, event);
  if (!current) return undefined;
  const invokeConfig = current.record.eventInvokeConfigs?.[event.qualifier ?? '$LATEST'];
  const deadLetterArn = current.config.settings?.DeadLetterConfig?.TargetArn;
  return { ...(invokeConfig ? { invokeConfig } : {}), ...(deadLetterArn ? { deadLetterArn } : {}) };
}
