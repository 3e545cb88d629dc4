// What a function receives from an EventBridge rule or schedule: a sample event that matches the rule's
// pattern (with realistic detail for common AWS sources), then the target's Input, InputPath or
// InputTransformer applied to it, as EventBridge applies them.
import { generateEventBridgeEvent } from './eventBridgeEvents';
import { stableId } from '../template/resolve/stableId';
import { bucketArn, regionalArn } from '../template/resolve/stackIdentity';
import { type EventContext } from './eventContext';
import { deepMerge, matchesEventPattern, sampleFromPattern } from './eventPattern';

type JsonObject = Record<string, unknown>;

interface KnownDetail {
  detailType: string;
  detail(context: EventContext, sample: JsonObject): JsonObject;
  resources?(context: EventContext, detail: JsonObject): string[];
}

function s3Detail(reason: string) {
  return (context: EventContext): JsonObject => ({
    version: '0',
    bucket: { name: 'my-bucket' },
    object: {
      key: 'uploads/hello.txt',
      size: 1024,
      etag: stableId('etag', 32, '0123456789abcdef'),
      sequencer: '00617F08299329D189',
    },
    'request-id': stableId(`request:${reason}`, 16),
    requester: context.accountId,
    'source-ip-address': '203.0.113.10',
    reason,
  });
}

function bucketResources(context: EventContext, detail: JsonObject): string[] {
  const bucket = detail.bucket as { name?: unknown } | undefined;
  return [bucketArn(context, typeof bucket?.name === 'string' ? bucket.name : 'my-bucket')];
}

/** Detail shapes of AWS events that rules in SAM templates most often match, by source and detail type. */
const KNOWN_DETAILS: Readonly<Record<string, readonly KnownDetail[]>> = {
  'aws.s3': [
    { detailType: 'Object Created', detail: s3Detail('PutObject'), resources: bucketResources },
    {
      detailType: 'Object Deleted',
      detail: (context) => ({
        ...s3Detail('DeleteObject')(context),
        'deletion-type': 'Permanently Deleted',
      }),
      resources: bucketResources,
    },
  ],
  'aws.ec2': [
    {
      detailType: 'EC2 Instance State-change Notification',
      detail: () => ({ 'instance-id': 'i-0123456789abcdef0', state: 'running' }),
      resources: (context) => [regionalArn(context, 'ec2', 'instance/i-0123456789abcdef0')],
    },
  ],
  'aws.tag': [
    {
      detailType: 'Tag Change on Resource',
      detail: () => ({
        'changed-tag-keys': ['environment'],
        service: 'ec2',
        'resource-type': 'instance',
        version: 1,
        tags: { environment: 'dev' },
      }),
    },
  ],
  'aws.states': [
    {
      detailType: 'Step Functions Execution Status Change',
      detail: (context) => ({
        executionArn: regionalArn(context, 'states', 'execution:my-state-machine:run-1'),
        stateMachineArn: regionalArn(context, 'states', 'stateMachine:my-state-machine'),
        name: 'run-1',
        status: 'SUCCEEDED',
        startDate: context.now.getTime() - 1000,
        stopDate: context.now.getTime(),
        input: '{}',
        output: '{}',
      }),
    },
  ],
  'aws.codepipeline': [
    {
      detailType: 'CodePipeline Pipeline Execution State Change',
      detail: (context) => ({
        pipeline: 'my-pipeline',
        'execution-id': context.newUuid(),
        state: 'SUCCEEDED',
        version: 1,
      }),
    },
  ],
};

/** A sample event that the pattern matches, and whether it really does (false for unsatisfiable patterns). */
export function eventMatchingPattern(
  pattern: unknown,
  context: EventContext,
): { event: Record<string, unknown>; matches: boolean } {
  const sample = sampleFromPattern(pattern);
  const first = (value: unknown): string | undefined =>
    Array.isArray(value) ? first(value[0]) : typeof value === 'string' ? value : undefined;
  const source = first(sample.source) ?? 'com.example.orders';
  const known = KNOWN_DETAILS[source] ?? [];
  const detailType = first(sample['detail-type']) ?? known[0]?.detailType;
  const knownDetail = known.find((entry) => entry.detailType === detailType);
  const detailSample = typeof sample.detail === 'object' && sample.detail !== null ? (sample.detail as JsonObject) : {};
  const detail = knownDetail
    ? deepMerge(knownDetail.detail(context, detailSample), detailSample)
    : Object.keys(detailSample).length || detailType
      ? detailSample
      : undefined;
  const event = generateEventBridgeEvent(
    {
      source,
      ...(detailType ? { detailType } : {}),
      ...(detail ? { detail } : {}),
      resources: Array.isArray(sample.resources)
        ? sample.resources.map(String)
        : typeof sample.resources === 'string'
          ? [sample.resources]
          : (knownDetail?.resources?.(context, detail ?? {}) ?? []),
      ...(typeof sample.account === 'string' ? { account: sample.account } : {}),
      ...(typeof sample.region === 'string' ? { region: sample.region } : {}),
    },
    context,
  ) as unknown as Record<string, unknown>;
  return { event, matches: pattern === undefined || matchesEventPattern(pattern, event) };
}

/** Parses a target's `Input`: JSON when it is JSON (what Lambda then receives), the text otherwise. */
export function parseTargetInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

/** Reads a simple JSONPath (`$`, `$.detail`, `$.detail.items[0].id`) out of an event. */
export function readJsonPath(value: unknown, path: string): unknown {
  const steps = path
    .replace(/^\$/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((step) => step !== undefined && step !== '');
  let current = value;
  for (const step of steps) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * Applies an InputTransformer: each `<name>` in the template becomes the value at its path. Inside quotes the
 * value goes in as plain text; elsewhere as JSON. The result is parsed as JSON when it is JSON.
 */
export function applyInputTransformer(event: unknown, pathsMap: Record<string, unknown>, template: string): unknown {
  const valueOf = (name: string): unknown =>
    name === 'aws.events.event.json'
      ? event
      : readJsonPath(event, typeof pathsMap[name] === 'string' ? pathsMap[name] : '');
  const text = template
    .replace(/"<([A-Za-z0-9_.-]+)>"/g, (_whole, name: string) => {
      const value = valueOf(name);
      return JSON.stringify(typeof value === 'string' ? value : JSON.stringify(value ?? null));
    })
    .replace(/<([A-Za-z0-9_.-]+)>/g, (_whole, name: string) => JSON.stringify(valueOf(name) ?? null));
  return parseTargetInput(text);
}
