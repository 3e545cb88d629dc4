// An in-process local CloudFormation over real stores (Lambda with a fake runtime, S3, Logs, parameters) in a
// fresh state directory, with a clock that moves one millisecond per reading.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../../src/core/logger';
import type { Clock } from '../../../../src/localcloud/clock';
import {
  createCloudFormation,
  type CloudFormationOptions,
  type LocalCloudFormation,
} from '../../../../src/localcloud/cloudformation/cloudFormationService';
import { createIamService, type IamService } from '../../../../src/localcloud/iam/iamService';
import { createLambdaService, type LambdaService } from '../../../../src/localcloud/lambda/lambdaService';
import { RegionalState } from '../../../../src/localcloud/regionalState';
import { LogStore } from '../../../../src/localcloud/logs/logStore';
import { ObjectStore } from '../../../../src/localcloud/s3/objectStore';
import { createSeededRandom } from '../../../../src/localcloud/seededRandom';
import { ParameterStore } from '../../../../src/localcloud/ssm/parameterStore';
import { FakeRuntimePool } from '../../../support/fakeRuntimePool';

/** A clock that starts at a fixed time and advances 1 ms per reading; sleeping advances it without waiting. */
export function steppingClock(start = Date.parse('2026-01-01T00:00:00Z')): Clock {
  let now = start;
  return {
    now: () => new Date(now++),
    sleep: (milliseconds) => {
      now += milliseconds;
      return Promise.resolve();
    },
  };
}

export interface CloudFormationHarness extends LocalCloudFormation {
  directory: string;
  lambda: LambdaService;
  iam: IamService;
  objectStore: ObjectStore;
  logStore: LogStore;
  parameterStore: ParameterStore;
  /** A new CloudFormation over the same state (a restart). */
  restart(overrides?: Partial<CloudFormationOptions>): CloudFormationHarness;
  close(): void;
}

export function startCloudFormation(
  overrides: Partial<CloudFormationOptions> = {},
  directory = mkdtempSync(join(tmpdir(), 'sw-cfn-')),
): CloudFormationHarness {
  const logStore = new LogStore(join(directory, 'logs'), silentLogger);
  const objectStore = new ObjectStore(join(directory, 's3'), silentLogger);
  const pool = new FakeRuntimePool();
  const lambda = createLambdaService({
    stateDirectory: directory,
    logStores: new RegionalState('us-east-1', directory, () => logStore),
    objectStore,
    region: 'us-east-1',
    accountId: '123456789012',
    logger: silentLogger,
    random: createSeededRandom(1),
    runtimePool: () => pool,
    endpoint: () => 'http://127.0.0.1:1',
  });
  const parameterStore = new ParameterStore(join(directory, 'ssm'), silentLogger);
  const iam = createIamService({
    directory: join(directory, 'iam'),
    region: 'us-east-1',
    accountId: '123456789012',
    logger: silentLogger,
  });
  const cloudFormation = createCloudFormation({
    directory: join(directory, 'cloudformation'),
    region: 'us-east-1',
    accountId: '123456789012',
    logger: silentLogger,
    clock: steppingClock(),
    lambda,
    iam,
    objectStore,
    logStore,
    parameterStore,
    ...overrides,
  });
  return {
    ...cloudFormation,
    directory,
    lambda,
    iam,
    objectStore,
    logStore,
    parameterStore,
    restart: (more = {}) => {
      logStore.close();
      return startCloudFormation({ ...overrides, ...more }, directory);
    },
    close: () => {
      logStore.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Object details for a YAML template put into the local S3 (TemplateURL, AWS::Include). */
export const YAML_OBJECT_DETAILS = { contentType: 'text/yaml', headers: {}, userMetadata: {}, checksums: {} };

/** The stack once every running operation has ended. */
export async function settledStack(cfn: CloudFormationHarness, name: string) {
  await cfn.engine.idle();
  return cfn.handlers.DescribeStacks({ StackName: name }).Stacks![0]!;
}

/** A stack's outputs by key. */
export function stackOutputs(stack: { Outputs?: { OutputKey?: string; OutputValue?: string }[] }) {
  return new Map(stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue]));
}

/** What a suite of tests shares: a fresh CloudFormation for each test (closed after it), and its settled stacks. */
export interface CloudFormationPerTest {
  readonly cfn: CloudFormationHarness;
  settle(name: string): ReturnType<typeof settledStack>;
  /** Closes this test's CloudFormation and starts another with `overrides` in its place. */
  replace(overrides: Partial<CloudFormationOptions>): CloudFormationHarness;
}

/** Registers the hooks (call it inside `describe`) that give each test a fresh CloudFormation. */
export function cloudFormationPerTest(): CloudFormationPerTest {
  let current: CloudFormationHarness | undefined;
  beforeEach(() => {
    current = startCloudFormation();
  });
  afterEach(() => current?.close());
  return {
    get cfn() {
      if (!current) throw new Error('the CloudFormation of a test is used outside a test');
      return current;
    },
    settle: (name) => settledStack(current!, name),
    replace: (overrides) => {
      current?.close();
      current = startCloudFormation(overrides);
      return current;
    },
  };
}
