import type { StatusInfo } from '../../core/logs/logTailProtocol';
import type { TailStatus } from '../../core/logs/logTailSession';

/** What the status line says about a tail. */
export function describeTailStatus(
  status: TailStatus,
  tail: { info: { title: string; startText: string; endText: string | undefined }; targets: unknown[] },
): StatusInfo {
  switch (status.state) {
    case 'reading':
      return { state: 'reading', text: `Reading ${tail.info.title} since ${tail.info.startText}…` };
    case 'following': {
      const how =
        status.transport === 'liveTail' ? 'Following (live tail)' : 'Following (polling FilterLogEvents every second)';
      const waiting =
        status.waitingFor.length > 0 ? ` · waiting for ${status.waitingFor.join(', ')} (no invocations yet)` : '';
      const note = status.note ? ` · ${status.note}` : '';
      return { state: 'following', transport: status.transport, text: `${how}: ${tail.info.title}${waiting}${note}` };
    }
    case 'retrying':
      return { state: 'retrying', text: `${status.message} · retrying in ${Math.round(status.delayMs / 1000)} s` };
    case 'done': {
      const range = `${tail.info.startText} to ${tail.info.endText ?? 'now'}`;
      const missing = status.missing.length > 0 ? ` · no logs yet: ${status.missing.join(', ')}` : '';
      return { state: 'done', text: `${tail.info.title}, ${range}${missing}` };
    }
    case 'stopped':
      return {
        state: 'stopped',
        text: `Stopped following ${tail.info.title}. Start follows again from where it stopped.`,
      };
  }
}
