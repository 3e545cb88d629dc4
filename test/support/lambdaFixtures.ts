// What the local cloud's Lambda tests share: an echo function, reading an invoke's payload, and the AWS error a
// call must fail with.
import { strict as assert } from 'node:assert';
import { CreateFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { echoZip } from './localCloudHarness';

export const LAMBDA_ROLE = 'arn:aws:iam::123456789012:role/lambda-role';

/** Creates a Node.js function that answers its event. */
export async function createEcho(lambda: LambdaClient, name: string, extra: Record<string, unknown> = {}) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: LAMBDA_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: echoZip() },
      ...extra,
    }),
  );
}

/** The error `promise` rejects with, checked to be the AWS error `name` (and HTTP `status` when given). */
export async function rejectsWith(promise: Promise<unknown>, name: string, status?: number): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    assert.equal(failure.name, name, failure.message);
    if (status !== undefined) assert.equal(failure.$metadata?.httpStatusCode, status);
    return failure;
  }
  assert.fail(`expected ${name}`);
}

/** An Invoke answer's payload as JSON. */
export function invokePayload(result: { Payload?: Uint8Array }): unknown {
  return JSON.parse(Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8'));
}
