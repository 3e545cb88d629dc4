import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { sharedConfigPaths } from '../../core/aws/profileCredentials';
import { parseSharedConfig, type SharedConfig } from '../../core/aws/sharedConfigFiles';
import { Disposable } from '../../platform/disposable';

/**
 * ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), read on first use and
 * again after they change: profiles added in a terminal show up in the picker, edited endpoints apply at once.
 */
export class SharedConfigSource extends Disposable {
  private loaded: Promise<SharedConfig> | undefined;
  private watching = false;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires when either file changes on disk. */
  readonly onDidChange = this.changeEmitter.event;
  readonly paths: { config: string; credentials: string };

  constructor(
    environment: Record<string, string | undefined> = process.env,
    readonly homeDirectory: string = homedir(),
  ) {
    super();
    this.paths = sharedConfigPaths(environment, homeDirectory);
  }

  load(): Promise<SharedConfig> {
    this.watch();
    this.loaded ??= Promise.all([readText(this.paths.config), readText(this.paths.credentials)]).then(
      ([config, credentials]) => parseSharedConfig(config, credentials),
    );
    return this.loaded;
  }

  /** Forgets what was read (the next load reads the files again). */
  invalidate(): void {
    this.loaded = undefined;
  }

  /** Watchers start with the first read, not at activation. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    for (const path of new Set([this.paths.config, this.paths.credentials])) {
      const pattern = new vscode.RelativePattern(vscode.Uri.file(dirname(path)), basename(path));
      const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
      const changed = (): void => {
        this.invalidate();
        this.changeEmitter.fire();
      };
      this._register(watcher.onDidCreate(changed));
      this._register(watcher.onDidChange(changed));
      this._register(watcher.onDidDelete(changed));
    }
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    // A missing file is an empty one: most machines have only one of the two.
    return '';
  }
}
