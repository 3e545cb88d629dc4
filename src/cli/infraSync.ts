// `sync` without --code (as `sam sync`): an infrastructure sync of a development stack: build (incrementally),
// package and deploy the whole template through CloudFormation without asking for a confirmation, printing the
// change set's counts, the stack events and the outputs. `sync --watch` runs one first and again after each
// template or layer change; code-only changes take the fast path (`sync --code`).
import { dirname, join } from 'node:path';
import { describeChangeCounts } from '../core/deploy/changeSetSummary';
import { prepareDeployment, type DeploymentRequest } from '../core/deploy/deployApplication';
import { buildApplication } from '../core/deploy/build/buildApplication';
import { describeEvent, describeFailures, describeOutputs } from '../core/deploy/deploymentText';
import { apiUrlContextOf } from '../core/deployed/apiUrls';
import { WorkbenchError } from '../core/errors';
import type { CliBackend } from './backendOptions';
import { cliDeploymentEnvironment } from './deployCommand';

/** `sam sync`'s capabilities when none are given: a sync must not stop at a named IAM role or a nested transform. */
export const SYNC_DEFAULT_CAPABILITIES = ['CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

/** The template as it is now, deployed; throws a WorkbenchError (printed by the caller) when it fails. */
export async function syncInfrastructure(
  backend: CliBackend,
  request: DeploymentRequest,
  out: (text: string) => void,
): Promise<'deployed' | 'noChanges'> {
  const started = performance.now();
  const built = await buildApplication({
    templatePath: request.templatePath,
    buildDirectory: join(dirname(request.templatePath), '.aws-sam', 'build'),
    parameterOverrides: request.parameterOverrides,
    onProgress: (event) => {
      if (event.status === 'built') out(`  build ${event.logicalId}: built in ${Math.round(event.durationMs)} ms`);
    },
  });
  const prepared = await prepareDeployment(await cliDeploymentEnvironment(backend, out), {
    ...request,
    templatePath: built.builtTemplatePath,
  });
  try {
    const { changeSet } = prepared;
    if (changeSet.empty) {
      await prepared.discard();
      out(`Infrastructure sync of ${request.stackName}: no changes (${elapsed(started)})`);
      return 'noChanges';
    }
    out(`Infrastructure sync of ${request.stackName}: ${describeChangeCounts(changeSet.changes)}`);
    const executing = Date.now();
    const outcome = await prepared.execute({ onEvent: (event) => out(describeEvent(event, executing)) });
    if (!outcome.succeeded) {
      process.stderr.write(describeFailures(outcome, prepared.locateFailures(outcome)));
      throw new WorkbenchError(
        `The infrastructure sync of ${request.stackName} failed: the stack is ${outcome.status}`,
        {
          code: 'SyncFailed',
          hint: 'Fix the template (the failing resource and its line are printed above); the next change syncs again.',
        },
      );
    }
    out(describeOutputs(outcome, apiUrlContextOf(backend.backend, backend.settings('apigateway'))));
    out(`Infrastructure sync of ${request.stackName} done: ${outcome.status} (${elapsed(started)})`);
    return 'deployed';
  } finally {
    prepared.dispose();
  }
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
