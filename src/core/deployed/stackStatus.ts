// CloudFormation stack statuses: which ListStacks shows, how each looks, and which ones are still moving (the tree
// polls those until they settle).

/** Every stack status but DELETE_COMPLETE: ListStacks returns deleted stacks for 90 days unless filtered. */
export const LIVE_STACK_STATUSES = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
] as const;

/** How a status reads at a glance. */
export type StackHealth = 'complete' | 'inProgress' | 'failed' | 'rolledBack' | 'review';

export function stackHealth(status: string): StackHealth {
  if (status === 'REVIEW_IN_PROGRESS') return 'review';
  if (status.endsWith('_IN_PROGRESS')) return 'inProgress';
  if (status.endsWith('_FAILED')) return 'failed';
  if (status.includes('ROLLBACK')) return 'rolledBack';
  return 'complete';
}

/** Whether the stack is still changing (REVIEW_IN_PROGRESS waits for a person, so it is not polled). */
export function isStackMoving(status: string): boolean {
  return stackHealth(status) === 'inProgress';
}

/** `UPDATE_ROLLBACK_COMPLETE` -> `update rollback complete`. */
export function readableStatus(status: string): string {
  return status.toLowerCase().replace(/_/g, ' ');
}
