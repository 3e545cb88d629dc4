// Reading and writing whole templates as plain JSON (intrinsics in long form), for packaging and deploying.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { stringify } from 'yaml';
import { WorkbenchError } from '../errors';
import { LineIndex } from '../template/lineIndex';
import { templateTextToJson, type JsonObject } from '../template/templateJson';

/** A template file's content as plain JSON, and the format it was written in. */
export interface TemplateDocument {
  path: string;
  format: 'yaml' | 'json';
  text: string;
  template: JsonObject;
}

/** Reads and parses a template file; syntax errors become a WorkbenchError naming the file and line. */
export async function readTemplateFile(path: string): Promise<TemplateDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw WorkbenchError.chain(error, `Cannot read the template ${path}`, {
      code: 'TemplateNotFound',
      hint: 'Pass the template with -t/--template-file.',
    });
  }
  return parseTemplateText(text, path);
}

/** Parses template text (YAML or JSON) into plain JSON. */
export function parseTemplateText(text: string, path: string): TemplateDocument {
  const { json, problems } = templateTextToJson(text);
  const error = problems.find((problem) => problem.severity === 'error');
  if (error || json === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) {
    const line = error ? `:${new LineIndex(text).positionAt(error.range.start).line + 1}` : '';
    throw new WorkbenchError(`${path}${line}: ${error?.message ?? 'the template is not a YAML or JSON object'}`, {
      code: 'InvalidTemplate',
      hint: 'Fix the template syntax (the editor shows the problem at that line).',
    });
  }
  return { path, format: /^\s*[{[]/.test(text) ? 'json' : 'yaml', text, template: json };
}

/** Writes a template as YAML (YAML 1.1 quoting, which CloudFormation reads) or as indented JSON. */
export function serializeTemplate(template: JsonObject, format: 'yaml' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  return stringify(template, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

/** The first line of a built template, naming the template it was built from (relative to the build folder). */
export const BUILT_FROM_PREFIX = '# Built by serverless-workbench build from ';

/**
 * The template a person edits for a given template file: the source of a built template (named on its first line),
 * else the file itself. Deploy failures point there.
 */
export function sourceTemplateOf(templatePath: string, text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  if (!firstLine.startsWith(BUILT_FROM_PREFIX)) return templatePath;
  return resolve(dirname(templatePath), firstLine.slice(BUILT_FROM_PREFIX.length).trim());
}
