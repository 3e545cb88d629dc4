// ListFunctions as Lambda answers it: at most 50 functions a page whatever MaxItems asks, and the subset of each
// configuration Lambda lists (no states, no RuntimeVersionConfig: GetFunction has them).
import { strict as assert } from 'node:assert';
import { CreateFunctionCommand, GetFunctionCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { echoZip, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';

describe('local cloud: ListFunctions', () => {
  let harness: LocalCloudHarness;
  before(async () => {
    harness = await startHarness();
    for (let index = 0; index < 51; index++) {
      await harness.lambda.send(
        new CreateFunctionCommand({
          FunctionName: `listed-${String(index).padStart(2, '0')}`,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::123456789012:role/r',
          Handler: 'index.handler',
          Code: { ZipFile: echoZip() },
        }),
      );
    }
  });
  after(() => harness.stop());

  it('answers at most 50 functions a page, even when MaxItems asks for more', async () => {
    const first = await harness.lambda.send(new ListFunctionsCommand({ MaxItems: 1000 }));
    assert.equal(first.Functions?.length, 50);
    assert.ok(first.NextMarker);
    const second = await harness.lambda.send(new ListFunctionsCommand({ MaxItems: 1000, Marker: first.NextMarker }));
    assert.deepEqual(
      second.Functions?.map((entry) => entry.FunctionName),
      ['listed-50'],
    );
    assert.equal(second.NextMarker, undefined);
  });

  it('lists the configuration without the states and runtime version GetFunction answers', async () => {
    const listed = (await harness.lambda.send(new ListFunctionsCommand({ MaxItems: 1 }))).Functions![0]!;
    const full = (await harness.lambda.send(new GetFunctionCommand({ FunctionName: 'listed-00' }))).Configuration!;
    const missing = Object.keys(full).filter((key) => !(key in listed));
    assert.deepEqual(missing.sort(), ['LastUpdateStatus', 'RuntimeVersionConfig', 'State']);
    assert.equal(listed.CodeSha256, full.CodeSha256);
  });
});
