// Log groups, streams and events, in memory for fast filtering and on disk for restarts. Each group is a folder
// holding `group.json` (its streams, replaced atomically) and `events.jsonl` (append-only, one event a line).
// A kill -9 can at worst leave a torn last line, which loading drops; every acknowledged event was written.
// A group's configuration (retention, tags, filters, policies) lives in group.json too, so it goes with the group.
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { AwsError } from '../protocol/awsError';
import { removeTemporaryFiles, writeFileAtomic } from '../state/atomicFile';
import { pathInside, safeFileName } from '../state/safeFileName';
import type { MetricFilter, SubscriptionFilter } from '../models/generated/logs';
import { LogsResourceStore } from './logsResourceStore';

/** One stored log event. */
export interface LogEventRecord {
  logStreamName: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  /** Ingestion order within the group; breaks timestamp ties and makes the event id. */
  sequence: number;
}

/** A log stream and its events in timestamp order. */
export interface LogStreamState {
  logStreamName: string;
  creationTime: number;
  events: LogEventRecord[];
  storedBytes: number;
  lastIngestionTime?: number;
}

/** A log group's configuration, as the Put/Associate/Tag operations left it. */
export interface LogGroupSettings {
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: string;
  tags: Record<string, string>;
  deletionProtectionEnabled?: boolean;
  bearerTokenAuthenticationEnabled?: boolean;
  dataProtectionPolicy?: { policyDocument: string; lastUpdatedTime: number };
  indexPolicy?: { policyDocument: string; lastUpdateTime: number };
  transformer?: { transformerConfig: unknown[]; creationTime: number; lastModifiedTime: number };
  syslogConfigurations?: { vpcEndpointId?: string; createdAt: number }[];
  metricFilters: Record<string, MetricFilter>;
  subscriptionFilters: Record<string, SubscriptionFilter>;
}

/** A log group: its streams and all their events interleaved in timestamp order. */
export interface LogGroupState {
  logGroupName: string;
  creationTime: number;
  settings: LogGroupSettings;
  streams: Map<string, LogStreamState>;
  events: LogEventRecord[];
  storedBytes: number;
  nextSequence: number;
  directory: string;
  eventsFile: number | undefined;
}

/** An event as a client sends it. */
export interface InputLogEvent {
  timestamp: number;
  message: string;
}

/** Called with the events just stored, for live tails. */
export type LogEventsListener = (group: LogGroupState, events: LogEventRecord[]) => void;

const GROUP_FILE = 'group.json';
const EVENTS_FILE = 'events.jsonl';
const DAY_MS = 24 * 3600 * 1000;

function defaultSettings(): LogGroupSettings {
  return { logGroupClass: 'STANDARD', tags: {}, metricFilters: {}, subscriptionFilters: {} };
}

/** The CloudWatch Logs state of one local cloud. */
export class LogStore {
  private readonly groups = new Map<string, LogGroupState>();
  private readonly listeners = new Set<LogEventsListener>();
  private readonly groupsDirectory: string;
  /** Everything of Logs that is not a log group: policies, destinations, deliveries, tasks, queries... */
  readonly resources: LogsResourceStore;

  constructor(
    private readonly directory: string,
    private readonly logger: Logger,
  ) {
    this.groupsDirectory = join(directory, 'groups');
    mkdirSync(this.groupsDirectory, { recursive: true });
    this.load();
    this.resources = new LogsResourceStore(join(directory, 'resources.json'), logger);
  }

  /** The event id clients see: unique within the group, stable across restarts. */
  static eventId(event: LogEventRecord): string {
    return `${String(event.timestamp).padStart(16, '0')}${String(event.sequence).padStart(20, '0')}`;
  }

  getGroup(name: string): LogGroupState | undefined {
    return this.groups.get(name);
  }

  /** The group, or ResourceNotFoundException as CloudWatch words it. */
  requireGroup(name: string): LogGroupState {
    const group = this.groups.get(name);
    if (!group) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
    return group;
  }

  /** Every group, sorted by name. */
  listGroups(): LogGroupState[] {
    return [...this.groups.values()].sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1));
  }

  createGroup(name: string, settings: Partial<LogGroupSettings> = {}): LogGroupState {
    if (this.groups.has(name)) {
      throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
    }
    const group: LogGroupState = {
      logGroupName: name,
      creationTime: Date.now(),
      settings: { ...defaultSettings(), ...settings },
      streams: new Map(),
      events: [],
      storedBytes: 0,
      nextSequence: 0,
      directory: pathInside(this.groupsDirectory, safeFileName(name)),
      eventsFile: undefined,
    };
    mkdirSync(group.directory, { recursive: true });
    this.groups.set(name, group);
    this.saveGroup(group);
    return group;
  }

  ensureGroup(name: string): LogGroupState {
    return this.groups.get(name) ?? this.createGroup(name);
  }

  /** Changes a group's configuration and saves it. */
  updateSettings(name: string, change: (settings: LogGroupSettings) => void): LogGroupState {
    const group = this.requireGroup(name);
    change(group.settings);
    this.saveGroup(group);
    return group;
  }

  /**
   * Drops the events older than the group's retention (CloudWatch deletes them some time after they expire; here
   * it happens when the group is next read). True when events were dropped.
   */
  expireEvents(group: LogGroupState, now = Date.now()): boolean {
    const days = group.settings.retentionInDays;
    if (days === undefined) return false;
    const cutoff = now - days * DAY_MS;
    if (!(group.events.length > 0 && group.events[0]!.timestamp < cutoff)) return false;
    const keep = (event: LogEventRecord) => event.timestamp >= cutoff;
    group.events = group.events.filter(keep);
    group.storedBytes = 0;
    for (const stream of group.streams.values()) {
      stream.events = stream.events.filter(keep);
      stream.storedBytes = stream.events.reduce((total, event) => total + eventBytes(event), 0);
      group.storedBytes += stream.storedBytes;
    }
    this.rewriteEvents(group);
    return true;
  }

  deleteGroup(name: string): void {
    const group = this.requireGroup(name);
    this.groups.delete(name);
    if (group.eventsFile !== undefined) closeSync(group.eventsFile);
    // Rename first so a crash mid-delete never leaves a half-deleted group that loads again.
    const trash = join(this.directory, `trash-${randomUUID()}`);
    renameSync(group.directory, trash);
    rmSync(trash, { recursive: true, force: true });
  }

  createStream(groupName: string, streamName: string): LogStreamState {
    const group = this.requireGroup(groupName);
    if (group.streams.has(streamName)) {
      throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    }
    const stream = addStream(group, streamName, Date.now());
    this.saveGroup(group);
    return stream;
  }

  ensureStream(groupName: string, streamName: string): LogStreamState {
    const group = this.ensureGroup(groupName);
    return group.streams.get(streamName) ?? this.createStream(groupName, streamName);
  }

  deleteStream(groupName: string, streamName: string): void {
    const group = this.requireGroup(groupName);
    const stream = group.streams.get(streamName);
    if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    group.streams.delete(streamName);
    group.events = group.events.filter((event) => event.logStreamName !== streamName);
    group.storedBytes -= stream.storedBytes;
    this.saveGroup(group);
    this.rewriteEvents(group);
  }

  /** Rewrites the event file with the group's events (after a deletion), atomically. */
  private rewriteEvents(group: LogGroupState): void {
    if (group.eventsFile !== undefined) closeSync(group.eventsFile);
    group.eventsFile = undefined;
    const inIngestionOrder = [...group.events].sort((a, b) => a.sequence - b.sequence);
    writeFileAtomic(join(group.directory, EVENTS_FILE), inIngestionOrder.map(serializeEvent).join(''));
  }

  /** The stream, or ResourceNotFoundException as CloudWatch words it. */
  requireStream(groupName: string, streamName: string): LogStreamState {
    const stream = this.requireGroup(groupName).streams.get(streamName);
    if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    return stream;
  }

  /** Stores events (already validated) and tells live tails; written to disk before this returns. */
  putEvents(groupName: string, streamName: string, events: InputLogEvent[]): LogEventRecord[] {
    const group = this.requireGroup(groupName);
    const stream = this.requireStream(groupName, streamName);
    const ingestionTime = Date.now();
    const records = events.map((event) => ({
      logStreamName: streamName,
      timestamp: event.timestamp,
      ingestionTime,
      message: event.message,
      sequence: group.nextSequence++,
    }));
    group.eventsFile ??= openSync(join(group.directory, EVENTS_FILE), 'a');
    writeSync(group.eventsFile, records.map(serializeEvent).join(''));
    for (const record of records) addEvent(group, stream, record);
    for (const listener of this.listeners) listener(group, records);
    return records;
  }

  onEvents(listener: LogEventsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const group of this.groups.values()) {
      if (group.eventsFile !== undefined) closeSync(group.eventsFile);
      group.eventsFile = undefined;
    }
  }

  private saveGroup(group: LogGroupState): void {
    const streams = [...group.streams.values()].map((stream) => [stream.logStreamName, stream.creationTime]);
    writeFileAtomic(
      join(group.directory, GROUP_FILE),
      JSON.stringify({
        logGroupName: group.logGroupName,
        creationTime: group.creationTime,
        streams,
        settings: group.settings,
      }),
    );
  }

  private load(): void {
    for (const name of readdirSync(this.directory)) {
      if (name.startsWith('trash-')) rmSync(join(this.directory, name), { recursive: true, force: true });
    }
    for (const folder of readdirSync(this.groupsDirectory)) {
      const directory = join(this.groupsDirectory, folder);
      removeTemporaryFiles(directory);
      try {
        const group = this.loadGroup(directory);
        if (group) this.groups.set(group.logGroupName, group);
      } catch (error) {
        this.logger.warn(`[localcloud] skipping unreadable log group folder ${folder}: ${String(error)}`);
      }
    }
  }

  private loadGroup(directory: string): LogGroupState | undefined {
    const groupFile = join(directory, GROUP_FILE);
    if (!existsSync(groupFile)) return undefined;
    const saved = JSON.parse(readFileSync(groupFile, 'utf8')) as {
      logGroupName: string;
      creationTime: number;
      streams: [string, number][];
      settings?: Partial<LogGroupSettings>;
    };
    const group: LogGroupState = {
      logGroupName: saved.logGroupName,
      creationTime: saved.creationTime,
      settings: { ...defaultSettings(), ...saved.settings },
      streams: new Map(),
      events: [],
      storedBytes: 0,
      nextSequence: 0,
      directory,
      eventsFile: undefined,
    };
    for (const [streamName, creationTime] of saved.streams) addStream(group, streamName, creationTime);
    const eventsPath = join(directory, EVENTS_FILE);
    if (!existsSync(eventsPath)) return group;
    const text = readFileSync(eventsPath, 'utf8');
    const complete = text.lastIndexOf('\n') + 1;
    if (complete < text.length) {
      // A torn last line from a crash mid-append: cut it so the next append starts on a fresh line.
      const file = openSync(eventsPath, 'r+');
      ftruncateSync(file, Buffer.byteLength(text.slice(0, complete)));
      closeSync(file);
    }
    for (const line of text.slice(0, complete).split('\n')) {
      if (line === '') continue;
      const [logStreamName, timestamp, ingestionTime, message] = JSON.parse(line) as [string, number, number, string];
      const stream = group.streams.get(logStreamName) ?? addStream(group, logStreamName, ingestionTime);
      addEvent(group, stream, { logStreamName, timestamp, ingestionTime, message, sequence: group.nextSequence++ });
    }
    return group;
  }
}

function serializeEvent(event: LogEventRecord): string {
  return `${JSON.stringify([event.logStreamName, event.timestamp, event.ingestionTime, event.message])}\n`;
}

function addStream(group: LogGroupState, name: string, creationTime: number): LogStreamState {
  const stream: LogStreamState = { logStreamName: name, creationTime, events: [], storedBytes: 0 };
  group.streams.set(name, stream);
  return stream;
}

function addEvent(group: LogGroupState, stream: LogStreamState, event: LogEventRecord): void {
  insertSorted(group.events, event);
  insertSorted(stream.events, event);
  const bytes = eventBytes(event);
  stream.storedBytes += bytes;
  group.storedBytes += bytes;
  stream.lastIngestionTime = event.ingestionTime;
}

/** What an event counts for in storedBytes and batch limits: its UTF-8 bytes plus 26. */
function eventBytes(event: { message: string }): number {
  return Buffer.byteLength(event.message) + 26;
}

/** Events stay ordered by (timestamp, sequence); appends in time order are O(1). */
function insertSorted(events: LogEventRecord[], event: LogEventRecord): void {
  const last = events[events.length - 1];
  if (!last || last.timestamp <= event.timestamp) {
    events.push(event);
    return;
  }
  events.splice(firstIndexAtOrAfter(events, event.timestamp, event.sequence), 0, event);
}

/** The index of the first event at or after (timestamp, sequence). */
export function firstIndexAtOrAfter(events: LogEventRecord[], timestamp: number, sequence = -1): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const event = events[middle]!;
    if (event.timestamp < timestamp || (event.timestamp === timestamp && event.sequence < sequence)) low = middle + 1;
    else high = middle;
  }
  return low;
}
