import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { summarizeTemplate, type FunctionSummary } from '../../core/template/summarizeTemplate';
import type { WorkbenchConfiguration } from '../../platform/configuration';

/** A template file found in the workspace, with the functions it declares. */
export interface ScannedTemplate {
  uri: vscode.Uri;
  /** Workspace-relative path, for display. */
  label: string;
  functions: FunctionSummary[];
  syntaxError: { message: string; line: number } | undefined;
}

export interface ScanResult {
  templates: ScannedTemplate[];
  /** Candidate files skipped because they are larger than the configured limit. */
  skippedLarge: string[];
}

const CANDIDATES = '**/*.{yaml,yml,json,template}';
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.aws-sam/**', '**/.git/**', '**/cdk.out/**', '**/.cache/**'];
const MAX_CANDIDATES = 5000;
const READ_CONCURRENCY = 16;

/** Finds SAM/CloudFormation templates by content (not by name) and summarizes each. */
export async function scanWorkspaceTemplates(
  configuration: WorkbenchConfiguration,
  logger: Logger,
  token?: vscode.CancellationToken,
): Promise<ScanResult> {
  const exclude = `{${[...ALWAYS_EXCLUDED, ...configuration.templateExcludeGlobs].join(',')}}`;
  const candidates = await vscode.workspace.findFiles(CANDIDATES, exclude, MAX_CANDIDATES, token);
  const maxBytes = configuration.templateMaxFileSizeKb * 1024;
  const templates: ScannedTemplate[] = [];
  const skippedLarge: string[] = [];
  const queue = [...candidates];
  const worker = async (): Promise<void> => {
    for (let uri = queue.pop(); uri; uri = queue.pop()) {
      if (token?.isCancellationRequested) return;
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > maxBytes) {
          skippedLarge.push(vscode.workspace.asRelativePath(uri));
          continue;
        }
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const summary = summarizeTemplate(text);
        if (summary.kind !== 'template') continue;
        templates.push({
          uri,
          label: vscode.workspace.asRelativePath(uri),
          functions: summary.functions,
          syntaxError: summary.syntaxError && {
            message: summary.syntaxError.message,
            line: summary.syntaxError.position.line,
          },
        });
      } catch (error) {
        // One unreadable file must not hide the others.
        logger.warn(`Could not read ${uri.toString()}: ${String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  templates.sort((a, b) => a.label.localeCompare(b.label));
  if (skippedLarge.length > 0) {
    logger.info(
      `Skipped ${skippedLarge.length} file(s) over ${configuration.templateMaxFileSizeKb} KB: ${skippedLarge.join(', ')}`,
    );
  }
  return { templates, skippedLarge };
}
