// `Metadata: BuildMethod: makefile` as SAM CLI runs it: `make build-<LogicalId>` from the Makefile in the code
// folder, with ARTIFACTS_DIR naming the folder the target must fill. It runs in the source folder itself (like
// `sam build --build-in-source`), so Makefiles that reach outside it (../shared) work.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../errors';
import { runBuildTool } from './buildTool';

/** Runs the function's make target into `destination` (which exists and is empty). */
export async function buildWithMakefile(
  logicalId: string,
  sourceDirectory: string,
  destination: string,
): Promise<void> {
  const makefile = ['Makefile', 'makefile', 'GNUmakefile'].map((name) => join(sourceDirectory, name)).find(existsSync);
  if (!makefile) {
    throw new WorkbenchError(`${logicalId} has BuildMethod: makefile, but ${sourceDirectory} has no Makefile.`, {
      code: 'MakefileNotFound',
      hint: `Add a Makefile with a build-${logicalId} target that copies the artifacts into $(ARTIFACTS_DIR).`,
    });
  }
  const result = await runBuildTool('make', ['-f', makefile, `build-${logicalId}`], {
    cwd: sourceDirectory,
    environment: { ARTIFACTS_DIR: destination },
  });
  if (result.code === 0) return;
  const noRule = /No rule to make target .?build-/.test(result.outputTail);
  throw new WorkbenchError(
    noRule
      ? `The Makefile of ${logicalId} has no build-${logicalId} target.`
      : `make build-${logicalId} failed (exit ${String(result.code)}):\n${result.outputTail}`,
    {
      code: 'MakefileFailed',
      hint: noRule
        ? `Add a build-${logicalId} target to ${makefile} that copies the artifacts into $(ARTIFACTS_DIR).`
        : `Fix the build-${logicalId} target in ${makefile}.`,
    },
  );
}
