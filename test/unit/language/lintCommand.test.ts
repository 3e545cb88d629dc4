import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatText, lintTemplateText, type LintResult } from '../../../src/cli/lintCommand';
import { repoRoot } from '../../support/paths';

function runLint(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // The loader is given by path: the command runs in a folder outside the repository.
  const loader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const result = spawnSync(process.execPath, ['--import', loader, join(repoRoot, 'src', 'cli.ts'), 'lint', ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('serverless-workbench lint', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sw-lint-'));
    writeFileSync(join(folder, 'good.yaml'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    writeFileSync(
      join(folder, 'bad.yaml'),
      'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  Arn:\n    Value: !GetAtt Topik.TopicArn\n',
    );
    writeFileSync(
      join(folder, 'warn.yaml'),
      'Parameters:\n  Unused:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n',
    );
    writeFileSync(join(folder, 'other.yaml'), 'name: not a template\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('prints file:line:column lines and exits 1 when an error is found', () => {
    const result = runLint(['good.yaml', 'bad.yaml', 'other.yaml'], folder);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^bad\.yaml:6:20: error unresolved-getatt: GetAtt 'Topik' does not resolve/m);
    assert.match(result.stdout, /1 error, 0 warnings in 2 templates\./);
    assert.match(result.stderr, /other\.yaml: not a CloudFormation or SAM template; skipped\./);
  });

  it('prints JSON with zero-based ranges, and exits 0 with warnings only', () => {
    const result = runLint(['--format', 'json', 'warn.yaml'], folder);
    assert.equal(result.status, 0, result.stderr);
    const problems = JSON.parse(result.stdout) as LintResult[];
    assert.deepEqual(problems, [
      {
        file: 'warn.yaml',
        range: { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } },
        severity: 'warning',
        code: 'unused-parameter',
        message: "Parameter 'Unused' is declared but never used.",
      },
    ]);
  });

  it('exits 2 on unreadable files and unknown options', () => {
    assert.equal(runLint(['missing.yaml'], folder).status, 2);
    assert.equal(runLint(['--format', 'xml', 'good.yaml'], folder).status, 2);
    assert.equal(runLint([], folder).status, 2);
    const help = runLint(['--help'], folder);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--format text\|json/);
  });

  it('lints text directly, including the files a handler points to', async () => {
    const sample = join(repoRoot, 'samples', 'hello-sam');
    const template =
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/users/\n      Handler: app.missing\n      Runtime: nodejs22.x\n';
    const results = await lintTemplateText(template, sample);
    assert.deepEqual(
      results?.map((result) => result.code),
      ['handler-export-missing'],
    );
    assert.equal(await lintTemplateText('just: yaml\n', sample), undefined);
    assert.equal(formatText([], 0, 1), '0 errors, 0 warnings in 1 template.\n');
  });
});
