import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { looksLikeZip, zipDirectory, zipSingleFile } from '../../../src/core/deploy/deterministicZip';

/** Reads the central directory: name, DOS time/date, external attributes, in archive order. */
function centralEntries(zip: Uint8Array): Array<{ name: string; time: number; date: number; mode: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50);
  let offset = view.getUint32(end + 16, true);
  const entries = [];
  for (let index = 0; index < view.getUint16(end + 10, true); index++) {
    assert.equal(view.getUint32(offset, true), 0x02014b50);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    entries.push({
      name: Buffer.from(zip.subarray(offset + 46, offset + 46 + nameLength)).toString('utf8'),
      time: view.getUint16(offset + 12, true),
      date: view.getUint16(offset + 14, true),
      mode: view.getUint32(offset + 38, true) >>> 16,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('deploy: deterministic zips', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sw-zip-'));
    mkdirSync(join(folder, 'lib', 'nested'), { recursive: true });
    writeFileSync(join(folder, 'b.js'), 'exports.b = 1;\n');
    writeFileSync(join(folder, 'a.js'), 'exports.a = 1;\n');
    writeFileSync(join(folder, '10.txt'), 'ten');
    writeFileSync(join(folder, 'lib', 'nested', 'deep.js'), 'module.exports = "deep";\n');
    writeFileSync(join(folder, 'run.sh'), '#!/bin/sh\necho hi\n');
    chmodSync(join(folder, 'run.sh'), 0o700);
    chmodSync(join(folder, 'a.js'), 0o600);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gives the same bytes for the same files, whatever their timestamps', async () => {
    const first = await zipDirectory(folder);
    utimesSync(join(folder, 'a.js'), new Date('2001-02-03'), new Date('2001-02-03'));
    writeFileSync(join(folder, 'b.js'), 'exports.b = 1;\n');
    const second = await zipDirectory(folder);
    assert.ok(looksLikeZip(first));
    assert.deepEqual(Buffer.from(second), Buffer.from(first));
    writeFileSync(join(folder, 'b.js'), 'exports.b = 2;\n');
    assert.notDeepEqual(Buffer.from(await zipDirectory(folder)), Buffer.from(first));
  });

  it('sorts entries by path, fixes the time at 1980-01-01 and normalises modes', async () => {
    const entries = centralEntries(await zipDirectory(folder));
    assert.deepEqual(
      entries.map((entry) => entry.name),
      ['10.txt', 'a.js', 'b.js', 'lib/nested/deep.js', 'run.sh'],
    );
    for (const entry of entries) {
      assert.equal(entry.time, 0, entry.name);
      assert.equal(entry.date, (0 << 9) | (1 << 5) | 1, entry.name);
    }
    const modes = Object.fromEntries(entries.map((entry) => [entry.name, entry.mode.toString(8)]));
    assert.equal(modes['a.js'], '100644');
    assert.equal(modes['run.sh'], '100755');
  });

  it('keeps the content, follows links, and leaves out .aws-sam and .git', async () => {
    mkdirSync(join(folder, '.aws-sam', 'build'), { recursive: true });
    writeFileSync(join(folder, '.aws-sam', 'build', 'template.yaml'), 'x');
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, '.git', 'HEAD'), 'ref');
    symlinkSync(join(folder, 'lib'), join(folder, 'linked'));
    symlinkSync(join(folder, 'missing'), join(folder, 'dangling'));
    symlinkSync(folder, join(folder, 'lib', 'loop'));
    const files = unzipSync(await zipDirectory(folder));
    assert.deepEqual(Object.keys(files).sort(), [
      '10.txt',
      'a.js',
      'b.js',
      'lib/nested/deep.js',
      'linked/nested/deep.js',
      'run.sh',
    ]);
    assert.equal(Buffer.from(files['lib/nested/deep.js']!).toString(), 'module.exports = "deep";\n');
  });

  it('zips a single file under its base name', async () => {
    const files = unzipSync(await zipSingleFile(join(folder, 'a.js'), 'a.js'));
    assert.deepEqual(Object.keys(files), ['a.js']);
  });
});
