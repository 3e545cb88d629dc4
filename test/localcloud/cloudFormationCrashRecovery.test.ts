// kill -9 the local cloud while stacks are being created, updated and deleted; restart it on the same state
// directory; every stack must end in a stable status that says what happened (an interrupted create or update
// rolled back, an interrupted delete finished), with every event a client had seen still there and nothing the
// rolled-back operation created left behind.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { clientConfig } from '../support/localCloudHarness';
import { startFidelityCloud, type FidelityCloud } from './fidelityScenario';

/** A chain of functions and topics, each waiting for the one before: slow enough to be interrupted. */
function chainTemplate(prefix: string, functions: number, topics: number): string {
  const lines = ['Resources:'];
  let previous: string | undefined;
  const add = (id: string, body: string) => {
    lines.push(`  ${id}:`, body, ...(previous ? [`    DependsOn: ${previous}`] : []));
    previous = id;
  };
  for (let index = 0; index < functions; index++) {
    add(
      `${prefix}Fn${index}`,
      `    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Role: arn:aws:iam::000000000000:role/r\n      Code:\n        ZipFile: "exports.handler = async () => ${index};"`,
    );
  }
  for (let index = 0; index < topics; index++) add(`${prefix}Topic${index}`, '    Type: AWS::SNS::Topic');
  return lines.join('\n');
}

const STABLE = /(_COMPLETE|_FAILED)$/;

describe('CloudFormation crash recovery', () => {
  let stateDirectory: string;
  before(() => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-cfn-crash-'));
  });
  after(() => rmSync(stateDirectory, { recursive: true, force: true }));

  function clients(cloud: FidelityCloud) {
    return {
      cloudFormation: new CloudFormationClient(clientConfig(cloud.endpoint)),
      lambda: new LambdaClient(clientConfig(cloud.endpoint)),
    };
  }

  async function eventsOf(client: CloudFormationClient, stackName: string): Promise<StackEvent[]> {
    const events: StackEvent[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
      events.push(...page.StackEvents!);
      token = page.NextToken;
    } while (token);
    return events;
  }

  /**
   * Polls the newest events until one matches (a resource of the operation got that far), then kills the server
   * at once; answers that page of events (the newest, the ones a crash could lose).
   */
  async function killWhen(
    cloud: FidelityCloud,
    client: CloudFormationClient,
    stackName: string,
    reached: (event: StackEvent) => boolean,
  ): Promise<StackEvent[]> {
    for (;;) {
      const page = await client.send(new DescribeStackEventsCommand({ StackName: stackName }));
      if (!page.StackEvents!.some(reached)) continue;
      process.kill(cloud.process.pid, 'SIGKILL');
      await cloud.process.exited;
      return page.StackEvents!;
    }
  }

  async function settled(client: CloudFormationClient, stackName: string) {
    for (;;) {
      const [stack] = (await client.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks!;
      if (STABLE.test(stack!.StackStatus!)) return stack!;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('rolls an interrupted create and update back, finishes an interrupted delete, and loses no event', async () => {
    let cloud = await startFidelityCloud(stateDirectory);
    let { cloudFormation, lambda } = clients(cloud);
    await cloudFormation.send(new CreateStackCommand({ StackName: 'kept', TemplateBody: chainTemplate('Kept', 2, 3) }));
    await waitUntilStackCreateComplete({ client: cloudFormation, minDelay: 1, maxWaitTime: 60 }, { StackName: 'kept' });
    const keptResources = (await cloudFormation.send(new DescribeStackResourcesCommand({ StackName: 'kept' })))
      .StackResources!;

    // 1. A create interrupted half-way.
    await cloudFormation.send(
      new CreateStackCommand({ StackName: 'big', TemplateBody: chainTemplate('Big', 30, 1500) }),
    );
    const seenBig = await killWhen(cloud, cloudFormation, 'big', (event) =>
      event.LogicalResourceId!.startsWith('BigTopic'),
    );
    cloudFormation.destroy();
    lambda.destroy();

    cloud = await startFidelityCloud(stateDirectory);
    ({ cloudFormation, lambda } = clients(cloud));
    const big = await settled(cloudFormation, 'big');
    assert.equal(big.StackStatus, 'ROLLBACK_COMPLETE');
    assert.match(big.StackStatusReason!, /The local cloud stopped while this operation was in progress/);
    const afterBig = new Set((await eventsOf(cloudFormation, 'big')).map((event) => event.EventId));
    assert.deepEqual(
      seenBig.filter((event) => !afterBig.has(event.EventId)),
      [],
      'every event seen before the kill is kept',
    );
    const functions = (await lambda.send(new ListFunctionsCommand({}))).Functions!.map((fn) => fn.FunctionName!);
    assert.deepEqual(
      functions.filter((name) => name.startsWith('big-')),
      [],
      'the rolled-back functions are deleted',
    );
    assert.equal(functions.filter((name) => name.startsWith('kept-')).length, 2);

    // 2. An update interrupted half-way: the previous resources come back.
    await cloudFormation.send(
      new UpdateStackCommand({ StackName: 'kept', TemplateBody: chainTemplate('Kept', 20, 1500) }),
    );
    await killWhen(cloud, cloudFormation, 'kept', (event) => event.LogicalResourceId!.startsWith('KeptTopic'));
    cloudFormation.destroy();
    lambda.destroy();
    cloud = await startFidelityCloud(stateDirectory);
    ({ cloudFormation, lambda } = clients(cloud));
    const kept = await settled(cloudFormation, 'kept');
    assert.equal(kept.StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    const keptAfter = (await cloudFormation.send(new DescribeStackResourcesCommand({ StackName: 'kept' })))
      .StackResources!;
    assert.deepEqual(
      keptAfter.map((resource) => [resource.LogicalResourceId, resource.PhysicalResourceId]).sort(),
      keptResources.map((resource) => [resource.LogicalResourceId, resource.PhysicalResourceId]).sort(),
    );
    const functionsNow = (await lambda.send(new ListFunctionsCommand({}))).Functions!.map((fn) => fn.FunctionName!);
    assert.equal(
      functionsNow.filter((name) => name.startsWith('kept-')).length,
      2,
      'functions the update added are gone',
    );

    // 3. A delete interrupted: it finishes on restart.
    await cloudFormation.send(
      new CreateStackCommand({ StackName: 'doomed', TemplateBody: chainTemplate('Doomed', 2, 1500) }),
    );
    await waitUntilStackCreateComplete(
      { client: cloudFormation, minDelay: 1, maxWaitTime: 120 },
      { StackName: 'doomed' },
    );
    const doomed = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'doomed' }))).Stacks![0]!;
    await cloudFormation.send(new DeleteStackCommand({ StackName: 'kept' }));
    await cloudFormation.send(new DeleteStackCommand({ StackName: 'doomed' }));
    await killWhen(cloud, cloudFormation, doomed.StackId!, (event) => event.ResourceStatus === 'DELETE_COMPLETE');
    cloudFormation.destroy();
    lambda.destroy();
    cloud = await startFidelityCloud(stateDirectory);
    ({ cloudFormation, lambda } = clients(cloud));
    try {
      assert.equal((await settled(cloudFormation, kept.StackId!)).StackStatus, 'DELETE_COMPLETE');
      assert.equal((await settled(cloudFormation, doomed.StackId!)).StackStatus, 'DELETE_COMPLETE');
      const remaining = (await lambda.send(new ListFunctionsCommand({}))).Functions!;
      assert.deepEqual(
        remaining.map((fn) => fn.FunctionName),
        [],
      );
    } finally {
      cloudFormation.destroy();
      lambda.destroy();
      await cloud.process.stop();
    }
  });
});
