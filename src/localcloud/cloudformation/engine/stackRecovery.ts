// After the local cloud was stopped (or killed) in the middle of a stack operation, a restart finishes or undoes
// it from the persisted stack, so every stack ends in a stable status whose reason says what happened: an
// interrupted create or update rolls back, an interrupted delete, rollback or cleanup carries on.
import type { StackRecord } from '../state/stackRecords';
import type { StackDeployer } from './stackDeployer';
import type { StackRecorder } from './stackRecorder';
import type { StackUpdater } from './stackUpdater';

export const INTERRUPTED_REASON = 'The local cloud stopped while this operation was in progress';

/** Brings one stack that was left in an *_IN_PROGRESS status to a stable one. */
export async function recoverStack(stack: StackRecord, deployer: StackDeployer, updater: StackUpdater): Promise<void> {
  const recorder = deployer.recorderFor(stack);
  switch (stack.status) {
    case 'CREATE_IN_PROGRESS':
      failInterrupted(stack, recorder);
      await deployer.failCreate(stack, `${INTERRUPTED_REASON} (the stack was being created). `);
      return;
    case 'ROLLBACK_IN_PROGRESS':
      await deployer.rollbackCreate(stack);
      return;
    case 'DELETE_IN_PROGRESS':
      await deployer.delete(stack);
      return;
    case 'UPDATE_IN_PROGRESS':
      failInterrupted(stack, recorder);
      if (stack.operation?.onFailure === 'DO_NOTHING') {
        delete stack.operation;
        recorder.stackStatus('UPDATE_FAILED', `${INTERRUPTED_REASON} (the stack was being updated).`);
        return;
      }
      recorder.stackStatus(
        'UPDATE_ROLLBACK_IN_PROGRESS',
        `${INTERRUPTED_REASON} (the stack was being updated). Rolling back.`,
      );
      await updater.rollback(stack);
      return;
    case 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS':
      await updater.cleanup(stack);
      return;
    case 'UPDATE_ROLLBACK_IN_PROGRESS':
      await updater.rollback(stack);
      return;
    case 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS':
      await updater.rollbackCleanup(stack);
      return;
    default:
      return;
  }
}

/** Resources caught mid-step get a failed status saying why. */
function failInterrupted(stack: StackRecord, recorder: StackRecorder): void {
  for (const resource of Object.values(stack.resources)) {
    if (resource.status === 'CREATE_IN_PROGRESS')
      recorder.resourceStatus(resource, 'CREATE_FAILED', INTERRUPTED_REASON);
    if (resource.status === 'UPDATE_IN_PROGRESS')
      recorder.resourceStatus(resource, 'UPDATE_FAILED', INTERRUPTED_REASON);
  }
}
