import { strict as assert } from 'node:assert';
import {
  markdownCode,
  markdownCodeBlock,
  markdownText,
  withoutControlCharacters,
} from '../../../src/core/template/language/markdownText';

describe('template text inside hover Markdown', () => {
  it('escapes what Markdown would read as HTML, links, emphasis or code, and keeps plain prose as it is', () => {
    assert.equal(
      markdownText('Deployment stage, passed to the functions as STAGE.'),
      'Deployment stage, passed to the functions as STAGE.',
    );
    assert.equal(
      markdownText(
        '<img src=x onerror="alert(1)"> [run](command:workbench.action.terminal.new) *b* `c` a_b &amp; |t| ~~s~~',
      ),
      '\\<img src=x onerror="alert(1)"\\> \\[run\\](command:workbench.action.terminal.new) \\*b\\* \\`c\\` a\\_b \\&amp; \\|t\\| \\~\\~s\\~\\~',
    );
    assert.equal(
      markdownText('# Title\n- item\n  + item\n1. first\n2) second\n> quote\n==='),
      '\\# Title\n\\- item\n  \\+ item\n1\\. first\n2\\) second\n\\> quote\n\\===',
    );
  });

  it('drops terminal control sequences and control characters', () => {
    assert.equal(
      withoutControlCharacters(
        '\u001b[31mred\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007 a\u0000b\tc\nd\u009b',
      ),
      'red link ab\tc\nd',
    );
    assert.equal(markdownText('\u001b[1;31m<b>\u001b[0m'), '\\<b\\>');
  });

  it('fences code with more backticks than the text holds, so it cannot close the span or block', () => {
    assert.equal(markdownCode('dev'), '`dev`');
    assert.equal(markdownCode('a ` b'), '``a ` b``');
    assert.equal(markdownCode('`x`'), '`` `x` ``');
    assert.equal(markdownCode('two\nlines'), '`two lines`');
    assert.equal(markdownCodeBlock('x: 1', 'yaml'), '```yaml\nx: 1\n```');
    assert.equal(markdownCodeBlock('a\n```\n<script>', 'yaml'), '````yaml\na\n```\n<script>\n````');
  });
});
