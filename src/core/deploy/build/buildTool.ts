// Runs the tools a build needs (npm, pip, make) and keeps the end of their output for error messages.
import { spawn } from 'node:child_process';
import { WorkbenchError } from '../../errors';

/** How a tool run ended. */
export interface ToolResult {
  code: number | null;
  /** The last lines of stdout and stderr together, for messages. */
  outputTail: string;
  stderr: string;
}

/** Runs `command args` in `cwd`; never throws for a non-zero exit (the caller explains it), only for a missing tool. */
export function runBuildTool(
  command: string,
  args: readonly string[],
  options: { cwd: string; environment?: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.environment },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const lines: string[] = [];
    let stderr = '';
    const keep = (chunk: Buffer, isError: boolean) => {
      const text = chunk.toString();
      if (isError && stderr.length < 200_000) stderr += text;
      lines.push(...text.split('\n').filter((line) => line.trim()));
      if (lines.length > 40) lines.splice(0, lines.length - 40);
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, false));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, true));
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new WorkbenchError(`${command} is not installed (not found on PATH).`, {
              code: 'BuildToolNotFound',
              hint: `Install ${command}, which this build needs.`,
            })
          : WorkbenchError.chain(error, `Cannot run ${command}`, { code: 'BuildToolFailed' }),
      );
    });
    child.once('close', (code) => resolve({ code, outputTail: lines.slice(-15).join('\n'), stderr }));
  });
}
