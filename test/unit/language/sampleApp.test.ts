import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeTemplate } from '../../../src/core/template/language/completeTemplate';
import { createDiskFileSystemView } from '../../../src/core/template/language/fileSystemView';
import { findDefinition } from '../../../src/core/template/language/findDefinition';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { validateCodeLocations } from '../../../src/core/template/language/validateCodeLocations';
import { validateTemplate } from '../../../src/core/template/language/validateTemplate';
import { repoRoot } from '../../support/paths';
import { projectSchema } from './languageFixtures';

describe('the hello-sam sample app', () => {
  const folder = join(repoRoot, 'samples', 'hello-sam');
  const text = readFileSync(join(folder, 'template.yaml'), 'utf8');
  const document = TemplateDocument.parse(text, projectSchema());
  const files = createDiskFileSystemView(folder);

  it('has no diagnostics at all, its handlers included', async () => {
    assert.deepEqual(validateTemplate(document), []);
    assert.deepEqual(await validateCodeLocations(document, files), []);
  });

  it('completes handlers from its Node and Python sources', async () => {
    for (const [marker, expected] of [
      ['      CodeUri: src/users/\n      Handler: ', 'app.handler'],
      ['      CodeUri: src/orders/\n      Handler: ', 'app.handler'],
    ] as const) {
      const offset = text.indexOf(marker) + marker.length;
      const result = await completeTemplate({ document, offset, fileSystem: files });
      assert.deepEqual(
        result.items.map((item) => item.label),
        [expected],
      );
    }
  });

  it('goes from each Handler to its function', async () => {
    const users = await findDefinition(document, text.indexOf('app.handler') + 4, files);
    assert.deepEqual(
      users.map((target) => (target.kind === 'file' ? [target.path, target.range.start.line] : target.kind)),
      [['src/users/app.mjs', 3]],
    );
    const orders = await findDefinition(document, text.lastIndexOf('app.handler') + 4, files);
    assert.deepEqual(
      orders.map((target) => (target.kind === 'file' ? [target.path, target.range.start.line] : target.kind)),
      [['src/orders/app.py', 5]],
    );
  });

  it('resolves the SAM references of its outputs', async () => {
    for (const name of ['${ServerlessRestApi}', 'UsersFunction.Alias']) {
      const [target] = await findDefinition(document, text.indexOf(name) + 3);
      assert.equal(target?.kind, 'template', name);
    }
  });
});
