// The payloads of the last invocations the local cloud served, so a log view can replay one locally ("Replay
// locally" on a REPORT line) in the runtime or the debugger. Kept in memory only, bounded by count and bytes.

/** One invocation as it was asked for. */
export interface RecordedInvocation {
  requestId: string;
  functionName: string;
  /** The alias or version the caller used. */
  qualifier?: string;
  /** The version that ran. */
  executedVersion: string;
  /** The event, as the caller sent it (JSON text). */
  payload: string;
  /** Epoch milliseconds. */
  invokedAt: number;
  logGroupName: string;
  logStreamName: string;
}

/** The caps: the oldest invocations go first. */
export interface RecentInvocationLimits {
  maxInvocations: number;
  maxPayloadChars: number;
}

const DEFAULT_LIMITS: RecentInvocationLimits = { maxInvocations: 500, maxPayloadChars: 32 * 1024 * 1024 };

/** The last invocations, by request id. */
export class RecentInvocations {
  private readonly byRequestId = new Map<string, RecordedInvocation>();
  private chars = 0;

  constructor(private readonly limits: RecentInvocationLimits = DEFAULT_LIMITS) {}

  record(invocation: RecordedInvocation): void {
    // One invocation larger than the whole budget is not kept (it would evict everything else).
    if (invocation.payload.length > this.limits.maxPayloadChars) return;
    this.byRequestId.set(invocation.requestId, invocation);
    this.chars += invocation.payload.length;
    for (const [requestId, oldest] of this.byRequestId) {
      if (this.byRequestId.size <= this.limits.maxInvocations && this.chars <= this.limits.maxPayloadChars) break;
      this.byRequestId.delete(requestId);
      this.chars -= oldest.payload.length;
    }
  }

  get(requestId: string): RecordedInvocation | undefined {
    return this.byRequestId.get(requestId);
  }

  get size(): number {
    return this.byRequestId.size;
  }
}
