// Saved events live in the workspace as `events/<LogicalId>/<name>.json`, so a team can commit and share them.
// The file system is injected: node:fs on disk here, an adapter over the editor's file system in the extension.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError, describeError } from '../errors';

/** The file operations saved events need. Paths are absolute, joined with node:path. */
export interface SavedEventFileSystem {
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  /** The entry names of a folder; rejects when the folder does not exist. */
  readDirectory(path: string): Promise<string[]>;
  /** Creates the folder and its parents; resolves when it already exists. */
  createDirectory(path: string): Promise<void>;
  deleteFile(path: string): Promise<void>;
}

/** Saved events on the local disk through node:fs. */
export const nodeSavedEventFileSystem: SavedEventFileSystem = {
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  readDirectory: (path) => readdir(path),
  createDirectory: async (path) => {
    await mkdir(path, { recursive: true });
  },
  deleteFile: (path) => rm(path),
};

/** Where the last-used event per function is remembered: the extension passes its workspace state (a Memento). */
export interface LastUsedEventMemory {
  get(key: string): string | undefined;
  update(key: string, value: string | undefined): PromiseLike<void>;
}

/** A memory that lasts as long as the process: for the command line and tests. */
export function createInMemoryLastUsed(): LastUsedEventMemory {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key),
    update: (key, value) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
      return Promise.resolve();
    },
  };
}

/** One saved event file. */
export interface SavedEvent {
  logicalId: string;
  name: string;
  path: string;
}

const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9 ._-]*$/;
const LOGICAL_ID_PATTERN = /^[A-Za-z0-9]+$/;
const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_NAME_LENGTH = 100;

/** A typed name without a trailing `.json` and surrounding spaces. */
export function normalizeEventName(name: string): string {
  return name.trim().replace(/\.json$/i, '');
}

/** Why a name cannot be a saved event's file name, or undefined when it can (for an input box's validation). */
export function validateEventName(name: string): string | undefined {
  const normalized = normalizeEventName(name);
  if (normalized === '') return 'Give the event a name.';
  if (normalized.length > MAX_NAME_LENGTH) return `Keep the name under ${MAX_NAME_LENGTH} characters.`;
  if (!NAME_PATTERN.test(normalized)) {
    return 'Use letters, digits, spaces, dots, dashes and underscores, starting with a letter, digit or underscore.';
  }
  if (normalized.includes('..') || normalized.endsWith('.')) return 'Do not use ".." or end the name with a dot.';
  if (RESERVED_WINDOWS_NAMES.test(normalized.split('.')[0] ?? '')) return `"${normalized}" is reserved on Windows.`;
  return undefined;
}

function checkName(name: string): string {
  const problem = validateEventName(name);
  if (problem)
    throw new WorkbenchError(`"${name}" is not a valid event name.`, { code: 'InvalidEventName', hint: problem });
  return normalizeEventName(name);
}

function checkLogicalId(logicalId: string): string {
  if (!LOGICAL_ID_PATTERN.test(logicalId)) {
    throw new WorkbenchError(`"${logicalId}" is not a CloudFormation logical id.`, {
      code: 'InvalidLogicalId',
      hint: 'Logical ids are letters and digits only.',
    });
  }
  return logicalId;
}

/** Options for a saved event store. */
export interface SavedEventStoreOptions {
  /** The folder that holds `events/` (usually the template's folder). */
  root: string;
  fileSystem?: SavedEventFileSystem;
  lastUsed?: LastUsedEventMemory;
  /** Default `events`. */
  folderName?: string;
}

/** Lists, reads, saves and deletes the saved events of a project's functions, and remembers the last one used. */
export class SavedEventStore {
  private readonly fileSystem: SavedEventFileSystem;
  private readonly lastUsedMemory: LastUsedEventMemory;
  private readonly folder: string;

  constructor(options: SavedEventStoreOptions) {
    this.fileSystem = options.fileSystem ?? nodeSavedEventFileSystem;
    this.lastUsedMemory = options.lastUsed ?? createInMemoryLastUsed();
    this.folder = join(options.root, options.folderName ?? 'events');
  }

  /** The folder of one function's events. */
  functionFolder(logicalId: string): string {
    return join(this.folder, checkLogicalId(logicalId));
  }

  /** Where an event is (or would be) saved. */
  eventPath(logicalId: string, name: string): string {
    return join(this.functionFolder(logicalId), `${checkName(name)}.json`);
  }

  /** The function's saved events, by name; none when the folder does not exist yet. */
  async list(logicalId: string): Promise<SavedEvent[]> {
    const folder = this.functionFolder(logicalId);
    let entries: string[];
    try {
      entries = await this.fileSystem.readDirectory(folder);
    } catch {
      return [];
    }
    return entries
      .filter((entry) => entry.toLowerCase().endsWith('.json') && validateEventName(entry) === undefined)
      .map((entry) => normalizeEventName(entry))
      .sort((left, right) => left.localeCompare(right))
      .map((name) => ({ logicalId, name, path: join(folder, `${name}.json`) }));
  }

  /** The event's text as saved. */
  async readText(logicalId: string, name: string): Promise<string> {
    const path = this.eventPath(logicalId, name);
    try {
      return await this.fileSystem.readFile(path);
    } catch (error) {
      throw new WorkbenchError(`No saved event "${normalizeEventName(name)}" for ${logicalId}.`, {
        code: 'SavedEventNotFound',
        hint: `Expected ${path}. Create it with "New event", or pick another event.`,
        cause: error,
      });
    }
  }

  /** The event, parsed; a WorkbenchError says where the JSON is broken. */
  async read(logicalId: string, name: string): Promise<unknown> {
    const text = await this.readText(logicalId, name);
    return parseEventText(text, this.eventPath(logicalId, name));
  }

  /** Saves an event as pretty JSON, creating the folders; replaces an existing file of that name. */
  async save(logicalId: string, name: string, event: unknown): Promise<SavedEvent> {
    return this.saveText(logicalId, name, `${JSON.stringify(event, null, 2)}\n`);
  }

  /** Saves text as written (keeping the person's formatting) once it parses as JSON. */
  async saveText(logicalId: string, name: string, text: string): Promise<SavedEvent> {
    const path = this.eventPath(logicalId, name);
    parseEventText(text, path);
    await this.fileSystem.createDirectory(this.functionFolder(logicalId));
    await this.fileSystem.writeFile(path, text);
    return { logicalId, name: normalizeEventName(name), path };
  }

  /** Deletes a saved event, forgetting it as the last used one. */
  async delete(logicalId: string, name: string): Promise<void> {
    await this.fileSystem.deleteFile(this.eventPath(logicalId, name));
    if (this.lastUsedMemory.get(this.memoryKey(logicalId)) === normalizeEventName(name)) {
      await this.lastUsedMemory.update(this.memoryKey(logicalId), undefined);
    }
  }

  /** Remembers the event as the function's last used one ("run again with the last event"). */
  async markUsed(logicalId: string, name: string): Promise<void> {
    checkName(name);
    await this.lastUsedMemory.update(this.memoryKey(logicalId), normalizeEventName(name));
  }

  /** The function's last used event, if it is still saved. */
  async lastUsed(logicalId: string): Promise<SavedEvent | undefined> {
    const name = this.lastUsedMemory.get(this.memoryKey(logicalId));
    if (!name) return undefined;
    const saved = await this.list(logicalId);
    return saved.find((event) => event.name === name);
  }

  private memoryKey(logicalId: string): string {
    return `serverlessWorkbench.lastEvent:${this.folder}:${checkLogicalId(logicalId)}`;
  }
}

/** Parses an event file's text, or throws a WorkbenchError naming the file and the JSON problem. */
export function parseEventText(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WorkbenchError(`${path} is not valid JSON: ${describeError(error)}`, {
      code: 'InvalidEventJson',
      hint: 'Fix the JSON in the event file; an event is any JSON value, usually an object.',
      cause: error,
    });
  }
}
