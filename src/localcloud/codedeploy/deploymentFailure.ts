// Why a CodeDeploy deployment ends without succeeding: CodeDeploy's error code and message, whether it was
// stopped or failed, and which auto-rollback event it counts as.

export type RollbackTrigger = 'DEPLOYMENT_FAILURE' | 'DEPLOYMENT_STOP_ON_ALARM' | 'DEPLOYMENT_STOP_ON_REQUEST';

export class DeploymentFailure extends Error {
  override readonly name = 'DeploymentFailure';

  constructor(
    /** CodeDeploy's ErrorCode (HOOK_EXECUTION_FAILURE, ALARM_ACTIVE, MANUAL_STOP, TIMEOUT...). */
    readonly code: string,
    message: string,
    /** Stopped (by a user, an alarm, a shutdown) rather than failed. */
    readonly stopped: boolean,
    readonly trigger: RollbackTrigger,
    /** StopDeployment's autoRollbackEnabled: overrides the deployment's own configuration. */
    readonly rollbackOverride?: boolean,
  ) {
    super(message);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
