// Stacks, change sets, templates and events of the local CloudFormation, in memory and in the state directory:
//   stacks/<uuid>.json      one document per stack, replaced atomically when the stack's own status changes
//   stacks/<uuid>.jsonl     resource changes since that document, appended (renames are slow on some file
//                           systems; a deployment appends a line per resource step instead of rewriting the stack)
//   changesets/<uuid>.json  one document per change set
//   templates/<sha256>.json content-addressed templates (original text and processed JSON), written once
//   events/<uuid>.jsonl     append-only stack events
// A kill -9 leaves every document whole (temp file + rename) and at most a torn last event line, dropped on load.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../../core/logger';
import { isTemporaryFile, removeTemporaryFiles, writeFileAtomic } from '../../state/atomicFile';
import { appendJsonLines, readJsonLines } from '../../state/jsonLinesFile';
import { pathInside } from '../../state/safeFileName';
import type { ChangeSetRecord, ResourceRecord, StackEventRecord, StackRecord, TemplateDocument } from './stackRecords';

/** The stack document: the record and the last journal line it includes. */
interface StackDocument {
  stack: StackRecord;
  journalSequence: number;
}

/** One journal line: a resource as it now is. */
interface JournalLine {
  sequence: number;
  resource: ResourceRecord;
}

const UUID = /^[0-9a-f-]{36}$/;

/** The persisted state of the local CloudFormation. */
export class StackStore {
  private readonly stacks = new Map<string, StackRecord>();
  private readonly changeSets = new Map<string, ChangeSetRecord>();
  private readonly events = new Map<string, StackEventRecord[]>();
  private readonly templates = new Map<string, TemplateDocument>();
  /** The last journal line written per stack. */
  private readonly journalSequences = new Map<string, number>();

  constructor(
    private readonly directory: string,
    private readonly logger: Logger,
  ) {
    for (const folder of ['stacks', 'changesets', 'templates', 'events']) {
      mkdirSync(join(directory, folder), { recursive: true });
      removeTemporaryFiles(join(directory, folder));
    }
    for (const document of this.readDocuments<StackDocument>('stacks')) this.loadStack(document);
    for (const changeSet of this.readDocuments<ChangeSetRecord>('changesets')) {
      this.changeSets.set(changeSet.changeSetId, changeSet);
    }
  }

  /** Every stack, deleted ones included, oldest first. */
  allStacks(): StackRecord[] {
    return [...this.stacks.values()].sort((a, b) => a.creationTime.localeCompare(b.creationTime));
  }

  stack(stackId: string): StackRecord | undefined {
    return this.stacks.get(stackId);
  }

  /** The live (not deleted) stack with this name. */
  liveStackNamed(name: string): StackRecord | undefined {
    for (const stack of this.stacks.values()) {
      if (stack.stackName === name && stack.status !== 'DELETE_COMPLETE') return stack;
    }
    return undefined;
  }

  /** Writes the whole stack document (and empties its journal, which the document now includes). */
  saveStack(stack: StackRecord): void {
    const uuid = uuidOf(stack.stackId);
    const document: StackDocument = { stack, journalSequence: this.journalSequences.get(stack.stackId) ?? 0 };
    writeFileAtomic(this.fileOf('stacks', uuid, '.json'), JSON.stringify(document));
    // A crash before the truncation leaves lines the document already includes; loading skips them by sequence.
    const journal = this.fileOf('stacks', uuid, '.jsonl');
    if (existsSync(journal)) truncateSync(journal);
    this.stacks.set(stack.stackId, stack);
  }

  /** Records one resource's new state (the stack record in memory already holds it). */
  saveResource(stack: StackRecord, resource: ResourceRecord): void {
    if (!this.stacks.has(stack.stackId)) {
      this.saveStack(stack);
      return;
    }
    const sequence = (this.journalSequences.get(stack.stackId) ?? 0) + 1;
    this.journalSequences.set(stack.stackId, sequence);
    const line: JournalLine = { sequence, resource };
    appendJsonLines(this.fileOf('stacks', uuidOf(stack.stackId), '.jsonl'), [line]);
  }

  private loadStack(document: StackDocument): void {
    const stack = document.stack;
    let sequence = document.journalSequence;
    const journal = readJsonLines<JournalLine>(this.fileOf('stacks', uuidOf(stack.stackId), '.jsonl'));
    for (const line of journal) {
      if (line.sequence <= document.journalSequence) continue;
      stack.resources[line.resource.logicalId] = line.resource;
      sequence = Math.max(sequence, line.sequence);
    }
    this.journalSequences.set(stack.stackId, sequence);
    this.stacks.set(stack.stackId, stack);
  }

  changeSet(changeSetId: string): ChangeSetRecord | undefined {
    return this.changeSets.get(changeSetId);
  }

  changeSetsOf(stackId: string): ChangeSetRecord[] {
    return [...this.changeSets.values()]
      .filter((changeSet) => changeSet.stackId === stackId)
      .sort((a, b) => a.creationTime.localeCompare(b.creationTime));
  }

  saveChangeSet(changeSet: ChangeSetRecord): void {
    writeFileAtomic(this.fileOf('changesets', uuidOf(changeSet.changeSetId), '.json'), JSON.stringify(changeSet));
    this.changeSets.set(changeSet.changeSetId, changeSet);
  }

  deleteChangeSet(changeSetId: string): void {
    rmSync(this.fileOf('changesets', uuidOf(changeSetId), '.json'), { force: true });
    this.changeSets.delete(changeSetId);
  }

  /** Stores a template (once per content) and returns its id. */
  putTemplate(document: TemplateDocument): string {
    const text = JSON.stringify(document);
    const id = createHash('sha256').update(text).digest('hex');
    if (!this.templates.has(id)) {
      const path = this.fileOf('templates', id, '.json');
      if (!existsSync(path)) writeFileAtomic(path, text);
      this.templates.set(id, document);
    }
    return id;
  }

  template(templateId: string): TemplateDocument {
    let document = this.templates.get(templateId);
    if (!document) {
      document = JSON.parse(readFileSync(this.fileOf('templates', templateId, '.json'), 'utf8')) as TemplateDocument;
      this.templates.set(templateId, document);
    }
    return document;
  }

  /** A stack's events, oldest first. */
  eventsOf(stackId: string): readonly StackEventRecord[] {
    let events = this.events.get(stackId);
    if (!events) {
      events = readJsonLines<StackEventRecord>(this.fileOf('events', uuidOf(stackId), '.jsonl'), (line) =>
        this.logger.warn(`[cloudformation] dropping an unreadable event line of ${stackId}: ${line.slice(0, 80)}`),
      );
      this.events.set(stackId, events);
    }
    return events;
  }

  appendEvent(event: StackEventRecord): void {
    const events = this.eventsOf(event.stackId) as StackEventRecord[];
    appendJsonLines(this.fileOf('events', uuidOf(event.stackId), '.jsonl'), [event]);
    events.push(event);
  }

  private readDocuments<T>(folder: string): T[] {
    const documents: T[] = [];
    for (const file of readdirSync(join(this.directory, folder))) {
      if (!file.endsWith('.json') || isTemporaryFile(file)) continue;
      try {
        documents.push(JSON.parse(readFileSync(join(this.directory, folder, file), 'utf8')) as T);
      } catch (error) {
        this.logger.warn(`[cloudformation] skipping unreadable ${folder} document ${file}: ${String(error)}`);
      }
    }
    return documents;
  }

  private fileOf(folder: string, id: string, extension: string): string {
    return pathInside(this.directory, folder, `${id}${extension}`);
  }
}

/** The UUID at the end of a stack or change set ARN (`...:stack/name/<uuid>`). */
export function uuidOf(arn: string): string {
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  if (!UUID.test(id)) throw new Error(`Not a local CloudFormation id: ${arn}`);
  return id;
}
