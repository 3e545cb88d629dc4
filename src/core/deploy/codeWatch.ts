// What `sync --code --watch` (as `sam sync --code --watch`) watches: each function's and layer's code folder and
// the template. Changes are gathered for a moment (an editor's save or a `git checkout` touches many files), then
// reported as the functions they belong to; reports never overlap: changes during one wait for the next.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { describeError } from '../errors';
import type { JsonObject } from '../template/templateJson';
import { listBuildTargets } from './build/buildTargets';
import { parseTemplateText } from './templateFile';

/** What changed since the last report. */
export interface CodeChange {
  /** Functions whose code folder changed (logical IDs). */
  functions: string[];
  /** Layers whose content folder changed (published by a layer sync, or deployed). */
  layers: string[];
  /** The template itself changed (the watched folders are read again before the next report). */
  template: boolean;
}

export interface CodeWatchOptions {
  templatePath: string;
  /** Handles one batch of changes; the next batch waits for it. */
  onChange: (change: CodeChange) => Promise<void>;
  /** A watch could not be set up or a handler failed: the watch goes on. */
  onError: (message: string) => void;
  /** How long changes are gathered before a report (ms). */
  settleMs?: number;
}

/** Paths that change because of a build or tooling, never because someone edited code. */
const IGNORED_SEGMENTS = [`${sep}.aws-sam${sep}`, `${sep}.git${sep}`];
const EDITOR_LEFTOVERS = /(~|\.swp|\.swx|\.tmp|#)$|^\.#/;

/** A function's or layer's code folder. */
export interface WatchedCode {
  logicalId: string;
  kind: 'function' | 'layer';
  sourceDirectory: string;
}

export class CodeWatcher {
  private targets: WatchedCode[] = [];
  private watchers: FSWatcher[] = [];
  private readonly pending = new Set<string>();
  private templateChanged = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly templatePath: string;

  constructor(private readonly options: CodeWatchOptions) {
    this.templatePath = resolve(options.templatePath);
  }

  /** The folders watched now (function and layer code folders, and the template's folder). */
  get watchedFolders(): string[] {
    return [dirname(this.templatePath), ...new Set(this.targets.map((target) => target.sourceDirectory))];
  }

  /** Reads the template and starts watching its code folders. */
  async start(): Promise<void> {
    await this.rewatch();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }

  /** Resolves when the changes seen so far have been handled (for tests and a clean exit). */
  async idle(): Promise<void> {
    while (this.running || this.timer) await (this.running ?? new Promise((done) => setTimeout(done, 20)));
  }

  private async rewatch(): Promise<void> {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    const text = await readFile(this.templatePath, 'utf8');
    this.targets = watchedCode(parseTemplateText(text, this.templatePath).template, dirname(this.templatePath));
    const templateName = basename(this.templatePath);
    // The template's folder without recursion: editors save by renaming, which a watch on the file itself misses.
    this.add(dirname(this.templatePath), false, (name) => {
      if (name === templateName) this.record(undefined);
    });
    const folders = [...new Set(this.targets.map((target) => target.sourceDirectory))];
    for (const folder of folders) this.add(folder, true, (name) => this.record(join(folder, name)));
  }

  private add(folder: string, recursive: boolean, onName: (name: string) => void): void {
    try {
      const watcher = watch(folder, { recursive }, (_event, name) => {
        if (name !== null) onName(name.toString());
      });
      watcher.on('error', (error) => this.options.onError(`Watching ${folder}: ${describeError(error)}`));
      this.watchers.push(watcher);
    } catch (error) {
      this.options.onError(`Cannot watch ${folder}: ${describeError(error)}`);
    }
  }

  /** A changed file (undefined: the template). */
  private record(file: string | undefined): void {
    if (this.closed) return;
    if (file === undefined || file === this.templatePath) this.templateChanged = true;
    else if (IGNORED_SEGMENTS.some((segment) => `${file}${sep}`.includes(segment))) return;
    else if (EDITOR_LEFTOVERS.test(basename(file))) return;
    else this.pending.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.settleMs ?? 200);
  }

  private async flush(): Promise<void> {
    if (this.running) {
      // A report is being handled: this batch goes after it.
      await this.running;
      if (this.timer || this.closed) return;
    }
    const files = [...this.pending];
    const template = this.templateChanged;
    this.pending.clear();
    this.templateChanged = false;
    if (files.length === 0 && !template) return;
    const run = async (): Promise<void> => {
      try {
        if (template) await this.rewatch();
        const touched = (target: WatchedCode) =>
          files.some((file) => file === target.sourceDirectory || file.startsWith(target.sourceDirectory + sep));
        const change: CodeChange = {
          functions: this.targets.filter((t) => t.kind === 'function' && touched(t)).map((t) => t.logicalId),
          layers: this.targets.filter((t) => t.kind === 'layer' && touched(t)).map((t) => t.logicalId),
          template,
        };
        if (change.functions.length || change.layers.length || change.template) await this.options.onChange(change);
      } catch (error) {
        this.options.onError(describeError(error));
      }
    };
    this.running = run().finally(() => (this.running = undefined));
    await this.running;
    // Changes that came in while this one ran.
    if ((this.pending.size > 0 || this.templateChanged) && !this.timer && !this.closed) void this.flush();
  }
}

/** The built functions and layers, and the layers a deploy zips as they are (no BuildMethod, so build skips them). */
export function watchedCode(template: JsonObject, templateDirectory: string): WatchedCode[] {
  const built: WatchedCode[] = listBuildTargets(template, templateDirectory).targets;
  const resources = (template['Resources'] ?? {}) as Record<string, { Type?: unknown; Properties?: JsonObject }>;
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (built.some((target) => target.logicalId === logicalId)) continue;
    const properties = resource?.Properties ?? {};
    const content =
      resource?.Type === 'AWS::Serverless::LayerVersion'
        ? properties['ContentUri']
        : resource?.Type === 'AWS::Lambda::LayerVersion'
          ? properties['Content']
          : undefined;
    if (typeof content === 'string' && !/^s3:\/\//.test(content))
      built.push({ logicalId, kind: 'layer', sourceDirectory: resolve(templateDirectory, content) });
  }
  return built;
}
