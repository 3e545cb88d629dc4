import { strict as assert } from 'node:assert';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ListExportsCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import type { CloudformationOperations } from '../../../../src/localcloud/models/generated/cloudformation';
import cloudFormationModelJson from '../../../../src/localcloud/models/generated/cloudformation.json';
import { AwsError } from '../../../../src/localcloud/protocol/awsError';
import { createModelService, storedOnly } from '../../../../src/localcloud/protocol/modelService';
import type { ServiceModel } from '../../../../src/localcloud/protocol/serviceModel';
import { clientConfig } from '../../../support/localCloudHarness';
import { rawRequest, signedFor } from '../../../support/rawHttp';
import { serveService, type ServedService } from '../../../support/serveService';

const model = cloudFormationModelJson as unknown as ServiceModel;
const created = new Date('2026-01-02T03:04:05.678Z');

describe('protocol engine: awsQuery (CloudFormation model)', () => {
  let served: ServedService;
  let client: CloudFormationClient;
  const received: unknown[] = [];
  before(async () => {
    const service = createModelService<CloudformationOperations>(
      model,
      {
        CreateStack: (input, context) => {
          received.push(input);
          return {
            StackId: `arn:aws:cloudformation:${context.region}:${context.accountId}:stack/${input.StackName}/1`,
          };
        },
        DescribeStacks: (input) => ({
          Stacks: [
            {
              StackName: input.StackName ?? 'all',
              StackStatus: 'CREATE_COMPLETE',
              CreationTime: created,
              Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'dev <&> "quoted"' }],
              Capabilities: ['CAPABILITY_IAM'],
              Tags: [],
            },
          ],
        }),
        DescribeChangeSet: (input) => {
          throw new AwsError('ChangeSetNotFoundException', `ChangeSet [${input.ChangeSetName}] does not exist`);
        },
        ListExports: storedOnly(() => ({ Exports: [] })),
      },
      { region: 'us-east-1', accountId: '123456789012' },
    );
    served = await serveService(service);
    client = new CloudFormationClient({ ...clientConfig(served.endpoint), region: 'eu-west-3' });
    assert.deepEqual(
      { ...service.coverage(), implemented: service.coverage().implemented.length, refused: undefined },
      { implemented: 3, storedOnly: ['ListExports'], refused: undefined },
    );
  });
  after(async () => {
    client.destroy();
    await served.close();
  });

  it('reads lists and structures from form parameters and signs the region into the answer', async () => {
    const answer = await client.send(
      new CreateStackCommand({
        StackName: 'app',
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
        Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'prod' }],
        Tags: [{ Key: 'team', Value: 'core' }],
        TimeoutInMinutes: 5,
        DisableRollback: true,
      }),
    );
    assert.equal(answer.StackId, 'arn:aws:cloudformation:eu-west-3:123456789012:stack/app/1');
    assert.deepEqual(received.at(-1), {
      StackName: 'app',
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'prod' }],
      Tags: [{ Key: 'team', Value: 'core' }],
      TimeoutInMinutes: 5,
      DisableRollback: true,
    });
  });

  it('writes the Result wrapper, member lists, escaped text and ISO timestamps', async () => {
    const answer = await client.send(new DescribeStacksCommand({ StackName: 'app' }));
    const stack = answer.Stacks?.[0];
    assert.equal(stack?.StackName, 'app');
    assert.equal(stack?.CreationTime?.toISOString(), created.toISOString());
    assert.deepEqual(stack?.Parameters, [{ ParameterKey: 'Stage', ParameterValue: 'dev <&> "quoted"' }]);
    assert.deepEqual(stack?.Capabilities, ['CAPABILITY_IAM']);
    const raw = await rawRequest(
      served.endpoint,
      'POST',
      '/',
      { ...signedFor('cloudformation'), 'Content-Type': 'application/x-www-form-urlencoded' },
      'Action=DescribeStacks&Version=2010-05-15&StackName=app',
    );
    assert.match(
      raw.body,
      /^<DescribeStacksResponse xmlns="http:\/\/cloudformation.amazonaws.com\/doc\/2010-05-15\/"><DescribeStacksResult><Stacks><member>/,
    );
    assert.match(raw.body, /<Capabilities><member>CAPABILITY_IAM<\/member><\/Capabilities>/);
    assert.match(
      raw.body,
      /<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/DescribeStacksResponse>$/,
    );
  });

  it('answers modelled errors with their wire code and status', async () => {
    await assert.rejects(client.send(new DescribeChangeSetCommand({ ChangeSetName: 'cs', StackName: 'app' })), {
      name: 'ChangeSetNotFoundException',
      message: 'ChangeSet [cs] does not exist',
    });
    const raw = await rawRequest(
      served.endpoint,
      'POST',
      '/',
      { ...signedFor('cloudformation'), 'Content-Type': 'application/x-www-form-urlencoded' },
      'Action=DescribeChangeSet&Version=2010-05-15&ChangeSetName=cs',
    );
    assert.equal(raw.status, 404);
    assert.match(raw.body, /<Error><Type>Sender<\/Type><Code>ChangeSetNotFound<\/Code><Message>/);
  });

  it('answers constraint violations with ValidationError and AWS wording', async () => {
    const raw = await rawRequest(
      served.endpoint,
      'POST',
      '/',
      { ...signedFor('cloudformation'), 'Content-Type': 'application/x-www-form-urlencoded' },
      'Action=CreateStack&Version=2010-05-15&TimeoutInMinutes=0',
    );
    assert.equal(raw.status, 400);
    assert.match(raw.body, /<Code>ValidationError<\/Code>/);
    assert.match(
      raw.body,
      /<Message>2 validation errors detected: Value null at &apos;stackName&apos; failed to satisfy constraint: Member must not be null; Value &apos;0&apos; at &apos;timeoutInMinutes&apos; failed to satisfy constraint: Member must have value greater than or equal to 1<\/Message>/,
    );
  });

  it('refuses operations without a handler, naming them, with a status clients do not retry', async () => {
    await assert.rejects(client.send(new ValidateTemplateCommand({ TemplateBody: '{}' })), (error: Error) => {
      assert.equal(error.name, 'NotImplemented');
      assert.match(error.message, /ValidateTemplate/);
      assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 501);
      return true;
    });
    const unknown = await rawRequest(
      served.endpoint,
      'POST',
      '/',
      { ...signedFor('cloudformation'), 'Content-Type': 'application/x-www-form-urlencoded' },
      'Action=MakeCoffee&Version=2010-05-15',
    );
    assert.match(unknown.body, /<Code>InvalidAction<\/Code>/);
    assert.deepEqual((await client.send(new ListExportsCommand({}))).Exports, []);
  });
});
