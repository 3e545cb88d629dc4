// Transformed-template documents are addressed as `serverless-workbench-transformed:/dir/template.transformed.yaml`
// with the template's own URI as the query: the tab shows a readable name, the extension says the format, and the
// query says which template (saved or not) to transform.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { TemplateTextFormat } from '../../core/sam/transformedTemplate';

/** The scheme of the read-only transformed-template documents. */
export const TRANSFORMED_TEMPLATE_SCHEME = 'serverless-workbench-transformed';

/** The document that shows `source` transformed, written as `format`. */
export function transformedUri(source: vscode.Uri, format: TemplateTextFormat): vscode.Uri {
  const stem = basename(source.path).replace(/\.(ya?ml|json|template)$/i, '');
  const path = `${dirname(source.path)}/${stem}.transformed.${format}`.replace(/^\/\//, '/');
  return vscode.Uri.from({ scheme: TRANSFORMED_TEMPLATE_SCHEME, path, query: source.toString() });
}

/** The template a transformed-template document shows. */
export function sourceOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(uri.query, true);
}

/** The format a transformed-template document is written in. */
export function formatOf(uri: vscode.Uri): TemplateTextFormat {
  return uri.path.endsWith('.json') ? 'json' : 'yaml';
}
