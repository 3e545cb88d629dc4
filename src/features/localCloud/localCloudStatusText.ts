// What the local cloud's status bar item says for each state. Pure (no editor API) so it is tested in plain Node.
import type { LocalCloudState } from './localCloudManager';

/** The status bar item's text, tooltip and whether it shows as a warning. */
export interface LocalCloudStatusText {
  text: string;
  tooltip: string;
  warning: boolean;
}

/** Describes the local cloud: off, starting, which one runs (port, who started it), or why it failed. */
export function localCloudStatusText(state: LocalCloudState): LocalCloudStatusText {
  switch (state.kind) {
    case 'stopped':
      return {
        text: '$(cloud) Local cloud: off',
        tooltip: 'The local cloud starts when a feature needs it. Click to switch the backend or for actions.',
        warning: false,
      };
    case 'starting':
      return { text: '$(loading~spin) Local cloud', tooltip: 'Starting the local cloud', warning: false };
    case 'running': {
      const owner = state.owned
        ? 'started by this window'
        : state.startedBy
          ? `started by ${state.startedBy}`
          : 'started outside this window';
      const pid = state.pid ? `, pid ${state.pid}` : '';
      const scale = state.timeScale
        ? ` Time runs ${state.timeScale}× faster for CodeDeploy (canary intervals, hook timeouts).`
        : '';
      return {
        text: `$(cloud) Local cloud :${state.port}${state.timeScale ? ` ×${state.timeScale}` : ''}`,
        tooltip: `Local cloud at ${state.endpoint} (${owner}${pid}).${scale} Click to switch the backend or for actions.`,
        warning: false,
      };
    }
    case 'failed':
      return { text: '$(warning) Local cloud', tooltip: state.message, warning: true };
  }
}
