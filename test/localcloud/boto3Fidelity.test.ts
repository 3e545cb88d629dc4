// The fidelity scenario through boto3 (Debian's python3-boto3, plus any newer boto3 on PATH).
import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  clientEnvironment,
  functionZip,
  ROUTED_WEIGHT,
  ROUTING_TOLERANCE,
  startFidelityCloud,
} from './fidelityScenario';

const run = promisify(execFile);

/** Interpreters that can import boto3: Debian's (what CI installs) first, then the one on PATH if it differs. */
function boto3Interpreters(): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ['-c', 'import boto3; print(boto3.__version__)'], {
        encoding: 'utf8',
      }).trim();
      if (!seen.has(version)) found.push(candidate);
      seen.add(version);
    } catch {
      // Not usable: no boto3 for this interpreter.
    }
  }
  return found;
}

interface Boto3Report {
  firstStatus: number;
  firstPayload: unknown;
  logTail: string;
  v1: string;
  v2: string;
  executed: Record<string, number>;
  filtered: string[];
  s3RoundTrip: string;
  errors: Record<string, string>;
  boto3: string;
  liveTail: string;
  liveTailFirst?: string[];
}

describe('fidelity: boto3', () => {
  const interpreters = boto3Interpreters();

  it('has boto3 available (apt python3-boto3)', () => {
    assert.ok(interpreters.length > 0, 'no python3 with boto3 found');
  });

  for (const interpreter of interpreters) {
    it(`runs the scenario with ${interpreter}`, async () => {
      const cloud = await startFidelityCloud();
      const workDirectory = mkdtempSync(join(tmpdir(), 'sw-fidelity-boto3-'));
      try {
        writeFileSync(join(workDirectory, 'v1.zip'), functionZip(1));
        writeFileSync(join(workDirectory, 'v2.zip'), functionZip(2));
        const { stdout } = await run(
          interpreter,
          [
            join(__dirname, 'boto3Scenario.py'),
            cloud.endpoint,
            join(workDirectory, 'v1.zip'),
            join(workDirectory, 'v2.zip'),
            String(ROUTED_WEIGHT),
          ],
          { env: clientEnvironment() },
        );
        const report = JSON.parse(stdout) as Boto3Report;
        assert.equal(report.firstStatus, 200);
        assert.deepEqual(report.firstPayload, { echo: { marker: 'boto3-first' }, generation: 1, version: '$LATEST' });
        assert.match(report.logTail, /INFO\tmarker=boto3-first generation=1/);
        assert.match(report.logTail, /^REPORT RequestId:/m);
        assert.deepEqual([report.v1, report.v2], ['1', '2']);
        const routed = (report.executed['2'] ?? 0) / 300;
        assert.equal((report.executed['1'] ?? 0) + (report.executed['2'] ?? 0), 300);
        assert.ok(
          Math.abs(routed - ROUTED_WEIGHT) <= ROUTING_TOLERANCE,
          `version 2 served ${routed * 100}% (boto3 ${report.boto3})`,
        );
        assert.equal(report.filtered.length, 1);
        assert.match(report.filtered[0]!, /marker=boto3-first/);
        assert.equal(Buffer.from(report.s3RoundTrip, 'base64').toString('latin1'), '\x00\x01boto3');
        if (report.liveTail === 'unavailable') {
          // Debian 12's boto3 1.26 predates StartLiveTail (botocore 1.34).
          assert.ok(Number(report.boto3.split('.')[1]) < 34, `boto3 ${report.boto3} should have start_live_tail`);
        } else {
          assert.deepEqual(report.liveTailFirst, ['sessionStart']);
          assert.match(report.liveTail, /marker=boto3-live/);
        }
        assert.deepEqual(report.errors, {
          missingFunction: 'ResourceNotFoundException',
          missingLogGroup: 'ResourceNotFoundException',
          missingKey: 'NoSuchKey',
          invalidWeight: 'InvalidParameterValueException',
        });
      } finally {
        await cloud.stop();
        rmSync(workDirectory, { recursive: true, force: true });
      }
    });
  }
});
