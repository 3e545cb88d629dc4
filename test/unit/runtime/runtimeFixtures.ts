import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunctionDefinition } from '../../../src/core/runtime/runtimeTypes';
import { repoRoot } from '../../support/paths';

/** The runtime fixtures: small functions and a template exercising resolution. */
export const runtimeFixtures = join(repoRoot, 'test', 'fixtures', 'runtime');
export const fixtureTemplate = join(runtimeFixtures, 'template.yaml');

/** A function definition for a fixture folder, with Lambda's defaults. */
export function fixtureFunction(
  codeDirectory: string,
  handler: string,
  overrides: Partial<FunctionDefinition> = {},
): FunctionDefinition {
  const functionName = overrides.functionName ?? 'fixture-function';
  return {
    functionName,
    runtime: 'nodejs20.x',
    handler,
    codeDirectory: join(runtimeFixtures, codeDirectory),
    memorySizeMb: 128,
    timeoutSeconds: 3,
    environment: {},
    layerDirectories: [],
    version: '$LATEST',
    architecture: 'x86_64',
    region: 'us-east-1',
    accountId: '123456789012',
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    logGroupName: `/aws/lambda/${functionName}`,
    ...overrides,
  };
}

/** A throwaway folder holding the given files (for code that must not live in the repository, like syntax errors). */
export function temporaryCode(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'swb-runtime-test-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), content);
  return directory;
}

/** The parsed JSON payload of a result. */
export function payloadOf<T = Record<string, unknown>>(result: { payload: string }): T {
  return JSON.parse(result.payload) as T;
}
