import * as vscode from 'vscode';
import { describeError, WorkbenchError } from '../../core/errors';
import { matchDeployedFunctions } from '../../core/invoke/deployedFunctionName';
import type { InvokeRunRecord } from '../../core/invoke/invokeResultView';
import { findReport } from '../../core/logs/reportLine';
import type { Logger } from '../../core/logger';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';
import { runnableDefinition, type ResolvedTarget } from './functionTarget';

/** The answer of a deployed function, with the figures of its REPORT line. */
export interface DeployedInvokeResult {
  functionName: string;
  requestId: string;
  payload: string;
  functionError: string | undefined;
  executedVersion: string | undefined;
  logLines: string[];
  durationMs?: number;
  billedDurationMs?: number;
  memorySizeMb?: number;
  maxMemoryUsedMb?: number;
  initDurationMs?: number;
}

/** What the result panel shows of a deployed run (from the Deployed tree or a template function's lens). */
export function deployedRunRecord(
  result: DeployedInvokeResult,
  run: {
    functionLabel: string;
    templateLabel: string;
    deployedName: string;
    event: { label: string; payload: string };
  },
): InvokeRunRecord {
  return {
    functionLabel: run.functionLabel,
    templateLabel: run.templateLabel,
    mode: 'deployed',
    deployedName: run.deployedName,
    eventLabel: run.event.label,
    eventPayload: run.event.payload,
    requestId: result.requestId,
    payload: result.payload,
    functionError: result.functionError !== undefined,
    logLines: result.logLines,
    finishedAt: new Date(),
    durationMs: result.durationMs,
    billedDurationMs: result.billedDurationMs,
    memorySizeMb: result.memorySizeMb,
    maxMemoryUsedMb: result.maxMemoryUsedMb,
    initDurationMs: result.initDurationMs,
  };
}

/** Invokes the deployed copy of a template's function through the chosen backend (the local cloud by default). */
export class DeployedInvoker {
  constructor(
    private readonly backend: AwsBackendConnection,
    private readonly logger: Logger,
  ) {}

  async invoke(resolved: ResolvedTarget, payload: string): Promise<DeployedInvokeResult> {
    return this.invokeNamed(await this.deployedName(resolved), payload);
  }

  /** Invokes a deployed function by name, at a qualifier ($LATEST, a version or an alias) when given. */
  async invokeNamed(functionName: string, payload: string, qualifier?: string): Promise<DeployedInvokeResult> {
    const [clients, lambda] = await Promise.all([this.backend.loadClients(), this.backend.lambda()]);
    try {
      const response = await lambda.send(
        new clients.lambda.InvokeCommand({
          FunctionName: functionName,
          ...(qualifier ? { Qualifier: qualifier } : {}),
          Payload: new TextEncoder().encode(payload),
          LogType: 'Tail',
        }),
      );
      const logText = response.LogResult ? Buffer.from(response.LogResult, 'base64').toString('utf8') : '';
      // The tail holds whole lines except perhaps the first, which may be cut at the 4 KB boundary.
      const logLines = logText.split('\n').filter((line, index, lines) => line !== '' || index < lines.length - 1);
      const report = findReport(logLines);
      const result: DeployedInvokeResult = {
        functionName,
        requestId: response.$metadata.requestId ?? report?.requestId ?? '',
        payload: response.Payload ? new TextDecoder().decode(response.Payload) : '',
        functionError: response.FunctionError,
        executedVersion: response.ExecutedVersion,
        logLines,
        durationMs: report?.durationMs,
        billedDurationMs: report?.billedDurationMs,
        memorySizeMb: report?.memorySizeMb,
        maxMemoryUsedMb: report?.maxMemoryUsedMb,
        initDurationMs: report?.initDurationMs,
      };
      return result;
    } catch (error) {
      throw this.backend.explain(error, `Invoking ${functionName}${qualifier ? `:${qualifier}` : ''}`);
    } finally {
      lambda.destroy();
    }
  }

  /**
   * The deployed function's name: the template's FunctionName, else the stack's physical ID for the logical ID
   * (when the backend has CloudFormation), else a name CloudFormation would have generated.
   */
  async deployedName(resolved: ResolvedTarget): Promise<string> {
    const { logicalId } = resolved.target;
    const definition = runnableDefinition(resolved);
    const stackName = resolved.template.scope.identity.stackName;
    const explicit = definition.functionName !== logicalId ? definition.functionName : undefined;
    const fromStack = explicit ? undefined : await this.physicalIdFromStack(stackName, logicalId);
    const names = await this.listFunctionNames();
    const candidates = fromStack
      ? names.filter((name) => name === fromStack)
      : matchDeployedFunctions(names, { logicalId, stackName, ...(explicit ? { explicitName: explicit } : {}) });
    if (candidates.length === 0) {
      const expected = explicit ?? fromStack ?? `${stackName}-${logicalId}-<suffix>`;
      throw new WorkbenchError(
        `${logicalId} is not deployed to the ${this.backend.describe()}: no function named ${expected}.`,
        {
          code: 'FunctionNotDeployed',
          hint: `Deploy the stack ${stackName} there first, or pick another backend in the serverlessWorkbench.backend setting.`,
        },
      );
    }
    if (candidates.length === 1) return candidates[0]!;
    const picked = await vscode.window.showQuickPick(candidates, {
      title: `Several deployed functions may be ${logicalId}`,
      placeHolder: 'Choose the one to invoke',
    });
    if (!picked) throw new vscode.CancellationError();
    return picked;
  }

  private async physicalIdFromStack(stackName: string, logicalId: string): Promise<string | undefined> {
    const [clients, settings] = await Promise.all([
      this.backend.loadClients(),
      this.backend.clientSettings('cloudformation'),
    ]);
    const client = new clients.CloudFormationClient({ ...settings, maxAttempts: 1 });
    try {
      const answer = await client.send(
        new clients.cloudformation.DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: logicalId }),
      );
      return answer.StackResourceDetail?.PhysicalResourceId;
    } catch (error) {
      // No such stack, or a backend without CloudFormation: fall back to the names CloudFormation generates.
      this.logger.debug(`[invoke] No stack resource ${stackName}/${logicalId}: ${describeError(error)}`);
      return undefined;
    } finally {
      client.destroy();
    }
  }

  private async listFunctionNames(): Promise<string[]> {
    const [clients, lambda] = await Promise.all([this.backend.loadClients(), this.backend.lambda()]);
    const names: string[] = [];
    try {
      for await (const page of clients.lambda.paginateListFunctions({ client: lambda }, {})) {
        for (const fn of page.Functions ?? []) if (fn.FunctionName) names.push(fn.FunctionName);
      }
    } catch (error) {
      throw WorkbenchError.chain(error, `Cannot list the functions of the ${this.backend.describe()}`, {
        code: 'ListFunctionsFailed',
        hint: 'Check the serverlessWorkbench.backend setting and your credentials.',
      });
    } finally {
      lambda.destroy();
    }
    return names;
  }
}
