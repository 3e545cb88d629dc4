import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SavedEventStore,
  createInMemoryLastUsed,
  validateEventName,
  type SavedEventFileSystem,
} from '../../../src/core/events/savedEvents';
import { WorkbenchError } from '../../../src/core/errors';

/** A file system in a map, to show the store only goes through the injected one. */
function mapFileSystem(): SavedEventFileSystem & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    readFile: (path) => {
      const text = files.get(path);
      return text === undefined ? Promise.reject(new Error(`ENOENT ${path}`)) : Promise.resolve(text);
    },
    writeFile: (path, text) => {
      files.set(path, text);
      return Promise.resolve();
    },
    readDirectory: (path) => {
      const names = [...files.keys()]
        .filter((file) => file.startsWith(`${path}/`))
        .map((file) => file.slice(path.length + 1));
      return names.length ? Promise.resolve(names) : Promise.reject(new Error(`ENOENT ${path}`));
    },
    createDirectory: () => Promise.resolve(),
    deleteFile: (path) => {
      files.delete(path);
      return Promise.resolve();
    },
  };
}

describe('saved events', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sw-events-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('saves as events/<LogicalId>/<name>.json and lists by name', async () => {
    const store = new SavedEventStore({ root });
    assert.deepEqual(await store.list('UsersFunction'), [], 'no folder yet');
    const saved = await store.save('UsersFunction', 'get user 42', { path: '/users/42' });
    assert.equal(saved.path, join(root, 'events', 'UsersFunction', 'get user 42.json'));
    assert.equal(readFileSync(saved.path, 'utf8'), '{\n  "path": "/users/42"\n}\n');
    await store.save('UsersFunction', 'another.json', {});
    writeFileSync(join(root, 'events', 'UsersFunction', 'notes.txt'), 'not an event');
    assert.deepEqual(
      (await store.list('UsersFunction')).map((event) => event.name),
      ['another', 'get user 42'],
    );
    assert.deepEqual(await store.read('UsersFunction', 'get user 42'), { path: '/users/42' });
  });

  it('keeps the person’s formatting but refuses text that is not JSON', async () => {
    const store = new SavedEventStore({ root });
    await store.saveText('Fn', 'raw', '{ "a": 1 }');
    assert.equal(await store.readText('Fn', 'raw'), '{ "a": 1 }');
    await assert.rejects(store.saveText('Fn', 'broken', '{ "a": '), (error: unknown) => {
      return (
        error instanceof WorkbenchError && error.code === 'InvalidEventJson' && error.message.includes('broken.json')
      );
    });
    writeFileSync(join(root, 'events', 'Fn', 'edited.json'), '{ oops');
    await assert.rejects(store.read('Fn', 'edited'), /edited\.json is not valid JSON/);
    await assert.rejects(store.read('Fn', 'missing'), (error: unknown) => {
      return error instanceof WorkbenchError && error.code === 'SavedEventNotFound';
    });
  });

  it('validates names and logical ids before touching the disk', async () => {
    assert.equal(validateEventName('get user'), undefined);
    assert.equal(validateEventName('order_1.v2'), undefined);
    for (const bad of [
      '',
      '   ',
      '../escape',
      'a/b',
      'a\\b',
      '.hidden',
      'trailing.',
      'CON',
      'nul.txt',
      'x'.repeat(101),
      'tab\there',
    ]) {
      assert.ok(validateEventName(bad), `"${bad}" should be refused`);
    }
    const store = new SavedEventStore({ root });
    await assert.rejects(store.save('Fn', '../../etc/passwd', {}), /not a valid event name/);
    await assert.rejects(store.save('../Fn', 'ok', {}), /not a CloudFormation logical id/);
  });

  it('remembers the last event used per function, while it still exists', async () => {
    const memory = createInMemoryLastUsed();
    const store = new SavedEventStore({ root, lastUsed: memory });
    await store.save('Fn', 'first', { n: 1 });
    await store.save('Fn', 'second', { n: 2 });
    assert.equal(await store.lastUsed('Fn'), undefined);
    await store.markUsed('Fn', 'second');
    assert.equal((await store.lastUsed('Fn'))?.name, 'second');
    assert.equal(await store.lastUsed('Other'), undefined);
    const reopened = new SavedEventStore({ root, lastUsed: memory });
    assert.equal((await reopened.lastUsed('Fn'))?.name, 'second', 'the memory outlives the store object');
    await store.delete('Fn', 'second');
    assert.equal(await store.lastUsed('Fn'), undefined);
    assert.deepEqual(
      (await store.list('Fn')).map((event) => event.name),
      ['first'],
    );
  });

  it('works through an injected file system', async () => {
    const fileSystem = mapFileSystem();
    const store = new SavedEventStore({ root: '/workspace', fileSystem });
    await store.save('Fn', 'e1', { a: 1 });
    assert.deepEqual([...fileSystem.files.keys()], [join('/workspace', 'events', 'Fn', 'e1.json')]);
    assert.deepEqual(await store.read('Fn', 'e1'), { a: 1 });
    assert.deepEqual(
      (await store.list('Fn')).map((event) => event.name),
      ['e1'],
    );
  });
});
