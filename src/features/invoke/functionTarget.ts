import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { WorkbenchError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { readEnvVarsFile } from '../../core/runtime/resolve/envVarsFile';
import {
  resolveTemplate,
  type ResolvedFunction,
  type ResolvedTemplate,
} from '../../core/runtime/resolve/resolveFunctions';
import type { FunctionDefinition } from '../../core/runtime/runtimeTypes';
import { parseTemplate, type ParsedTemplate } from '../../core/template/parseTemplate';
import type { ExplorerFeature } from '../explorer/registerExplorer';

/** A function of a template, as lenses and commands name it: plain data, so it survives command arguments. */
export interface FunctionTarget {
  /** The template's URI (`file:` only: local runs need files on disk). */
  templateUri: string;
  logicalId: string;
}

/** A target resolved as `sam local invoke` would: its definition (or why it cannot run) and its template. */
export interface ResolvedTarget {
  target: FunctionTarget;
  templatePath: string;
  /** Workspace-relative, for display. */
  templateLabel: string;
  template: ResolvedTemplate;
  parsed: ParsedTemplate;
  entry: ResolvedFunction;
}

/** Checks a command argument. */
export function isFunctionTarget(value: unknown): value is FunctionTarget {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['templateUri'] === 'string' && typeof record['logicalId'] === 'string';
}

/** A stable key for per-function state (panels, the last event). */
export function targetKey(target: FunctionTarget): string {
  return `${target.templateUri}#${target.logicalId}`;
}

/** The target given to a command, or one the person picks from the workspace's templates. */
export async function targetOrPick(value: unknown, explorer: ExplorerFeature, action: string): Promise<FunctionTarget> {
  if (isFunctionTarget(value)) return value;
  const { templates } = await explorer.scan();
  const items = templates
    .filter((template) => template.uri.scheme === 'file')
    .flatMap((template) =>
      template.functions.map((fn) => ({
        label: fn.logicalId,
        description: [fn.runtime, fn.handler].filter(Boolean).join(' · '),
        detail: template.label,
        target: { templateUri: template.uri.toString(), logicalId: fn.logicalId },
      })),
    );
  if (items.length === 0) {
    throw new WorkbenchError('No functions found in this workspace.', {
      code: 'NoFunctions',
      hint: 'Open a folder with a SAM template that declares an AWS::Serverless::Function.',
    });
  }
  const picked = await vscode.window.showQuickPick(items, { title: action, placeHolder: 'Choose a function' });
  if (!picked) throw new vscode.CancellationError();
  return picked.target;
}

/** The text of a template: the editor's (possibly unsaved) buffer when it is open, else undefined (read from disk). */
function openTemplateText(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString())?.getText();
}

/** Resolves a function from its template: parameters, samconfig.toml, and an env.json beside the template. */
export function resolveTarget(target: FunctionTarget, logger: Logger): ResolvedTarget {
  const uri = vscode.Uri.parse(target.templateUri);
  if (uri.scheme !== 'file') {
    throw new WorkbenchError(`${target.logicalId} is in ${uri.toString()}, which is not on this machine's disk.`, {
      code: 'NotLocal',
      hint: 'Local runs need the template and code in a folder on disk.',
    });
  }
  const templatePath = uri.fsPath;
  const text = openTemplateText(uri);
  const envFile = join(dirname(templatePath), 'env.json');
  const template = resolveTemplate({
    templatePath,
    ...(text !== undefined ? { templateText: text } : {}),
    ...(existsSync(envFile) ? { envVars: readEnvVarsFile(envFile) } : {}),
    logger,
  });
  const entry = template.functions.find((candidate) => candidate.logicalId === target.logicalId);
  if (!entry) {
    throw new WorkbenchError(`${basename(templatePath)} has no function named ${target.logicalId}.`, {
      code: 'FunctionNotFound',
      hint: `Functions in it: ${template.functions.map((candidate) => candidate.logicalId).join(', ') || 'none'}.`,
    });
  }
  // Events are generated from the same text the definition came from.
  const parsed = parseTemplate(text ?? readFileSync(templatePath, 'utf8'));
  return { target, templatePath, templateLabel: vscode.workspace.asRelativePath(uri), template, parsed, entry };
}

/** The definition of a resolved target, or its resolution error (a WorkbenchError with a hint). */
export function runnableDefinition(resolved: ResolvedTarget): FunctionDefinition {
  if (resolved.entry.definition) return resolved.entry.definition;
  throw resolved.entry.error ?? new WorkbenchError(`${resolved.target.logicalId} cannot run locally.`);
}
