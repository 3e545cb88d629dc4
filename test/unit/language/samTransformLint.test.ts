import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplateText } from '../../../src/cli/lintCommand';
import type { Logger } from '../../../src/core/logger';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { SamTransformCache, validateSamTransform } from '../../../src/core/template/language/validateSamTransform';
import { isSamTransformRunReady } from '../../../src/core/template/language/samTransformRun';
import { validateTemplate } from '../../../src/core/template/language/validateTemplate';
import type { TemplateDiagnostic } from '../../../src/core/template/templateDiagnostic';
import { corpusDir, corpusManifest, repoRoot, sharedDir } from '../../support/paths';
import { projectSchema } from './languageFixtures';

const SAMPLE = readFileSync(join(repoRoot, 'samples', 'hello-sam', 'template.yaml'), 'utf8');

/** The sample app with `from` replaced by `to` (throws when the sample changed and `from` is gone). */
function sampleWith(from: string, to: string): string {
  assert.ok(SAMPLE.includes(from), `the sample no longer holds ${JSON.stringify(from)}`);
  return SAMPLE.replace(from, to);
}

/** One-based line, code, the text it marks, for readable assertions. */
function describeDiagnostics(document: TemplateDocument, diagnostics: TemplateDiagnostic[]): string[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map(
      (diagnostic) =>
        `${document.lines.positionAt(diagnostic.range.start).line + 1} ${diagnostic.code} ${document.text.slice(diagnostic.range.start, diagnostic.range.end)}`,
    );
}

function lint(text: string): { document: TemplateDocument; errors: string[]; diagnostics: TemplateDiagnostic[] } {
  const document = TemplateDocument.parse(text, projectSchema());
  const diagnostics = validateTemplate(document);
  return { document, errors: describeDiagnostics(document, diagnostics), diagnostics };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = () => undefined;
  return {
    warnings,
    trace: ignore,
    debug: ignore,
    info: ignore,
    warn: (message) => warnings.push(message),
    error: ignore,
  };
}

describe('lint on the SAM transform', () => {
  describe('faults injected into the sample app, at the line of the property that causes them', () => {
    it('the sample itself is clean', () => {
      assert.deepEqual(lint(SAMPLE).errors, []);
    });

    it('DeploymentPreference without AutoPublishAlias', () => {
      const { errors, diagnostics } = lint(sampleWith('      AutoPublishAlias: live\n', ''));
      assert.ok(errors.includes('37 sam-transform DeploymentPreference'), errors.join('\n'));
      assert.ok(
        diagnostics.some((diagnostic) =>
          diagnostic.message.endsWith("'DeploymentPreference' requires AutoPublishAlias property to be specified."),
        ),
      );
    });

    it('an empty AutoPublishAlias, on the value', () => {
      assert.deepEqual(lint(sampleWith('AutoPublishAlias: live', "AutoPublishAlias: ''")).errors, [
        "37 sam-transform ''",
      ]);
    });

    it('a misspelt policy template, on its name', () => {
      const { errors, diagnostics } = lint(sampleWith('- SQSSendMessagePolicy:', '- SQSSendMessagePolicyy:'));
      assert.deepEqual(errors, ['45 sam-transform SQSSendMessagePolicyy']);
      assert.equal(
        diagnostics[0]?.message,
        "Resource with id [UsersFunction] is invalid. Policy at index 0 in the 'Policies' property is not valid",
      );
    });

    it('a policy template AWS documents that the transform lacks is not reported', () => {
      const text = sampleWith(
        '- SQSSendMessagePolicy:\n            QueueName: !GetAtt OrdersQueue.QueueName',
        '- EFSWriteAccessPolicy:\n            FileSystem: fs-1\n            AccessPoint: fsap-1',
      );
      assert.deepEqual(lint(text).errors, []);
    });

    it('an event of a function: a DLQ without Arn or Type, on DeadLetterConfig', () => {
      const text = sampleWith(
        `            Input: '{"summary": true}'\n`,
        `            Input: '{"summary": true}'\n            DeadLetterConfig:\n              QueueLogicalId: Dlq\n`,
      );
      assert.deepEqual(lint(text).errors, ['79 sam-transform DeadLetterConfig']);
    });

    it('the CLI reports it with the code sam-transform at that line', async () => {
      const results = await lintTemplateText(sampleWith('AutoPublishAlias: live', "AutoPublishAlias: ''"), undefined);
      const found = results?.find((result) => result.code === 'sam-transform');
      assert.deepEqual(found?.range.start, { line: 36, character: 24 });
      assert.equal(
        found?.message,
        "Resource with id [UsersFunction] is invalid. 'AutoPublishAlias' cannot be an empty string.",
      );
    });
  });

  describe('one diagnostic per fault', () => {
    it('a fault the schema also finds shows once, with the translator words as related information', () => {
      const text = sampleWith(
        `            Input: '{"summary": true}'\n`,
        `            Input: '{"summary": true}'\n            DeadLetterConfig:\n              Type: SNS\n`,
      );
      const { errors, diagnostics } = lint(text);
      assert.deepEqual(errors, ['80 value-not-allowed SNS']);
      assert.match(
        diagnostics[0]?.related?.[0]?.message ?? '',
        /^AWS SAM: .*The only valid value for 'Type' property of DeadLetterConfig is 'SQS'\.$/,
      );
    });

    it('on the corpus: the same fault once, a different fault at the same property twice', () => {
      const entries = [...corpusManifest().values()];
      const corpusLint = (suffix: string) =>
        lint(readFileSync(join(corpusDir, entries.find((entry) => entry.file.endsWith(suffix))!.file), 'utf8'));
      const stateMachine = corpusLint('error_state_machine_with_invalid_schedule_event.yaml');
      assert.deepEqual(stateMachine.errors, ['17 mutually-exclusive-properties Enabled']);
      assert.match(stateMachine.diagnostics[0]?.related?.[0]?.message ?? '', /State and Enabled Properties cannot/);
      // The schema says ProvisionedConcurrencyConfig excludes CapacityProviderConfig; AWS that it needs an alias.
      assert.deepEqual(corpusLint('error_function_with_validation_rules.yaml').errors, [
        '16 mutually-exclusive-properties ProvisionedConcurrencyConfig',
        '16 sam-transform ProvisionedConcurrencyConfig',
      ]);
    });
  });

  describe('never a false error', () => {
    it('no translator error on any valid SAM template of the corpus, and no internal failure', () => {
      const logger = recordingLogger();
      const checked: string[] = [];
      for (const entry of corpusManifest().values()) {
        if (entry.validity !== 'valid') continue;
        const document = TemplateDocument.parse(readFileSync(join(corpusDir, entry.file), 'utf8'));
        if (!document.symbols.transforms.includes('AWS::Serverless-2016-10-31')) continue;
        checked.push(entry.file);
        const cache = new SamTransformCache();
        assert.deepEqual(
          describeDiagnostics(document, validateSamTransform(document, { logger, cache })),
          [],
          entry.file,
        );
      }
      assert.ok(checked.length >= 40, `${checked.length} valid SAM templates`);
      assert.deepEqual(logger.warnings, []);
    });

    it("no translator error on any of the translator's own valid fixtures; most error fixtures are reported", () => {
      const inputDir = join(sharedDir, 'reference', 'sam-translator', 'input');
      const falseErrors: string[] = [];
      let errorFixtures = 0;
      let reported = 0;
      for (const file of readdirSync(inputDir)) {
        let text = readFileSync(join(inputDir, file), 'utf8');
        // The translator's fixtures often leave out the Transform line that SAM templates carry.
        if (file.endsWith('.json')) {
          if (!text.includes('"Transform"')) text = text.replace('{', '{"Transform": "AWS::Serverless-2016-10-31",');
        } else if (!/^Transform:/m.test(text)) {
          // After the directives (`%YAML 1.1` / `---`) when there are some.
          const body = /^(?:%.*\n)*(?:---\s*\n)?/.exec(text)![0].length;
          text = `${text.slice(0, body)}Transform: AWS::Serverless-2016-10-31\n${text.slice(body)}`;
        }
        const document = TemplateDocument.parse(text);
        const found = validateSamTransform(document, { cache: new SamTransformCache() });
        if (file.startsWith('error_')) {
          errorFixtures++;
          if (found.length > 0) reported++;
        } else if (found.length > 0)
          falseErrors.push(`${file}: ${found.map((diagnostic) => diagnostic.message).join(' | ')}`);
      }
      console.log(`      error fixtures with a translator diagnostic: ${reported}/${errorFixtures}`);
      assert.deepEqual(falseErrors, []);
      assert.ok(errorFixtures >= 190 && reported >= 120, `${reported}/${errorFixtures}`);
    });

    it('an internal failure of the transform shows nothing and is logged once', () => {
      const logger = recordingLogger();
      const cache = new SamTransformCache();
      const transform = () => {
        throw new TypeError("Cannot read properties of undefined (reading 'Type')");
      };
      for (const text of [SAMPLE, `${SAMPLE}\n# edited\n`]) {
        assert.deepEqual(validateSamTransform(TemplateDocument.parse(text), { logger, cache, transform }), []);
      }
      assert.equal(logger.warnings.length, 1);
      assert.match(logger.warnings[0]!, /SAM transform failed internally \(no diagnostic shown\): .*reading 'Type'/);
    });

    it('templates that also run macros, or AWS::LanguageExtensions loops, are left to those', () => {
      const faulty = sampleWith('AutoPublishAlias: live', "AutoPublishAlias: ''");
      const withMacro = faulty.replace(
        'Transform: AWS::Serverless-2016-10-31',
        'Transform: [AWS::Serverless-2016-10-31, MyCompanyMacro]',
      );
      assert.deepEqual(validateSamTransform(TemplateDocument.parse(withMacro), { cache: new SamTransformCache() }), []);
      const withLanguageExtensions = faulty.replace(
        'Transform: AWS::Serverless-2016-10-31',
        'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
      );
      const document = TemplateDocument.parse(withLanguageExtensions);
      assert.equal(validateSamTransform(document, { cache: new SamTransformCache() }).length, 1);
      const looped = TemplateDocument.parse(
        `${withLanguageExtensions}\n# Fn::ForEach::Topics makes resources only AWS::LanguageExtensions knows\n`,
      );
      assert.deepEqual(validateSamTransform(looped, { cache: new SamTransformCache() }), []);
    });
  });

  it('caches by content: the same template is transformed once, whatever its comments and layout', () => {
    const cache = new SamTransformCache(2);
    let runs = 0;
    const transform = () => {
      runs++;
      return {};
    };
    const document = TemplateDocument.parse(SAMPLE);
    const first = validateSamTransform(document, { cache, transform });
    assert.equal(validateSamTransform(document, { cache, transform }), first, 'one snapshot is located once');
    assert.deepEqual(validateSamTransform(TemplateDocument.parse(SAMPLE), { cache, transform }), first);
    validateSamTransform(TemplateDocument.parse(`# a comment\n${SAMPLE}\n\n# another\n`), { cache, transform });
    assert.equal(runs, 1, 'comments and blank lines do not change what SAM sees');
    const runtime = 'Runtime: nodejs22.x';
    validateSamTransform(TemplateDocument.parse(sampleWith(runtime, 'Runtime: nodejs20.x')), { cache, transform });
    validateSamTransform(TemplateDocument.parse(sampleWith(runtime, 'Runtime: nodejs18.x')), { cache, transform });
    assert.equal(runs, 3);
    validateSamTransform(TemplateDocument.parse(SAMPLE), { cache, transform });
    assert.equal(runs, 4, 'the oldest entry left a cache of two');
  });

  it('defers the transform on the keystroke path: the earlier run’s problems, located on the new text', () => {
    const cache = new SamTransformCache();
    const faulty = sampleWith('AutoPublishAlias: live', "AutoPublishAlias: ''");
    const original = TemplateDocument.parse(faulty);
    let document = original;
    const before = validateSamTransform(document, { cache });
    assert.equal(before.length, 1);
    // A line typed above the fault: no transform yet, the problem follows its property to the new line.
    document = document.update(`Metadata: typed\n${faulty}`);
    assert.equal(isSamTransformRunReady(document, cache), false);
    const deferred = validateSamTransform(document, { cache, deferred: true });
    assert.equal(isSamTransformRunReady(document, cache), false, 'nothing was transformed');
    assert.equal(deferred.length, 1);
    assert.equal(deferred[0]!.message, before[0]!.message);
    const line = (at: TemplateDocument, offset: number) => at.lines.positionAt(offset).line;
    assert.equal(line(document, deferred[0]!.range.start), line(original, before[0]!.range.start) + 1);
    // The fault fixed: the deferred pass still shows the earlier problem, the transform pass clears it.
    document = document.update(document.text.replace("AutoPublishAlias: ''", 'AutoPublishAlias: live'));
    assert.equal(validateSamTransform(document, { cache, deferred: true }).length, 1);
    assert.deepEqual(validateSamTransform(document, { cache }), []);
    assert.equal(isSamTransformRunReady(document, cache), true);
  });
});
