import * as vscode from 'vscode';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { createCloudWatchLogSource } from '../../core/aws/cloudWatchLogSource';
import { explainAwsError } from '../../core/aws/explainAwsError';
import { resolveLogTargets, tailedGroupsOf, type FunctionLogTarget } from '../../core/aws/functionLogTargets';
import { describeError, WorkbenchError } from '../../core/errors';
import type { TailedLogEvent } from '../../core/logs/logEventSource';
import type { IncomingLine } from '../../core/logs/logLineStore';
import type { SessionInfo } from '../../core/logs/logTailProtocol';
import { LogTailSession } from '../../core/logs/logTailSession';
import { DEFAULT_START_TIME, describeTailTarget, type TailLogsArguments } from '../../core/logs/tailLogsArguments';
import { parseTimeRange } from '../../core/logs/timeExpression';
import type { Logger } from '../../core/logger';
import { Disposable } from '../../platform/disposable';
import { readBackend, type AwsBackendConnection } from '../localCloud/awsBackendConnection';
import type { LogTailView } from './logTailView';
import { describeTailStatus } from './tailStatusText';

/** How far back a resumed tail reads before the last line it delivered (late ingestion). */
const RESUME_OVERLAP_MS = 10_000;

interface RunningTail {
  info: SessionInfo;
  request: TailLogsArguments;
  targets: FunctionLogTarget[];
  session: LogTailSession | undefined;
  logs: CloudWatchLogsClient;
  functionOfGroup: Map<string, string>;
  /** The events of the last seconds, so a resumed tail delivers nothing twice. */
  recent: TailedLogEvent[];
  startTime: number;
}

/** Runs the panel's tails: resolves what to tail, reads and follows it, and feeds the view. */
export class LogTailController extends Disposable {
  private current: RunningTail | undefined;
  private nextSessionId = 1;

  constructor(
    private readonly view: LogTailView,
    private readonly backend: AwsBackendConnection,
    private readonly logger: Logger,
  ) {
    super();
    this._register({ dispose: () => this.stopCurrent() });
  }

  /** The request the panel shows, if any. */
  get request(): TailLogsArguments | undefined {
    return this.current?.request;
  }

  /** Starts a new tail in the panel (clearing it). Throws what went wrong, after showing it in the panel. */
  async start(request: TailLogsArguments): Promise<void> {
    this.stopCurrent();
    const id = this.nextSessionId++;
    const info: SessionInfo = {
      id,
      title: describeTailTarget(request),
      backend: this.backend.describe(),
      startText: request.startTime ?? DEFAULT_START_TIME,
      endText: request.endTime,
      filterPattern: request.filterPattern ?? '',
      follow: request.follow ?? request.endTime === undefined,
      canReplayCloud: readBackend().kind === 'localCloud',
    };
    this.view.startSession(info);
    this.view.setStatus(id, { state: 'connecting', text: `Finding the log groups of ${info.title}…` });
    try {
      const range = parseTimeRange(request.startTime, request.endTime, {
        now: Date.now(),
        defaultStart: DEFAULT_START_TIME,
      });
      const [clients, settings] = await Promise.all([this.backend.loadClients(), this.backend.clientSettings('logs')]);
      info.backend = this.backend.describe();
      const [lambda, cloudFormation] = await Promise.all([this.backend.lambda(), this.backend.cloudFormation()]);
      let targets: FunctionLogTarget[];
      try {
        targets = await resolveLogTargets(request, {
          module: clients,
          lambda,
          cloudFormation,
          region: settings.region,
          backendLabel: info.backend,
        });
      } catch (error) {
        throw explainAwsError(error, `Finding the logs of ${info.title}`, info.backend);
      } finally {
        lambda.destroy();
        cloudFormation.destroy();
      }
      this.view.setSources(
        targets.map((target) => ({
          source: target.functionName,
          architecture: target.architecture,
          region: target.region,
        })),
      );
      const running: RunningTail = {
        info,
        request,
        targets,
        session: undefined,
        logs: await this.backend.logs(),
        functionOfGroup: new Map(targets.map((target) => [target.logGroupName, target.functionName])),
        recent: [],
        startTime: range.startTime,
      };
      this.current = running;
      this.run(running, { startTime: range.startTime, endTime: range.endTime, follow: info.follow }, clients.logs);
    } catch (error) {
      const shown =
        error instanceof WorkbenchError && error.hint ? `${describeError(error)} ${error.hint}` : describeError(error);
      this.view.setStatus(id, { state: 'error', text: shown });
      throw error;
    }
  }

  /** Stops following; the lines stay. */
  stop(): void {
    const current = this.current;
    if (!current?.session) return;
    current.session.stop();
    current.session = undefined;
  }

  /** Follows again from where the tail stopped, delivering nothing twice. */
  async resume(): Promise<void> {
    const current = this.current;
    if (!current) return;
    if (current.session) return;
    const clients = await this.backend.loadClients();
    const last = current.recent.reduce((newest, event) => Math.max(newest, event.timestamp), current.startTime);
    current.info.follow = true;
    this.run(
      current,
      { startTime: Math.max(current.startTime, last - RESUME_OVERLAP_MS), endTime: undefined, follow: true },
      clients.logs,
    );
  }

  private run(
    running: RunningTail,
    range: { startTime: number; endTime: number | undefined; follow: boolean },
    logsModule: Parameters<typeof createCloudWatchLogSource>[0],
  ): void {
    const id = running.info.id;
    const liveTail = liveTailWanted();
    const session = new LogTailSession({
      source: createCloudWatchLogSource(logsModule, running.logs, { liveTail }),
      groups: tailedGroupsOf(running.targets),
      startTime: range.startTime,
      ...(range.endTime !== undefined ? { endTime: range.endTime } : {}),
      ...(running.request.filterPattern ? { filterPattern: running.request.filterPattern } : {}),
      follow: range.follow,
      transport: liveTail ? 'auto' : 'polling',
      alreadyDelivered: running.recent,
      onEvents: (events) => {
        remember(running, events);
        this.view.lines(
          id,
          events.map((event) => toLine(event, running.functionOfGroup)),
        );
      },
      onStatus: (status) => this.view.setStatus(id, describeTailStatus(status, running)),
    });
    running.session = session;
    session.finished.catch((error: unknown) => {
      if (running.session !== session) return;
      running.session = undefined;
      const explained = explainAwsError(error, `Reading the logs of ${running.info.title}`, running.info.backend);
      this.logger.warn(`[logs] ${describeError(explained)}`);
      this.view.setStatus(id, {
        state: 'error',
        text: `${describeError(explained)}${explained.hint ? ` ${explained.hint}` : ''}`,
      });
    });
  }

  private stopCurrent(): void {
    const current = this.current;
    this.current = undefined;
    current?.session?.stop();
    current?.logs.destroy();
  }
}

/** Live tail unless the settings say never; on AWS only when asked (Live Tail is billed per session minute). */
function liveTailWanted(): boolean {
  const setting = vscode.workspace.getConfiguration('serverlessWorkbench.logs').get<string>('liveTail', 'auto');
  if (setting === 'never') return false;
  if (setting === 'always') return true;
  return readBackend().kind !== 'aws';
}

function remember(running: RunningTail, events: TailedLogEvent[]): void {
  running.recent.push(...events);
  const newest = running.recent.reduce((latest, event) => Math.max(latest, event.timestamp), 0);
  if (running.recent.length > 1000 || running.recent[0]!.timestamp < newest - RESUME_OVERLAP_MS) {
    running.recent = running.recent.filter((event) => event.timestamp >= newest - RESUME_OVERLAP_MS);
  }
}

function toLine(event: TailedLogEvent, functionOfGroup: Map<string, string>): IncomingLine {
  return {
    timestamp: event.timestamp,
    logStreamName: event.logStreamName,
    message: event.message,
    source: functionOfGroup.get(event.logGroupName) ?? event.logGroupName,
    origin: 'cloud',
  };
}
