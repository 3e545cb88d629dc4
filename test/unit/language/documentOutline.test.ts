import { strict as assert } from 'node:assert';
import { documentOutline, foldingRegions } from '../../../src/core/template/language/documentOutline';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { APP_TEMPLATE } from './languageFixtures';

describe('document outline and folding', () => {
  const document = TemplateDocument.parse(APP_TEMPLATE);

  it('outlines sections with their entries, resources with their types', () => {
    const outline = documentOutline(document);
    assert.deepEqual(
      outline.map((symbol) => symbol.name),
      [
        'AWSTemplateFormatVersion',
        'Transform',
        'Parameters',
        'Conditions',
        'Mappings',
        'Globals',
        'Resources',
        'Outputs',
      ],
    );
    const resources = outline.find((symbol) => symbol.name === 'Resources')!;
    assert.deepEqual(
      resources.children.map((child) => [child.name, child.kind, child.detail]),
      [
        ['UsersFunction', 'resource', 'AWS::Serverless::Function'],
        ['OrdersQueue', 'resource', 'AWS::SQS::Queue'],
      ],
    );
    const queue = resources.children[1]!;
    assert.equal(APP_TEMPLATE.slice(queue.selectionRange.start, queue.selectionRange.end), 'OrdersQueue');
    assert.ok(APP_TEMPLATE.slice(queue.range.start, queue.range.end).trimEnd().endsWith('VisibilityTimeout: 60'));
    assert.equal(outline.find((symbol) => symbol.name === 'Parameters')?.children[0]?.detail, 'String');
    assert.equal(outline[0]?.detail, '2010-09-09');
  });

  it('folds every multi-line entry and comment runs, from the key line to the last line of the value', () => {
    const text = `# first comment\n# second comment\n${APP_TEMPLATE}`;
    const regions = foldingRegions(TemplateDocument.parse(text));
    const lines = text.split('\n');
    const region = (key: string) => regions.find((candidate) => lines[candidate.startLine]?.trim() === key);
    const queue = region('OrdersQueue:');
    assert.ok(queue);
    assert.equal(lines[queue.endLine]?.trim(), 'VisibilityTimeout: 60');
    assert.deepEqual(
      regions.find((candidate) => candidate.kind === 'comment'),
      { startLine: 0, endLine: 1, kind: 'comment' },
    );
    assert.ok(regions.every((candidate) => candidate.endLine > candidate.startLine));
    assert.equal(region("AWSTemplateFormatVersion: '2010-09-09'"), undefined);
  });
});
