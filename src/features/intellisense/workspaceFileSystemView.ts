import * as vscode from 'vscode';
import type { DirectoryEntry, FileSystemView } from '../../core/template/language/fileSystemView';

// Source files beyond a few megabytes are generated bundles: not worth scanning for exports (as on disk).
const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/** The URI of a template-relative path (`src/users/app.mjs`) next to the template at `templateUri`. */
export function resolveBesideTemplate(templateUri: vscode.Uri, path: string): vscode.Uri {
  const folder = vscode.Uri.joinPath(templateUri, '..');
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  return segments.length === 0 ? folder : vscode.Uri.joinPath(folder, ...segments);
}

/**
 * The files beside a template, read through the workspace file system (so remote and virtual workspaces work
 * as local ones do). Answers undefined for anything missing or unreadable, never rejects.
 */
export function createWorkspaceFileSystemView(templateUri: vscode.Uri): FileSystemView {
  const fs = vscode.workspace.fs;
  return {
    async stat(path) {
      try {
        const info = await fs.stat(resolveBesideTemplate(templateUri, path));
        if (info.type & vscode.FileType.Directory) return 'directory';
        return info.type & vscode.FileType.File ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    async readFile(path) {
      try {
        const uri = resolveBesideTemplate(templateUri, path);
        const info = await fs.stat(uri);
        if (!(info.type & vscode.FileType.File) || info.size > MAX_SOURCE_BYTES) return undefined;
        return new TextDecoder().decode(await fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
    async readDirectory(path) {
      try {
        const entries = await fs.readDirectory(resolveBesideTemplate(templateUri, path));
        return entries.flatMap(([name, type]): DirectoryEntry[] =>
          type & vscode.FileType.Directory
            ? [{ name, kind: 'directory' }]
            : type & vscode.FileType.File
              ? [{ name, kind: 'file' }]
              : [],
        );
      } catch {
        return undefined;
      }
    },
  };
}
