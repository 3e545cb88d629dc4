// The failure CloudFormation reports when a resource's chosen name is taken.
import { isAwsError } from '../../protocol/awsError';

/** CloudFormation's wording for a name that is already in use. */
export function alreadyExistsError(type: string, identifier: string): Error {
  return new Error(`Resource of type '${type}' with identifier '${identifier}' already exists.`);
}

/** Runs a service call; "not found" errors count as done (deletes are retried after crashes and rollbacks). */
export async function ignoringNotFound(call: () => unknown): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (isAwsError(error) && /NotFound|NoSuch/.test(error.code)) return;
    throw error;
  }
}
