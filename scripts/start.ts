// `npm start`: build, package, and open Serverless Workbench in a real VS Code (code-server on 127.0.0.1) on the
// sample app, with the local cloud running beside it. The first run provisions code-server into .cache/ (about 3
// minutes). Ctrl+C stops everything. `npm start -- --time-scale 300` (or SW_TIME_SCALE=300) runs the local cloud's
// CodeDeploy waits 300 times faster, for the canary demo: a five-minute canary in a second.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isTimeScale, MAX_TIME_SCALE } from '../src/localcloud/clock';
import { startLocalCloudProcess } from '../src/localcloud/localCloudProcess';
import { createProfile, findFreePort, installExtensions, startCodeServer } from '../test/support/codeServer';
import { cacheDir, repoRoot } from './codeServerPaths.mjs';
import { packageExtension } from './packageExtension';
import { isProvisioned, provision } from './provisionCodeServer.mjs';
import { ensureSystemPackages } from './systemPackages.mjs';

const PREFERRED_PORT = Number(process.env.SW_PORT ?? 8080);
const LOCAL_CLOUD_PORT = 4566;

async function isPortFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `--time-scale N` or SW_TIME_SCALE; 1 (real time) by default. */
function timeScaleOption(): number {
  const { values } = parseArgs({ options: { 'time-scale': { type: 'string' } }, allowPositionals: true });
  const text = values['time-scale'] ?? process.env.SW_TIME_SCALE ?? '1';
  const scale = Number(text);
  if (!isTimeScale(scale)) throw new Error(`--time-scale must be a number from 1 to ${MAX_TIME_SCALE}, not ${text}`);
  return scale;
}

async function main(): Promise<void> {
  const timeScale = timeScaleOption();
  if (!ensureSystemPackages({ command: 'start', provisioned: isProvisioned() })) process.exit(1);
  provision();
  const { path: vsix, bytes } = packageExtension();
  console.log(`[start] Packaged ${vsix} (${(bytes / 1024).toFixed(0)} KB)`);
  // The local cloud runs for the demo; the extension finds it on its configured port and uses it.
  const cloudPort = (await isPortFree(LOCAL_CLOUD_PORT)) ? LOCAL_CLOUD_PORT : await findFreePort();
  const cloud = await startLocalCloudProcess({
    entryPoint: join(repoRoot, 'dist', 'localcloud.js'),
    stateDirectory: join(cacheDir, 'demo-localcloud'),
    port: cloudPort,
    // The extension finds it on its port and its status bar says whose it is.
    startedBy: 'npm start',
    timeScale,
  });
  const scaleNote = timeScale === 1 ? '' : `, CodeDeploy time ${timeScale}× faster`;
  console.log(`[start] Local cloud running at ${cloud.endpoint} (state in .cache/demo-localcloud${scaleNote})`);
  const profile = createProfile(
    'start',
    {
      'serverlessWorkbench.localCloud.port': cloud.port,
      'serverlessWorkbench.walkthrough.openOnFirstActivation': true,
    },
    false,
  );
  installExtensions(profile, [vsix]);
  const port = (await isPortFree(PREFERRED_PORT)) ? PREFERRED_PORT : await findFreePort();
  const folder = process.env.SW_FOLDER ?? join(repoRoot, 'samples', 'hello-sam');
  const server = await startCodeServer({ profile, folder, port });
  console.log(
    `\n[start] Serverless Workbench is running in VS Code (code-server) on the sample app:\n\n    ${server.url}\n`,
  );
  console.log(
    `[start] AWS clients can use the local cloud too: aws --endpoint-url ${cloud.endpoint} lambda list-functions`,
  );
  console.log('[start] Open the URL in a browser; press Ctrl+C here to stop.');
  const shutdown = (): void => {
    void Promise.all([server.stop(), cloud.stop()]).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  server.process.once('exit', (code) => {
    console.error(`[start] code-server exited (${code}).\n${server.output().slice(-4000)}`);
    void cloud.stop().then(() => process.exit(1));
  });
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
