// Deployments as text (the terminal and the editor's output view): the values it deploys with, the change set, one line per stack event
// with the time since the execution started, the outputs, and failures with the template line they come from.
import { backendApiUrls, type ApiUrlContext } from '../deployed/apiUrls';
import { formatChangeTable, formatTable, type ChangeSetSummary } from './changeSetSummary';
import type { DeploymentFailure } from './deployApplication';
import type { DeploymentEvent, DeploymentOutcome } from './stackDeployment';

/** The header SAM CLI prints before deploying. */
export function describeDeployValues(values: Array<[string, string]>): string {
  const lines = values.map(([name, value]) => `\t${name.padEnd(28)} : ${value}`);
  return ['', '\tDeploying with the following values', '\t===================================', ...lines, ''].join(
    '\n',
  );
}

/** The change set table (or the "no changes" line). */
export function describeChangeSet(summary: ChangeSetSummary): string {
  if (summary.empty) return `\nNo changes to deploy. Stack ${summary.stackName} is up to date\n`;
  return `\nCloudFormation stack changeset\n${formatChangeTable(summary.changes)}\n\nChangeset created successfully. ${summary.changeSetId}\n`;
}

/** The header of the event stream. */
export const EVENT_HEADER = `\n${'Elapsed'.padEnd(9)}${'ResourceStatus'.padEnd(40)}${'ResourceType'.padEnd(40)}${'LogicalResourceId'.padEnd(36)}ResourceStatusReason\n${'-'.repeat(150)}`;

/** One event line: `   1.2 s  CREATE_COMPLETE  AWS::Lambda::Function  UsersFunction  -`. */
export function describeEvent(event: DeploymentEvent, startedAt: number): string {
  const elapsed = `${((event.timestamp.getTime() - startedAt) / 1000).toFixed(1)} s`.padStart(7);
  const column = (text: string, width: number) => `${text.padEnd(width - 1)} `;
  return `${elapsed}  ${column(event.status, 40)}${column(event.resourceType, 40)}${column(event.logicalId, 36)}${event.reason ?? '-'}`;
}

/**
 * The outputs table (the values as the stack has them), then, where the backend serves an API Gateway URL elsewhere
 * (the local cloud on 127.0.0.1, LocalStack), the URL that answers there.
 */
export function describeOutputs(outcome: DeploymentOutcome, urls?: ApiUrlContext): string {
  if (outcome.outputs.length === 0) return '';
  const rows = outcome.outputs.map((output) => [output.key, output.description ?? '-', output.value]);
  const table = `\nCloudFormation outputs from deployed stack\n${formatTable(['Key', 'Description', 'Value'], rows)}\n`;
  const served = urls
    ? outcome.outputs.flatMap((output) => {
        const local = backendApiUrls(urls, output.value);
        return local === output.value ? [] : [[output.key, local]];
      })
    : [];
  if (served.length === 0) return table;
  return `${table}\nAPI URLs as this backend serves them\n${formatTable(['Key', 'URL'], served)}\n`;
}

/**
 * The outputs a person may open: those whose value is a URL, as the backend serves it (an API Gateway output's
 * `https://{id}.execute-api...` becomes the local cloud's `http://127.0.0.1:PORT/_aws/execute-api/{id}/...`; AWS's
 * unchanged).
 */
export function outputLinks(outcome: DeploymentOutcome, urls: ApiUrlContext): Array<{ key: string; url: string }> {
  return outcome.outputs
    .filter((output) => /^https?:\/\/\S+$/.test(output.value))
    .map((output) => ({ key: output.key, url: backendApiUrls(urls, output.value) }));
}

/** Each failed resource with its reason and `template.yaml:LINE:COL`, the first (the cause) first. */
export function describeFailures(outcome: DeploymentOutcome, failures: readonly DeploymentFailure[]): string {
  const lines = [
    `\nError: the deployment failed: the stack is ${outcome.status}${outcome.cancelled ? ' (cancelled)' : ''}`,
  ];
  for (const failure of failures) {
    lines.push(`  ${failure.logicalId} (${failure.resourceType}): ${failure.reason}`);
    if (failure.location) {
      const where = `${failure.templatePath}:${failure.location.line + 1}:${failure.location.character + 1}`;
      lines.push(
        `    at ${where}${failure.location.logicalId !== failure.logicalId ? ` (${failure.location.logicalId})` : ''}`,
      );
    }
  }
  if (failures.length === 0 && outcome.statusReason) lines.push(`  ${outcome.statusReason}`);
  return `${lines.join('\n')}\n`;
}
