// One local cloud per state directory: two servers appending to the same files would corrupt each other. The lock
// is a file holding the owner's pid; a lock left by a process that no longer runs (kill -9, or a zombie) is taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { writeFileAtomic } from './atomicFile';

const LOCK_FILE = 'localcloud.lock';

/** A held lock; release it when the server closes. */
export interface StateDirectoryLock {
  release(): void;
}

/** Takes the lock or throws a WorkbenchError (code `StateDirectoryInUse`) naming the running owner. */
export function lockStateDirectory(stateDirectory: string): StateDirectoryLock {
  const path = join(stateDirectory, LOCK_FILE);
  const mine = String(process.pid);
  try {
    writeFileSync(path, mine, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new WorkbenchError(`Another local cloud (pid ${owner}) is using the state directory ${stateDirectory}`, {
        code: 'StateDirectoryInUse',
        hint: 'Stop that local cloud first, or give this one another --state-dir.',
      });
    }
    writeFileAtomic(path, mine);
  }
  return {
    release: () => {
      try {
        if (readFileSync(path, 'utf8').trim() === mine) rmSync(path, { force: true });
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A killed process whose parent never reaps it (a local cloud started in the background by a terminal command that
 * has exited, in a container whose init does not reap) stays a zombie: it still has a pid, but runs nothing.
 */
function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (command) state ...": the command may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false; // No /proc (macOS, Windows): kill(pid, 0) has the last word.
  }
}
