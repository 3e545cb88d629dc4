// Lambda aliases on the local cloud through SDK v3: AWS's validations of routing weights, and invocations
// routed by weight with the version that ran reported.
import { strict as assert } from 'node:assert';
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  InvokeCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { createEcho, rejectsWith } from '../../support/lambdaFixtures';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';

describe('local cloud: Lambda aliases', () => {
  let harness: LocalCloudHarness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.stop());

  it('manages aliases with AWS validations for routing weights', async () => {
    await createEcho(harness.lambda, 'aliased');
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'aliased' }));
    await harness.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'aliased', MemorySize: 512 }));
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'aliased' }));
    const alias = await harness.lambda.send(
      new CreateAliasCommand({
        FunctionName: 'aliased',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } },
      }),
    );
    assert.equal(alias.AliasArn, 'arn:aws:lambda:us-east-1:123456789012:function:aliased:live');
    assert.deepEqual(alias.RoutingConfig?.AdditionalVersionWeights, { '2': 0.25 });
    await rejectsWith(
      harness.lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: '1' })),
      'ResourceConflictException',
      409,
    );
    // Outside the model's constraints (weight in [0, 1], version digits): the validation layer's error.
    const outside: Record<string, number>[] = [{ '2': 1.5 }, { '2': -0.1 }, { $LATEST: 0.1 }];
    for (const weights of outside) {
      const failure = await rejectsWith(
        harness.lambda.send(
          new UpdateAliasCommand({
            FunctionName: 'aliased',
            Name: 'live',
            RoutingConfig: { AdditionalVersionWeights: weights },
          }),
        ),
        'ValidationException',
        400,
      );
      assert.match(
        failure.message,
        /^1 validation error detected: Value '\{.*\}' at 'routingConfig.additionalVersionWeights'/,
      );
    }
    // Lambda's own rules: weights below 1, the additional version not the primary, at most one.
    const invalid: Record<string, number>[] = [{ '2': 1 }, { '1': 0.5 }, { '2': 0.1, '3': 0.1 }];
    for (const weights of invalid) {
      await rejectsWith(
        harness.lambda.send(
          new UpdateAliasCommand({
            FunctionName: 'aliased',
            Name: 'live',
            RoutingConfig: { AdditionalVersionWeights: weights },
          }),
        ),
        'InvalidParameterValueException',
        400,
      );
    }
    await rejectsWith(
      harness.lambda.send(
        new UpdateAliasCommand({
          FunctionName: 'aliased',
          Name: 'live',
          RoutingConfig: { AdditionalVersionWeights: { '7': 0.5 } },
        }),
      ),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      harness.lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'x', FunctionVersion: '9' })),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      harness.lambda.send(new UpdateAliasCommand({ FunctionName: 'aliased', Name: 'live', RevisionId: 'old' })),
      'PreconditionFailedException',
      412,
    );
    const current = await harness.lambda.send(new GetAliasCommand({ FunctionName: 'aliased', Name: 'live' }));
    const flipped = await harness.lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'aliased',
        Name: 'live',
        FunctionVersion: '2',
        RoutingConfig: { AdditionalVersionWeights: {} },
        RevisionId: current.RevisionId,
      }),
    );
    assert.equal(flipped.FunctionVersion, '2');
    assert.equal(flipped.RoutingConfig, undefined);
    await harness.lambda.send(
      new CreateAliasCommand({ FunctionName: 'aliased', Name: 'beta', FunctionVersion: '$LATEST' }),
    );
    const listed = await harness.lambda.send(new ListAliasesCommand({ FunctionName: 'aliased' }));
    assert.deepEqual(
      listed.Aliases?.map((a) => a.Name),
      ['beta', 'live'],
    );
    await rejectsWith(
      harness.lambda.send(new DeleteFunctionCommand({ FunctionName: 'aliased', Qualifier: '2' })),
      'ResourceConflictException',
      409,
    );
    await harness.lambda.send(new DeleteAliasCommand({ FunctionName: 'aliased', Name: 'beta' }));
    await rejectsWith(
      harness.lambda.send(new GetAliasCommand({ FunctionName: 'aliased', Name: 'beta' })),
      'ResourceNotFoundException',
      404,
    );
    await harness.lambda.send(new DeleteFunctionCommand({ FunctionName: 'aliased', Qualifier: '1' }));
    const versions = await harness.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'aliased' }));
    assert.deepEqual(
      versions.Versions?.map((v) => v.Version),
      ['$LATEST', '2'],
    );
  });

  it('routes alias invocations by weight and reports the executed version', async () => {
    await createEcho(harness.lambda, 'weighted');
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'weighted' }));
    await harness.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'weighted', Description: 'v2', Timeout: 5 }),
    );
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'weighted' }));
    await harness.lambda.send(
      new CreateAliasCommand({
        FunctionName: 'weighted',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.3 } },
      }),
    );
    const counts = new Map<string, number>();
    const total = 400;
    for (let index = 0; index < total; index++) {
      const result = await harness.lambda.send(
        new InvokeCommand({ FunctionName: 'weighted', Qualifier: 'live', Payload: Buffer.from('{}') }),
      );
      counts.set(result.ExecutedVersion!, (counts.get(result.ExecutedVersion!) ?? 0) + 1);
    }
    const share = (counts.get('2') ?? 0) / total;
    assert.ok(Math.abs(share - 0.3) < 0.06, `version 2 ran ${share * 100}% of the time`);
    assert.equal((counts.get('1') ?? 0) + (counts.get('2') ?? 0), total);
    const pool = harness.pool as FakeRuntimePool;
    assert.equal(
      pool.invocations.at(-1)?.request.invokedFunctionArn,
      'arn:aws:lambda:us-east-1:123456789012:function:weighted:live',
    );
  });
});
