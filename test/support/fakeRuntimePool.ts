// A RuntimePool test double for the local cloud's unit tests: runs no code, echoes the event back (or fails when
// the event asks to), and keeps one instance per concurrent request with its own log stream, like the real pool.
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  FunctionDefinition,
  InvokeRequest,
  InvokeResult,
  RuntimeInstanceInfo,
  RuntimePool,
  RuntimeSubscription,
} from '../../src/core/runtime/runtimeTypes';

interface FakeInstance {
  key: string;
  instanceId: string;
  logStreamName: string;
  busy: boolean;
}

/** Echoes the event; `{"fail": "message"}` gives an Unhandled error; `{"hold": true}` waits until released. */
export class FakeRuntimePool implements RuntimePool {
  readonly invocations: { definition: FunctionDefinition; request: InvokeRequest }[] = [];
  readonly stopped: string[] = [];
  private readonly instances: FakeInstance[] = [];
  /** Resolvers for invocations held open by `{"hold": true}` events, to test concurrency. */
  readonly held: (() => void)[] = [];

  async invoke(definition: FunctionDefinition, request: InvokeRequest): Promise<InvokeResult> {
    this.invocations.push({ definition, request });
    const key = `${definition.functionName}:${definition.version}`;
    let instance = this.instances.find((candidate) => candidate.key === key && !candidate.busy);
    const coldStart = instance === undefined;
    if (!instance) {
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
      instance = {
        key,
        instanceId: randomUUID(),
        logStreamName: `${day}/[${definition.version}]${randomBytes(16).toString('hex')}`,
        busy: false,
      };
      this.instances.push(instance);
    }
    instance.busy = true;
    const requestId = request.requestId ?? randomUUID();
    const event = JSON.parse(request.payload) as { fail?: string; hold?: boolean };
    if (event.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    instance.busy = false;
    const now = Date.now();
    const lines = [
      ...(coldStart ? [`INIT_START Runtime Version: fake:1\tRuntime Version ARN: arn:fake`] : []),
      `START RequestId: ${requestId} Version: ${definition.version}`,
      `${new Date(now).toISOString()}\t${requestId}\tINFO\tevent ${request.payload}`,
      `END RequestId: ${requestId}`,
      `REPORT RequestId: ${requestId}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: ${definition.memorySizeMb} MB\tMax Memory Used: 30 MB\t`,
    ];
    const failed = typeof event.fail === 'string';
    return {
      requestId,
      payload: failed ? JSON.stringify({ errorType: 'Error', errorMessage: event.fail, trace: [] }) : request.payload,
      ...(failed ? { functionError: 'Unhandled' as const, errorType: 'Error' } : {}),
      logLines: lines.map((message) => ({ timestamp: now, message })),
      durationMs: 1,
      billedDurationMs: 1,
      memorySizeMb: definition.memorySizeMb,
      maxMemoryUsedMb: 30,
      coldStart,
      instanceId: instance.instanceId,
      logGroupName: definition.logGroupName,
      logStreamName: instance.logStreamName,
      executedVersion: definition.version,
    };
  }

  onLogLine(): RuntimeSubscription {
    return { dispose: () => undefined };
  }

  onInstance(): RuntimeSubscription {
    return { dispose: () => undefined };
  }

  listInstances(): RuntimeInstanceInfo[] {
    return [];
  }

  stopFunction(functionName: string, version?: string): Promise<void> {
    this.stopped.push(version === undefined ? functionName : `${functionName}:${version}`);
    for (let index = this.instances.length - 1; index >= 0; index--) {
      const key = this.instances[index]!.key;
      if (key === `${functionName}:${version}` || (version === undefined && key.startsWith(`${functionName}:`))) {
        this.instances.splice(index, 1);
      }
    }
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
