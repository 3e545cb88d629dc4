// How `serverless-workbench logs` prints events: text as `sam logs` does (stream, time, message; the function first
// when several are tailed), with colours on a terminal only, or JSON (one object per line). It also keeps what the
// --summary line needs.
import type { FunctionLogTarget } from '../core/aws/functionLogTargets';
import { stripAnsi } from '../core/logs/displayText';
import type { TailedLogEvent } from '../core/logs/logEventSource';
import { instanceColour } from '../core/logs/logLineFields';
import { LogLineStore } from '../core/logs/logLineStore';
import { LogView } from '../core/logs/logView';
import { summaryFigures } from '../core/logs/summaryFigures';
import { formatOffset, formatWallClock } from '../core/logs/zonedTime';

/** How to print. */
export interface LogPrinterOptions {
  output: 'text' | 'json';
  zone: string;
  colours: boolean;
  targets: readonly FunctionLogTarget[];
  write: (text: string) => void;
}

const RESET = '\u001b[0m';
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const CYAN = '\u001b[36m';
const INSTANCE_COLOURS = [34, 32, 35, 36, 33, 94, 95, 92].map((code) => `\u001b[${code}m`);

/** Prints events and keeps the REPORT lines for the summary. */
export class LogPrinter {
  private readonly functionOfGroup: Map<string, string>;
  private readonly showFunction: boolean;
  private readonly store = new LogLineStore();
  private readonly view: LogView;

  constructor(private readonly options: LogPrinterOptions) {
    this.functionOfGroup = new Map(options.targets.map((target) => [target.logGroupName, target.functionName]));
    this.showFunction = new Set(options.targets.map((target) => target.functionName)).size > 1;
    this.view = new LogView(this.store);
    for (const target of options.targets) {
      this.view.setSourceInfo(target.functionName, { architecture: target.architecture, region: target.region });
    }
  }

  print(events: readonly TailedLogEvent[]): void {
    const lines = events.map((event) => (this.options.output === 'json' ? this.json(event) : this.text(event)));
    this.options.write(lines.join(''));
    this.view.onAppend(
      this.store.append(
        events.map((event) => ({
          timestamp: event.timestamp,
          logStreamName: event.logStreamName,
          message: event.message,
          source: this.functionOf(event),
          origin: 'cloud' as const,
        })),
      ).added,
    );
  }

  /** The summary of the invocations printed (their REPORT lines), one line. */
  summary(): string {
    const figures = summaryFigures(this.view.summary());
    if (this.options.output === 'json') {
      return `${JSON.stringify(Object.fromEntries(figures.map((figure) => [figure.key, figure.value])))}\n`;
    }
    const cost = figures.find((figure) => figure.key === 'cost');
    return `${figures.map((figure) => `${figure.label} ${figure.value}`).join(' · ')}\n${cost ? `(${cost.title})\n` : ''}`;
  }

  private functionOf(event: TailedLogEvent): string {
    return this.functionOfGroup.get(event.logGroupName) ?? event.logGroupName;
  }

  private time(timestamp: number): string {
    return `${formatWallClock(timestamp, this.options.zone).replace(' ', 'T')}${formatOffset(timestamp, this.options.zone)}`;
  }

  private json(event: TailedLogEvent): string {
    return `${JSON.stringify({
      timestamp: event.timestamp,
      time: this.time(event.timestamp),
      function: this.functionOf(event),
      logGroupName: event.logGroupName,
      logStreamName: event.logStreamName,
      message: event.message.replace(/\n$/, ''),
      ...(event.eventId !== undefined ? { eventId: event.eventId } : {}),
      ...(event.ingestionTime !== undefined ? { ingestionTime: event.ingestionTime } : {}),
    })}\n`;
  }

  private text(event: TailedLogEvent): string {
    const message = event.message.replace(/\n$/, '');
    const prefix = this.showFunction ? `${this.functionOf(event)} ` : '';
    if (!this.options.colours) return `${prefix}${event.logStreamName} ${this.time(event.timestamp)} ${message}\n`;
    // On a terminal, escape sequences from the logs could move the cursor or retitle the window: drop them.
    const shown = stripAnsi(message);
    const colour = INSTANCE_COLOURS[instanceColour(event.logStreamName)]!;
    return `${prefix ? `${BOLD}${prefix}${RESET}` : ''}${colour}${event.logStreamName}${RESET} ${DIM}${this.time(event.timestamp)}${RESET} ${colourMessage(shown)}\n`;
  }
}

function colourMessage(message: string): string {
  if (message.startsWith('REPORT ')) {
    // The cold start stands out: Init Duration in cyan.
    return `${BOLD}${message.replace(/(Init Duration: [\d.]+ ms)/, `${CYAN}$1${RESET}${BOLD}`)}${RESET}`;
  }
  if (/\t(ERROR|FATAL)\t|^\[ERROR\]|Task timed out|Status: (error|timeout)/.test(message))
    return `${RED}${message}${RESET}`;
  if (/\tWARN\t|^\[WARNING\]/.test(message)) return `${YELLOW}${message}${RESET}`;
  if (/^(START|END|INIT_START) /.test(message)) return `${DIM}${message}${RESET}`;
  return message;
}
