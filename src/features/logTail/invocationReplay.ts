import * as vscode from 'vscode';
import { matchDeployedFunctions } from '../../core/invoke/deployedFunctionName';
import type { InlineEvent } from '../../core/invoke/eventReference';
import { WorkbenchError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { COMMAND_IDS } from '../../platform/commandIds';
import type { ExplorerFeature } from '../explorer/registerExplorer';
import { resolveTarget, type FunctionTarget } from '../invoke/functionTarget';
import type { LocalCloudManager } from '../localCloud/localCloudManager';

/** What a replay asks for: the local cloud's recorded invocation, or an event a log line holds. */
export interface ReplayRequest {
  requestId?: string;
  /** The deployed function the line came from. */
  source: string;
  event?: string;
  debug: boolean;
}

interface RecordedInvocation {
  functionName: string;
  payload: string;
}

/**
 * "Replay locally": runs an invocation's event through the local runtime (or the debugger) with the workspace's
 * code of the function that served it, through the invoke commands (so the result panel and errors are theirs).
 */
export class InvocationReplay {
  constructor(
    private readonly deps: {
      explorer: ExplorerFeature;
      localCloud: LocalCloudManager;
      logger: Logger;
    },
  ) {}

  async replay(request: ReplayRequest): Promise<unknown> {
    const recorded = request.event === undefined ? await this.recordedInvocation(request) : undefined;
    const payload = request.event ?? recorded!.payload;
    const functionName = recorded?.functionName ?? request.source;
    const target = await this.workspaceFunction(functionName);
    const event: InlineEvent = {
      kind: 'inline',
      name: request.requestId ? `request ${request.requestId.slice(0, 8)} (replayed)` : 'event from the log (replayed)',
      payload,
    };
    return vscode.commands.executeCommand(
      request.debug ? COMMAND_IDS.invokeDebug : COMMAND_IDS.invokeLocal,
      target,
      event,
    );
  }

  private async recordedInvocation(request: ReplayRequest): Promise<RecordedInvocation> {
    const state = this.deps.localCloud.state;
    if (state.kind !== 'running' || !request.requestId) {
      throw new WorkbenchError('Only invocations the local cloud served can be replayed from their request id.', {
        code: 'ReplayUnavailable',
        hint: 'AWS keeps no invocation payloads: log the event (Powertools log_event) to replay it from its line.',
      });
    }
    const answer = await fetch(
      `${state.endpoint}/_localcloud/lambda/invocations/${encodeURIComponent(request.requestId)}`,
    );
    if (answer.status === 404) {
      throw new WorkbenchError(`The local cloud no longer holds the event of request ${request.requestId}.`, {
        code: 'InvocationForgotten',
        hint: 'It keeps the last 500 invocations, in memory: invoke the function again, then replay.',
      });
    }
    if (!answer.ok)
      throw new WorkbenchError(`The local cloud answered ${answer.status} for request ${request.requestId}.`);
    return (await answer.json()) as RecordedInvocation;
  }

  /** The template function deployed as `functionName`: by FunctionName, else by CloudFormation's naming. */
  private async workspaceFunction(functionName: string): Promise<FunctionTarget> {
    const { templates } = await this.deps.explorer.scan();
    const all: Array<FunctionTarget & { label: string }> = templates
      .filter((template) => template.uri.scheme === 'file')
      .flatMap((template) =>
        template.functions.map((fn) => ({
          templateUri: template.uri.toString(),
          logicalId: fn.logicalId,
          label: template.label,
        })),
      );
    const matches = all.filter((candidate) => this.deploys(candidate, functionName));
    if (matches.length === 1) return matches[0]!;
    const choices = matches.length > 0 ? matches : all;
    if (choices.length === 0) {
      throw new WorkbenchError(`No function in this workspace can run the event of ${functionName}.`, {
        code: 'NoLocalFunction',
        hint: 'Open the folder with the SAM template that declares it.',
      });
    }
    const picked = await vscode.window.showQuickPick(
      choices.map((choice) => ({ label: choice.logicalId, description: choice.label, choice })),
      {
        title: `Replay the event of ${functionName} locally`,
        placeHolder:
          matches.length > 0 ? 'Several functions may be it: choose one' : 'Which function\u2019s code should run it?',
      },
    );
    if (!picked) throw new vscode.CancellationError();
    return picked.choice;
  }

  private deploys(target: FunctionTarget, functionName: string): boolean {
    if (target.logicalId === functionName) return true;
    try {
      const resolved = resolveTarget(target, this.deps.logger);
      const definition = resolved.entry.definition;
      const explicit = definition && definition.functionName !== target.logicalId ? definition.functionName : undefined;
      const stackName = resolved.template.scope.identity.stackName;
      return (
        matchDeployedFunctions([functionName], {
          logicalId: target.logicalId,
          stackName,
          ...(explicit ? { explicitName: explicit } : {}),
        }).length > 0 || new RegExp(`-${target.logicalId}-[A-Za-z0-9]{6,20}$`).test(functionName)
      );
    } catch {
      return false;
    }
  }
}
