// The fresh-machine setup of `npm test` and `npm start` (scripts/systemPackages.mjs), against fake dpkg-query,
// apt-get and sudo on PATH: which packages each command needs, installing them as root or with passwordless sudo,
// and stopping at once with the exact apt-get command otherwise.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages, packagesFor, SYSTEM_PACKAGES } from '../../../scripts/systemPackages.mjs';
import { repoRoot } from '../../support/paths';

interface FakeSystem {
  /** Environment whose PATH finds the fakes first. */
  environment: NodeJS.ProcessEnv;
  /** Every apt-get and sudo call, one line each. */
  calls(): string[];
  installed(): string[];
}

/** dpkg-query answers from a file of installed packages; apt-get install adds to it; sudo -n obeys FAKE_SUDO. */
function fakeSystem(directory: string, installed: string[], options: { sudo?: boolean; aptFails?: boolean } = {}) {
  const bin = join(directory, 'bin');
  mkdirSync(bin, { recursive: true });
  const state = join(directory, 'installed');
  const calls = join(directory, 'calls');
  writeFileSync(state, installed.map((name) => `${name}\n`).join(''));
  writeFileSync(calls, '');
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script(
    'dpkg-query',
    // dpkg-query -W -f=FORMAT NAME...: "NAME installed" or "NAME not-installed", one line each.
    `shift 2\nfor p in "$@"; do if grep -qx "$p" "${state}"; then echo "$p installed"; else echo "$p not-installed"; fi; done`,
  );
  script(
    'apt-get',
    [
      `echo "apt-get $*" >> "${calls}"`,
      options.aptFails ? 'echo "E: Unable to locate package $3" >&2; exit 100' : '',
      `if [ "$1" = install ]; then for p in "$@"; do case "$p" in -*|install|DPkg*) ;; *) echo "$p" >> "${state}";; esac; done; fi`,
    ].join('\n'),
  );
  script('sudo', `echo "sudo $*" >> "${calls}"\n${options.sudo ? '' : 'exit 1'}\n[ "$1" = -n ] && shift\nexec "$@"`);
  const system: FakeSystem = {
    environment: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    calls: () => readFileSync(calls, 'utf8').split('\n').filter(Boolean),
    installed: () => readFileSync(state, 'utf8').split('\n').filter(Boolean),
  };
  return system;
}

const ALL = SYSTEM_PACKAGES.map((candidate) => candidate.name);

describe('fresh-machine setup: system packages', () => {
  let directory: string;
  let lines: string[];
  const log = (line: string) => lines.push(line);
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sw-setup-'));
    lines = [];
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('needs, for each command and tier, exactly its packages', () => {
    const names = (list: { name: string }[]) => list.map((candidate) => candidate.name).sort();
    assert.deepEqual(names(packagesFor({ command: 'test', tiers: ['typecheck', 'lint'] })), []);
    assert.deepEqual(names(packagesFor({ command: 'test', tiers: ['unit'] })), ['python3-debugpy']);
    assert.deepEqual(names(packagesFor({ command: 'test', tiers: ['localcloud'] })), ['awscli', 'python3-boto3']);
    assert.deepEqual(names(packagesFor({ command: 'test', tiers: ['e2e'], provisioned: true })), ['chromium']);
    assert.deepEqual(names(packagesFor({ command: 'test' })), [...ALL].sort());
    assert.deepEqual(names(packagesFor({ command: 'start' })), ['libkrb5-dev', 'python3-debugpy']);
    assert.deepEqual(names(packagesFor({ command: 'start', provisioned: true })), ['python3-debugpy']);
  });

  it('names only tiers that npm test runs', () => {
    const testScript = readFileSync(join(repoRoot, 'scripts', 'test.ts'), 'utf8');
    for (const tier of new Set(SYSTEM_PACKAGES.flatMap((candidate) => candidate.tiers))) {
      assert.ok(testScript.includes(`name: '${tier}'`), `scripts/test.ts has no tier '${tier}'`);
    }
  });

  it('does nothing when every package is installed', () => {
    const system = fakeSystem(directory, ALL);
    assert.equal(ensureSystemPackages({ command: 'test', isRoot: false, environment: system.environment, log }), true);
    assert.deepEqual(system.calls(), []);
    assert.deepEqual(lines, []);
  });

  it('installs the missing packages as root, with one progress line', () => {
    const system = fakeSystem(directory, ['python3-boto3', 'libkrb5-dev']);
    assert.equal(ensureSystemPackages({ command: 'test', isRoot: true, environment: system.environment, log }), true);
    const missing = ALL.filter((name) => !['python3-boto3', 'libkrb5-dev'].includes(name));
    assert.deepEqual(system.calls(), [
      'apt-get update -qq',
      `apt-get install -y -qq -o DPkg::Lock::Timeout=300 ${missing.join(' ')}`,
    ]);
    assert.deepEqual(system.installed().sort(), [...ALL].sort());
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.equal(
      lines[0],
      `[setup] Installing ${missing.join(', ')} with apt-get (one time, a few minutes: chromium is the largest) ...`,
    );
    assert.match(lines[1] ?? '', /^\[setup\] Installed .* in \d+ s\.$/);
  });

  it('installs through passwordless sudo when not root', () => {
    const system = fakeSystem(directory, ['python3-debugpy'], { sudo: true });
    assert.equal(ensureSystemPackages({ command: 'start', isRoot: false, environment: system.environment, log }), true);
    assert.deepEqual(system.calls(), [
      'sudo -n true',
      'sudo -n apt-get update -qq',
      'apt-get update -qq',
      'sudo -n apt-get install -y -qq -o DPkg::Lock::Timeout=300 libkrb5-dev',
      'apt-get install -y -qq -o DPkg::Lock::Timeout=300 libkrb5-dev',
    ]);
  });

  it('stops at once, naming the exact apt-get command, when it cannot install', () => {
    const system = fakeSystem(directory, ['libkrb5-dev', 'python3-boto3', 'python3-debugpy']);
    const started = Date.now();
    assert.equal(ensureSystemPackages({ command: 'test', isRoot: false, environment: system.environment, log }), false);
    assert.ok(Date.now() - started < 5000, 'the check answers in seconds');
    assert.deepEqual(system.calls(), ['sudo -n true']);
    const text = lines.join('\n');
    assert.match(text, /npm test needs these Debian packages, which are not installed:/);
    assert.match(text, /chromium: the browser the e2e tier drives/);
    assert.ok(text.includes('\n    sudo apt-get install -y chromium awscli\n'), text);
  });

  it('reports what apt-get said when the install fails', () => {
    const system = fakeSystem(
      directory,
      ALL.filter((name) => name !== 'awscli'),
      { aptFails: true },
    );
    assert.equal(ensureSystemPackages({ command: 'test', isRoot: true, environment: system.environment, log }), false);
    const text = lines.join('\n');
    assert.match(text, /apt-get could not install awscli:\nE: Unable to locate package/);
    assert.match(text, /Fix the cause above, then run: apt-get install -y awscli$/);
  });

  it('only warns where there is no dpkg, and can be switched off', () => {
    const empty = join(directory, 'empty');
    mkdirSync(empty);
    const environment = { ...process.env, PATH: empty };
    assert.equal(ensureSystemPackages({ command: 'start', isRoot: true, environment, log }), true);
    assert.match(lines.join('\n'), /No dpkg here \(not Debian\?\): make sure these are installed: libkrb5-dev/);
    const system = fakeSystem(directory, []);
    lines = [];
    assert.equal(
      ensureSystemPackages({
        command: 'test',
        isRoot: true,
        environment: { ...system.environment, SW_SKIP_SYSTEM_PACKAGES: '1' },
        log,
      }),
      true,
    );
    assert.deepEqual(system.calls(), []);
  });

  it('leaves CI to npm test: .ci/run keeps no package list of its own', () => {
    const ciScript = readFileSync(join(repoRoot, '.ci', 'run'), 'utf8');
    assert.ok(existsSync(join(repoRoot, '.ci', 'run')));
    assert.ok(!/apt-get install/.test(ciScript), '.ci/run installs packages itself');
    assert.match(ciScript, /npm test/);
  });
});
