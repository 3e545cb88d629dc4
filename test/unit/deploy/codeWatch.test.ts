import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeWatcher, type CodeChange } from '../../../src/core/deploy/codeWatch';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  UsersFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/users/, Handler: app.handler, Runtime: nodejs22.x, Layers: [!Ref SharedLayer] }
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/orders/, Handler: app.handler, Runtime: python3.12 }
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layers/shared/ }
`;

/** Resolves with the next change the watcher reports. */
function nextChange(changes: CodeChange[]): Promise<CodeChange> {
  const seen = changes.length;
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (changes.length > seen) {
        clearInterval(poll);
        resolve(changes[seen]!);
      }
    }, 10);
  });
}

describe('CodeWatcher (what sync --code --watch reacts to)', function () {
  this.timeout(20000);
  let project: string;
  let watcher: CodeWatcher;
  let changes: CodeChange[];
  let errors: string[];

  beforeEach(async () => {
    project = mkdtempSync(join(tmpdir(), 'sw-code-watch-'));
    for (const folder of ['src/users', 'src/orders', 'layers/shared', '.aws-sam/build/UsersFunction'])
      mkdirSync(join(project, folder), { recursive: true });
    writeFileSync(join(project, 'template.yaml'), TEMPLATE);
    writeFileSync(join(project, 'src/users/app.mjs'), 'export const handler = async () => 1;\n');
    writeFileSync(join(project, 'src/orders/app.py'), 'def handler(e, c):\n    return 1\n');
    changes = [];
    errors = [];
    watcher = new CodeWatcher({
      templatePath: join(project, 'template.yaml'),
      onChange: (change) => {
        changes.push(change);
        return Promise.resolve();
      },
      onError: (message) => errors.push(message),
      settleMs: 150,
    });
    await watcher.start();
  });
  afterEach(() => {
    watcher.close();
    rmSync(project, { recursive: true, force: true });
  });

  it('watches the template folder and each code folder', () => {
    assert.deepEqual(watcher.watchedFolders.sort(), [
      project,
      join(project, 'layers/shared'),
      join(project, 'src/orders'),
      join(project, 'src/users'),
    ]);
  });

  it('reports the functions whose code folder changed, several saves as one change, nested folders too', async () => {
    const next = nextChange(changes);
    writeFileSync(join(project, 'src/users/app.mjs'), 'export const handler = async () => 2;\n');
    mkdirSync(join(project, 'src/users/lib'));
    writeFileSync(join(project, 'src/users/lib/util.mjs'), 'export const x = 1;\n');
    assert.deepEqual(await next, { functions: ['UsersFunction'], layers: [], template: false });
    await watcher.idle();
    assert.equal(changes.length, 1, 'gathered into one change');

    const nested = nextChange(changes);
    writeFileSync(join(project, 'src/users/lib/util.mjs'), 'export const x = 2;\n');
    writeFileSync(join(project, 'src/orders/app.py'), 'def handler(e, c):\n    return 2\n');
    const second = await nested;
    assert.deepEqual(second.functions.sort(), ['OrdersFunction', 'UsersFunction']);
    assert.deepEqual(errors, []);
  });

  it('ignores build output and editor leftovers; names layers apart; follows template edits', async () => {
    writeFileSync(join(project, '.aws-sam/build/UsersFunction/app.mjs'), 'built');
    writeFileSync(join(project, 'src/users/.app.mjs.swp'), 'x');
    writeFileSync(join(project, 'src/users/app.mjs~'), 'x');
    await new Promise((done) => setTimeout(done, 500));
    await watcher.idle();
    assert.deepEqual(changes, [], 'nothing a person edited');

    const layer = nextChange(changes);
    writeFileSync(join(project, 'layers/shared/util.py'), 'X = 1\n');
    assert.deepEqual(await layer, { functions: [], layers: ['SharedLayer'], template: false });

    // The template moves OrdersFunction's code: the new folder is watched, the old one no longer.
    mkdirSync(join(project, 'src/orders2'));
    writeFileSync(join(project, 'src/orders2/app.py'), 'def handler(e, c):\n    return 3\n');
    const edited = nextChange(changes);
    writeFileSync(join(project, 'template.yaml'), TEMPLATE.replace('src/orders/', 'src/orders2/'));
    assert.deepEqual(await edited, { functions: [], layers: [], template: true });
    assert.ok(watcher.watchedFolders.includes(join(project, 'src/orders2')));
    const moved = nextChange(changes);
    writeFileSync(join(project, 'src/orders2/app.py'), 'def handler(e, c):\n    return 4\n');
    assert.deepEqual(await moved, { functions: ['OrdersFunction'], layers: [], template: false });
  });

  it('waits for a slow handler: changes during it come as the next change, never overlapping', async () => {
    watcher.close();
    let active = 0;
    let overlapped = false;
    const seen: string[][] = [];
    watcher = new CodeWatcher({
      templatePath: join(project, 'template.yaml'),
      onChange: async (change) => {
        active++;
        overlapped ||= active > 1;
        seen.push(change.functions);
        await new Promise((done) => setTimeout(done, 600));
        active--;
      },
      onError: (message) => errors.push(message),
      settleMs: 50,
    });
    await watcher.start();
    writeFileSync(join(project, 'src/users/app.mjs'), 'export const handler = async () => 5;\n');
    while (seen.length === 0) await new Promise((done) => setTimeout(done, 10));
    writeFileSync(join(project, 'src/orders/app.py'), 'def handler(e, c):\n    return 5\n');
    while (seen.length < 2) await new Promise((done) => setTimeout(done, 10));
    await watcher.idle();
    assert.deepEqual(seen, [['UsersFunction'], ['OrdersFunction']]);
    assert.equal(overlapped, false);
  });
});
