import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { MAX_TEMPLATE_CHARACTERS } from '../../../src/core/template/language/templateTextGuard';
import { validateTemplate } from '../../../src/core/template/language/validateTemplate';
import type { TemplateNode } from '../../../src/core/template/templateTree';
import { generateSamTemplate } from '../../support/generateSamTemplate';
import { corpusDir, corpusManifest } from '../../support/paths';
import { APP_TEMPLATE as APP_TEMPLATE_TEXT } from './languageFixtures';

/** The tree without container ranges (which the parser computes inconsistently at block ends). */
function shape(node: TemplateNode | undefined): unknown {
  if (!node) return null;
  if (node.kind === 'scalar') return [node.value, node.range.start, node.range.end, node.tag ?? ''];
  if (node.kind === 'map')
    return { tag: node.tag ?? '', pairs: node.pairs.map((pair) => [shape(pair.key), shape(pair.value)]) };
  return { tag: node.tag ?? '', items: node.items.map(shape) };
}

function assertSameAsWholeParse(document: TemplateDocument, label: string): void {
  const whole = parseTemplate(document.text);
  assert.deepEqual(shape(document.parsed.root), shape(whole.root), `${label}: tree`);
  assert.deepEqual(document.parsed.root?.range, whole.root?.range, `${label}: root range`);
  const codes = (problems: { code: string; range: { start: number } }[]) =>
    problems.map((problem) => `${problem.code}@${problem.range.start}`).sort();
  assert.deepEqual(codes(document.parsed.problems), codes(whole.problems), `${label}: problems`);
}

describe('TemplateDocument', () => {
  it('parses block by block into the same tree as a whole-document parse, for every YAML corpus template', () => {
    let split = 0;
    for (const entry of corpusManifest().values()) {
      const document = TemplateDocument.parse(readFileSync(join(corpusDir, entry.file), 'utf8'));
      if (document.statistics.wholeDocument) continue;
      split++;
      assertSameAsWholeParse(document, entry.file);
    }
    assert.ok(split >= 60, `only ${split} corpus templates were split into blocks`);
  });

  it('re-parses only the block an edit touches, and the result matches a whole parse', () => {
    const text = generateSamTemplate({ lines: 1000 });
    const document = TemplateDocument.parse(text);
    assert.equal(document.statistics.wholeDocument, false);
    const blocks = document.statistics.parsedBlocks;
    assert.ok(blocks > 50);
    const at = text.indexOf('VisibilityTimeout: 60', text.length / 2) + 'VisibilityTimeout: '.length;
    const edited = document.update(`${text.slice(0, at)}9${text.slice(at + 1)}`);
    assert.equal(edited.statistics.parsedBlocks, 1);
    assert.equal(edited.statistics.reusedBlocks, blocks - 1);
    assertSameAsWholeParse(edited, 'one-character edit');
    // The previous snapshot is untouched.
    assertSameAsWholeParse(document, 'previous snapshot');
  });

  it('gives the same snapshot after any edit as a fresh parse of the new text (seeded random edits)', function () {
    // 180 edits, each checked against a fresh parse: about 5 s of CPU, 25 s on a machine shared by busy test runs.
    this.timeout(120_000);
    let seed = 42;
    const random = (limit: number) => {
      // A small linear congruential generator: the same edits on every run.
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % limit;
    };
    const alphabet = ['a', ' ', '\n', ':', '-', '!', '"', '[', '#', '  ', ',', '{', '}'];
    const json = readFileSync(
      join(
        corpusDir,
        [...corpusManifest().keys()].find((file) => file.endsWith('.json'))!,
      ),
      'utf8',
    );
    const sources = [
      APP_TEMPLATE_TEXT,
      generateSamTemplate({ lines: 300 }),
      json.slice(0, 6000) + json.slice(6000).replace(/\s+$/, ''),
    ];
    for (const source of sources) {
      let document = TemplateDocument.parse(source);
      for (let edit = 0; edit < 60; edit++) {
        const text = document.text;
        const at = random(text.length + 1);
        const next =
          random(3) === 0
            ? text.slice(0, at) + text.slice(at + 1 + random(3))
            : text.slice(0, at) + alphabet[random(alphabet.length)]! + text.slice(at);
        document = document.update(next);
        const fresh = TemplateDocument.parse(next);
        assert.deepEqual(shape(document.parsed.root), shape(fresh.parsed.root), `edit ${edit} at ${at}`);
        assert.deepEqual(document.parsed.problems, fresh.parsed.problems, `edit ${edit} at ${at}`);
      }
    }
  });

  it('follows edits that add, merge and break blocks', () => {
    const base = [
      'Parameters:',
      '  Stage:',
      '    Type: String',
      'Resources:',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      'Outputs:',
      '  QueueArn:',
      '    Value: !GetAtt Queue.Arn',
      '',
    ].join('\n');
    let document = TemplateDocument.parse(base);
    const edits: [string, string][] = [
      ['  Topic:', '  Table:\n    Type: AWS::DynamoDB::Table\n  Topic:'],
      ['Outputs:', '  Outputs:'],
      ['  Outputs:', 'Outputs:'],
      ['    Type: AWS::SNS::Topic', '    Type: AWS::SNS::Topic\n      Bad: [unclosed'],
      ['      Bad: [unclosed\n', ''],
      ['Parameters:\n  Stage:\n    Type: String\n', ''],
      ['  Queue:', '  Queue:\n    Type: AWS::SQS::Queue'],
    ];
    for (const [from, to] of edits) {
      const next = document.text.replace(from, to);
      assert.notEqual(next, document.text, `edit ${from} applies`);
      document = document.update(next);
      if (to.includes('[unclosed')) {
        // The whole-document parse loses everything after the bracket; the block parse keeps the other blocks.
        assert.ok(document.parsed.problems.some((problem) => problem.range.start >= next.indexOf('[unclosed')));
        assert.equal(document.symbols.outputs.has('QueueArn'), true);
      } else assertSameAsWholeParse(document, `after replacing ${JSON.stringify(from)}`);
    }
    assert.ok(
      document.parsed.problems.some((problem) => problem.code === 'DUPLICATE_KEY'),
      'the repeated Type key is reported',
    );
  });

  it('reports duplicate logical IDs found in different blocks', () => {
    const document = TemplateDocument.parse(
      'Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SQS::Queue\n',
    );
    const duplicate = validateTemplate(document).find((diagnostic) => diagnostic.code === 'duplicate-key');
    assert.ok(duplicate);
    assert.equal(document.text.slice(duplicate.range.start, duplicate.range.end), 'A');
    assert.equal(duplicate.range.start, document.text.lastIndexOf('  A:') + 2);
  });

  it('splits JSON templates into members, and edits re-parse one member', () => {
    const text = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Parameters: { Stage: { Type: 'String', Default: 'dev' } },
        Resources: {
          Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } },
          Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': '${Stage}-topic' } } },
        },
        Outputs: { QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
      },
      null,
      2,
    );
    const document = TemplateDocument.parse(text);
    assert.equal(document.statistics.wholeDocument, false);
    assertSameAsWholeParse(document, 'json');
    const edited = document.update(text.replace('"VisibilityTimeout": 60', '"VisibilityTimeout": 61'));
    assert.equal(edited.statistics.parsedBlocks, 1);
    assertSameAsWholeParse(edited, 'json edit');
    const grown = edited.update(
      edited.text.replace('"Resources": {', '"Resources": {\n    "Table": { "Type": "AWS::DynamoDB::Table" },'),
    );
    assertSameAsWholeParse(grown, 'json member added');
    assert.equal(grown.symbols.resources.get('Table')?.type, 'AWS::DynamoDB::Table');
    const outputs =
      grown.parsed.root?.kind === 'map'
        ? grown.parsed.root.pairs.find((pair) => pair.key.value === 'Outputs')
        : undefined;
    assert.equal(grown.text.slice(outputs!.value!.range.start, outputs!.value!.range.end)[0], '{');
  });

  it('parses irregular JSON, anchors and directives as one document', () => {
    const trailingComma = TemplateDocument.parse('{ "Resources": { "Q": { "Type": "AWS::SQS::Queue" }, } }');
    assertSameAsWholeParse(trailingComma, 'a trailing comma keeps its section whole');
    for (const text of [
      '{ "Resources": { "Q": { "Type": "AWS::SQS::Queue" } } } // trailing comment',
      'Resources:\n  Q: &queue\n    Type: AWS::SQS::Queue\n  R: *queue\n',
      '%YAML 1.2\n---\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n',
    ]) {
      const document = TemplateDocument.parse(text);
      assert.equal(document.statistics.wholeDocument, true, text);
      assert.equal(document.symbols.resources.get('Q')?.type, 'AWS::SQS::Queue');
      const updated = document.update(text.replace('Queue', 'Queue '));
      assert.equal(updated.statistics.wholeDocument, true);
    }
  });

  it('keeps the rest of the template usable when one block has an unterminated string', () => {
    const text =
      'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: "unterminated\n  B:\n    Type: AWS::SQS::Queue\n';
    const document = TemplateDocument.parse(text);
    const syntax = validateTemplate(document).filter((diagnostic) => diagnostic.code === 'syntax');
    assert.ok(syntax.length > 0);
    assert.ok(syntax.every((diagnostic) => diagnostic.range.start >= text.indexOf('"unterminated')));
    assert.equal(document.symbols.resources.get('B')?.type, 'AWS::SQS::Queue');
  });

  it('refuses binary, enormous and absurdly nested input with one clear diagnostic', () => {
    const cases: [string, string][] = [
      ['binary', `Resources:\0\x01\x02${'\x03'.repeat(100)}`],
      ['too-large', `Resources:\n${'  # padding\n'.repeat(Math.ceil(MAX_TEMPLATE_CHARACTERS / 12) + 1)}`],
      ['too-deep', `Resources: ${'['.repeat(10_000)}`],
    ];
    for (const [code, text] of cases) {
      const diagnostics = validateTemplate(TemplateDocument.parse(text));
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.code),
        [code],
      );
      assert.match(diagnostics[0]!.message, /\w/);
    }
  });

  it('survives deeply nested block mappings and alias bombs', () => {
    const nested = Array.from({ length: 3000 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`).join('\n');
    const deep = TemplateDocument.parse(`Resources:\n${nested.replace(/^/gm, ' ')}\n`);
    assert.doesNotThrow(() => validateTemplate(deep));
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) {
      lines.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`,
      );
    }
    const bomb = validateTemplate(TemplateDocument.parse(lines.join('\n')));
    assert.ok(bomb.some((diagnostic) => diagnostic.code === 'alias-bomb'));
  });
});
