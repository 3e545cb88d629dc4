// `serverless-workbench lint FILE...`: the editor's template diagnostics for CI pipelines and pre-commit hooks.
// Human-readable lines by default, `--format json` for tools; exit code 1 when any error is found.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { WorkbenchError } from '../core/errors';
import { isTemplateText } from '../core/template/isTemplateText';
import type { LinePosition } from '../core/template/lineIndex';
import { createDiskFileSystemView } from '../core/template/language/fileSystemView';
import { TemplateDocument } from '../core/template/language/templateDocument';
import { validateCodeLocations } from '../core/template/language/validateCodeLocations';
import { sortDiagnostics, validateTemplate } from '../core/template/language/validateTemplate';
import { loadTemplateSchema } from '../core/template/schema/loadTemplateSchema';
import type { TemplateSchema } from '../core/template/schema/templateSchema';
import type { DiagnosticSeverity } from '../core/template/templateDiagnostic';

const HELP = `Usage:
  serverless-workbench lint FILE... [--format text|json] [--no-code-checks]

Checks CloudFormation and SAM templates: syntax, duplicate keys, the schema (unknown or missing properties, wrong
types, values not allowed, deprecated runtimes), unresolved Ref/GetAtt/\${}/conditions/mappings, invalid
attributes, circular DependsOn, unused parameters, and (for Node.js and Python functions) missing CodeUri folders,
handler files and handler exports. SAM templates also run through the SAM transform: each error AWS's translator
would raise (code sam-transform, AWS's words) is reported at the line of the property that causes it. Files that
are not templates are skipped.

Exits 0 when no error is found (warnings allowed), 1 when any error is found, 2 on bad arguments or unreadable files.

  --format text|json     text (default): "file:line:column: severity code: message" per problem;
                         json: [{ file, range: { start: { line, character }, end }, severity, code, message }]
                         with zero-based lines and characters, as editors count them
  --no-code-checks       Do not look at the files CodeUri and Handler point to
`;

/** One problem as `--format json` prints it. */
export interface LintResult {
  file: string;
  range: { start: LinePosition; end: LinePosition };
  severity: DiagnosticSeverity;
  code: string;
  message: string;
}

interface LintArguments {
  files: string[];
  format: 'text' | 'json';
  codeChecks: boolean;
  help: boolean;
}

function parseArguments(args: string[]): LintArguments {
  const parsed: LintArguments = { files: [], format: 'text', codeChecks: true, help: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-h' || arg === '--help') parsed.help = true;
    else if (arg === '--no-code-checks') parsed.codeChecks = false;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++index];
      if (value !== 'text' && value !== 'json' && value !== 'human') {
        throw new WorkbenchError(`Unknown format "${value ?? ''}".`, {
          code: 'BadArguments',
          hint: 'Use --format text or --format json.',
        });
      }
      parsed.format = value === 'json' ? 'json' : 'text';
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new WorkbenchError(`Unknown option "${arg}".`, {
        code: 'BadArguments',
        hint: 'See serverless-workbench lint --help.',
      });
    } else parsed.files.push(arg);
  }
  return parsed;
}

let schema: TemplateSchema | undefined;

/** Lints one template's text; `directory` is where CodeUri paths start (undefined to skip code checks). */
export async function lintTemplateText(text: string, directory: string | undefined): Promise<LintResult[] | undefined> {
  if (!isTemplateText(text)) return undefined;
  // One schema index for all the files of a run: it parses its JSON on first use.
  schema ??= loadTemplateSchema();
  const document = TemplateDocument.parse(text, schema);
  const diagnostics = validateTemplate(document);
  if (directory !== undefined)
    diagnostics.push(...(await validateCodeLocations(document, createDiskFileSystemView(directory))));
  const lines = document.lines;
  return sortDiagnostics(diagnostics).map((diagnostic) => ({
    file: '',
    range: { start: lines.positionAt(diagnostic.range.start), end: lines.positionAt(diagnostic.range.end) },
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  }));
}

const lintCommand: CliCommand = async (args) => {
  const parsed = parseArguments(args);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.files.length === 0) {
    process.stderr.write(`serverless-workbench lint: no file given.\n\n${HELP}`);
    return 2;
  }
  const results: LintResult[] = [];
  let unreadable = false;
  let linted = 0;
  for (const file of parsed.files) {
    const path = resolve(file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      process.stderr.write(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).\n`);
      unreadable = true;
      continue;
    }
    const fileResults = await lintTemplateText(text, parsed.codeChecks ? dirname(path) : undefined);
    if (!fileResults) {
      if (parsed.format === 'text') process.stderr.write(`${file}: not a CloudFormation or SAM template; skipped.\n`);
      continue;
    }
    linted++;
    const shown = relative(process.cwd(), path) || file;
    results.push(...fileResults.map((result) => ({ ...result, file: shown.startsWith('..') ? path : shown })));
  }
  const errors = results.filter((result) => result.severity === 'error').length;
  if (parsed.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else process.stdout.write(formatText(results, errors, linted));
  if (unreadable) return 2;
  return errors > 0 ? 1 : 0;
};

/** `file:line:column: severity code: message` lines (one-based, as compilers print them) and a summary. */
export function formatText(results: readonly LintResult[], errors: number, files: number): string {
  const lines = results.map(
    (result) =>
      `${result.file}:${result.range.start.line + 1}:${result.range.start.character + 1}: ${result.severity} ${result.code}: ${result.message}`,
  );
  const warnings = results.filter((result) => result.severity === 'warning').length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'template')}.`);
  return `${lines.join('\n')}\n`;
}

export default lintCommand;
