#!/usr/bin/env node
// The Debian packages `npm test` and `npm start` need beyond Node, npm, make and g++, in one list. Before doing
// anything slow, the commands check them with dpkg; missing ones are installed with apt-get when this process can
// (root, or passwordless sudo), behind one progress line; otherwise the command stops at once, naming the exact
// apt-get command. `.ci/run` relies on `npm test` doing this. Plain Node (no dependencies): it also runs before
// `npm ci` has installed anything.
import { spawnSync } from 'node:child_process';
import { isProvisioned } from './provisionCodeServer.mjs';

/**
 * @typedef {object} SystemPackage
 * @property {string} name Debian package name.
 * @property {string} reason What needs it, for messages.
 * @property {string[]} tiers The `npm test` tiers that need it.
 * @property {boolean} [start] Whether `npm start` needs it.
 * @property {boolean} [onlyToProvision] Needed only while code-server is not yet provisioned in the cache.
 */

/** @type {SystemPackage[]} */
export const SYSTEM_PACKAGES = [
  {
    name: 'libkrb5-dev',
    reason: "builds code-server's native modules (first run only)",
    tiers: ['integration', 'e2e'],
    start: true,
    onlyToProvision: true,
  },
  { name: 'chromium', reason: 'the browser the e2e tier drives', tiers: ['e2e'] },
  // Brings python3-botocore with it.
  { name: 'python3-boto3', reason: "boto3, the local cloud's Python client", tiers: ['localcloud'] },
  { name: 'awscli', reason: "the aws CLI, the local cloud's command-line client", tiers: ['localcloud'] },
  {
    name: 'python3-debugpy',
    reason: 'debugging Python handlers',
    tiers: ['unit', 'integration'],
    start: true,
  },
];

/**
 * The packages one command needs.
 * @param {{ command: 'test' | 'start', tiers?: string[], provisioned?: boolean }} request
 * @returns {SystemPackage[]}
 */
export function packagesFor({ command, tiers, provisioned = false }) {
  return SYSTEM_PACKAGES.filter((candidate) => {
    if (candidate.onlyToProvision && provisioned) return false;
    if (command === 'start') return candidate.start === true;
    return !tiers || candidate.tiers.some((tier) => tiers.includes(tier));
  });
}

/**
 * Which of the packages dpkg does not list as installed; undefined when there is no dpkg (not Debian).
 * @param {string[]} names
 * @param {NodeJS.ProcessEnv} environment
 * @returns {string[] | undefined}
 */
export function missingPackages(names, environment = process.env) {
  if (names.length === 0) return [];
  const query = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\\n', ...names], {
    encoding: 'utf8',
    env: environment,
  });
  if (query.error) return undefined;
  const installed = new Set(
    query.stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, status]) => status === 'installed')
      .map(([name]) => name),
  );
  return names.filter((name) => !installed.has(name));
}

/**
 * How this process can run apt-get: directly as root, through passwordless sudo, or not at all.
 * @param {{ isRoot: boolean, environment: NodeJS.ProcessEnv }} context
 * @returns {string[] | undefined} the command prefix, or undefined when it cannot.
 */
function privilegePrefix({ isRoot, environment }) {
  if (isRoot) return [];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', env: environment });
  return sudo.status === 0 ? ['sudo', '-n'] : undefined;
}

/**
 * Runs one apt-get step quietly; its output is shown only when it fails.
 * @param {string[]} prefix
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} environment
 * @returns {{ ok: boolean, output: string }}
 */
function quietly(prefix, args, environment) {
  const [command, ...rest] = [...prefix, 'apt-get', ...args];
  const result = spawnSync(command, rest, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    // 20 minutes: chromium alone is about 100 MB to fetch and unpack.
    timeout: 20 * 60_000,
    env: { ...environment, DEBIAN_FRONTEND: 'noninteractive' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, output };
}

/**
 * The exact command a person runs to install the packages.
 * @param {string[]} names
 * @param {boolean} isRoot
 */
export function installCommand(names, isRoot) {
  return `${isRoot ? '' : 'sudo '}apt-get install -y ${names.join(' ')}`;
}

/**
 * Makes sure the packages a command needs are installed: returns true when they are (or were just installed),
 * false after printing what to run when they cannot be installed from here.
 * @param {{ command: 'test' | 'start', tiers?: string[], provisioned?: boolean, isRoot?: boolean,
 *   environment?: NodeJS.ProcessEnv, log?: (line: string) => void }} request
 */
export function ensureSystemPackages(request) {
  const environment = request.environment ?? process.env;
  const log = request.log ?? ((line) => console.log(line));
  const isRoot = request.isRoot ?? process.getuid?.() === 0;
  if (environment.SW_SKIP_SYSTEM_PACKAGES === '1') return true;
  const needed = packagesFor(request);
  const missing = missingPackages(
    needed.map((candidate) => candidate.name),
    environment,
  );
  if (missing === undefined) {
    log(
      `[setup] No dpkg here (not Debian?): make sure these are installed: ${needed.map((p) => `${p.name} (${p.reason})`).join(', ')}.`,
    );
    return true;
  }
  if (missing.length === 0) return true;
  const prefix = privilegePrefix({ isRoot, environment });
  if (!prefix) {
    log(`[setup] npm ${request.command} needs these Debian packages, which are not installed:`);
    for (const name of missing) log(`[setup]   ${name}: ${needed.find((p) => p.name === name)?.reason ?? ''}`);
    log(
      `[setup] Install them (this needs root), then run npm ${request.command} again:\n\n    ${installCommand(missing, false)}\n`,
    );
    return false;
  }
  const started = Date.now();
  log(`[setup] Installing ${missing.join(', ')} with apt-get (one time, a few minutes: chromium is the largest) ...`);
  const update = quietly(prefix, ['update', '-qq'], environment);
  const install = update.ok
    ? quietly(prefix, ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', ...missing], environment)
    : update;
  const stillMissing = install.ok ? (missingPackages(missing, environment) ?? []) : missing;
  if (!install.ok || stillMissing.length > 0) {
    log(
      `[setup] apt-get could not install ${stillMissing.join(', ')}:\n${install.output.trim().split('\n').slice(-15).join('\n')}`,
    );
    log(`[setup] Fix the cause above, then run: ${installCommand(stillMissing, isRoot)}`);
    return false;
  }
  log(`[setup] Installed ${missing.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return true;
}

// `node scripts/systemPackages.mjs test|start`: the same check from a shell (CI, Dockerfiles).
if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2] === 'start' ? 'start' : 'test';
  const tiers = process.env.SW_TEST_TIERS?.split(',').map((name) => name.trim());
  process.exit(ensureSystemPackages({ command, provisioned: isProvisioned(), ...(tiers ? { tiers } : {}) }) ? 0 : 1);
}
