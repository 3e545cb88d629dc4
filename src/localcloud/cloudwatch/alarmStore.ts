// CloudWatch metric alarms of one region: their configuration as PutMetricAlarm (or an AWS::CloudWatch::Alarm)
// gave it, their state and history. The local cloud collects no metrics, so an alarm changes state only through
// SetAlarmState; CodeDeploy listens for state changes to stop deployments. One document, replaced atomically on
// every change (alarm sets are small).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import type { AlarmHistoryItem, MetricAlarm, PutMetricAlarmInput } from '../models/generated/cloudwatch';

import { writeFileAtomic } from '../state/atomicFile';

/** An alarm's state. */
export type StateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** What is stored of an alarm: its configuration and state, timestamps as ISO text. */
export interface AlarmRecord {
  configuration: Omit<PutMetricAlarmInput, 'Tags'>;
  arn: string;
  stateValue: StateValue;
  stateReason: string;
  stateReasonData?: string;
  configurationUpdated: string;
  stateUpdated: string;
  stateTransitioned: string;
  tags: { Key: string; Value: string }[];
}

interface StoredHistoryItem {
  alarmName: string;
  timestamp: string;
  type: 'ConfigurationUpdate' | 'StateUpdate';
  summary: string;
  data: string;
}

/** A state change, as listeners hear of it. */
export interface AlarmStateChange {
  alarmName: string;
  previous: StateValue;
  current: StateValue;
  reason: string;
}

/** AWS keeps two weeks of history; locally the last items per alarm are enough. */
const HISTORY_PER_ALARM = 100;

export class AlarmStore {
  private readonly alarms = new Map<string, AlarmRecord>();
  private history: StoredHistoryItem[] = [];
  private readonly listeners = new Set<(change: AlarmStateChange) => void>();
  private readonly file: string;

  constructor(
    directory: string,
    private readonly arnPrefix: string,
    logger: Logger,
  ) {
    this.file = join(directory, 'cloudwatch', 'alarms.json');
    if (!existsSync(this.file)) return;
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as {
        alarms: AlarmRecord[];
        history: StoredHistoryItem[];
      };
      for (const alarm of stored.alarms) this.alarms.set(alarm.configuration.AlarmName, alarm);
      this.history = stored.history;
    } catch (error) {
      logger.warn(`[localcloud] unreadable alarm store ${this.file}: ${String(error)}`);
    }
  }

  get(name: string): AlarmRecord | undefined {
    return this.alarms.get(name);
  }

  /** Every alarm, by name. */
  list(): AlarmRecord[] {
    return [...this.alarms.values()].sort((a, b) => (a.configuration.AlarmName < b.configuration.AlarmName ? -1 : 1));
  }

  /** Creates or replaces an alarm's configuration; a new alarm starts in INSUFFICIENT_DATA, as on AWS. */
  put(input: PutMetricAlarmInput, now: Date): AlarmRecord {
    const { Tags: tags, ...configuration } = input;
    const existing = this.alarms.get(input.AlarmName);
    const time = now.toISOString();
    const record: AlarmRecord = existing
      ? { ...existing, configuration, configurationUpdated: time, tags: tags ?? existing.tags }
      : {
          configuration,
          arn: `${this.arnPrefix}${input.AlarmName}`,
          stateValue: 'INSUFFICIENT_DATA',
          stateReason: 'Unchecked: Initial alarm creation',
          configurationUpdated: time,
          stateUpdated: time,
          stateTransitioned: time,
          tags: tags ?? [],
        };
    this.alarms.set(input.AlarmName, record);
    this.record({
      alarmName: input.AlarmName,
      timestamp: time,
      type: 'ConfigurationUpdate',
      summary: `Alarm "${input.AlarmName}" ${existing ? 'updated' : 'created'}`,
      data: JSON.stringify({ type: existing ? 'Update' : 'Create', version: '1.0' }),
    });
    return record;
  }

  /** Sets the state (listeners hear of real changes); false when no such alarm exists. */
  setState(name: string, state: StateValue, reason: string, reasonData: string | undefined, now: Date): boolean {
    const alarm = this.alarms.get(name);
    if (!alarm) return false;
    const previous = alarm.stateValue;
    const time = now.toISOString();
    alarm.stateValue = state;
    alarm.stateReason = reason;
    if (reasonData === undefined) delete alarm.stateReasonData;
    else alarm.stateReasonData = reasonData;
    alarm.stateUpdated = time;
    if (previous !== state) alarm.stateTransitioned = time;
    this.record({
      alarmName: name,
      timestamp: time,
      type: 'StateUpdate',
      summary: `Alarm updated from ${previous} to ${state}`,
      data: JSON.stringify({
        version: '1.0',
        oldState: { stateValue: previous },
        newState: { stateValue: state, stateReason: reason },
      }),
    });
    if (previous !== state) {
      for (const listener of this.listeners) listener({ alarmName: name, previous, current: state, reason });
    }
    return true;
  }

  delete(name: string): boolean {
    if (!this.alarms.delete(name)) return false;
    this.history = this.history.filter((item) => item.alarmName !== name);
    this.persist();
    return true;
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  onStateChange(listener: (change: AlarmStateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The alarm as DescribeAlarms answers it. */
  describe(alarm: AlarmRecord): MetricAlarm {
    return {
      ...alarm.configuration,
      ActionsEnabled: alarm.configuration.ActionsEnabled ?? true,
      OKActions: alarm.configuration.OKActions ?? [],
      AlarmActions: alarm.configuration.AlarmActions ?? [],
      InsufficientDataActions: alarm.configuration.InsufficientDataActions ?? [],
      Dimensions: alarm.configuration.Dimensions ?? [],
      AlarmArn: alarm.arn,
      AlarmConfigurationUpdatedTimestamp: new Date(alarm.configurationUpdated),
      StateValue: alarm.stateValue,
      StateReason: alarm.stateReason,
      ...(alarm.stateReasonData === undefined ? {} : { StateReasonData: alarm.stateReasonData }),
      StateUpdatedTimestamp: new Date(alarm.stateUpdated),
      StateTransitionedTimestamp: new Date(alarm.stateTransitioned),
    };
  }

  /** History items, newest first. */
  historyOf(name: string | undefined): AlarmHistoryItem[] {
    return this.history
      .filter((item) => name === undefined || item.alarmName === name)
      .reverse()
      .map((item) => ({
        AlarmName: item.alarmName,
        AlarmType: 'MetricAlarm',
        Timestamp: new Date(item.timestamp),
        HistoryItemType: item.type,
        HistorySummary: item.summary,
        HistoryData: item.data,
      }));
  }

  private record(item: StoredHistoryItem): void {
    this.history.push(item);
    const ofAlarm = this.history.filter((entry) => entry.alarmName === item.alarmName);
    if (ofAlarm.length > HISTORY_PER_ALARM) {
      const drop = new Set(ofAlarm.slice(0, ofAlarm.length - HISTORY_PER_ALARM));
      this.history = this.history.filter((entry) => !drop.has(entry));
    }
    this.persist();
  }

  private persist(): void {
    writeFileAtomic(this.file, JSON.stringify({ alarms: [...this.alarms.values()], history: this.history }));
  }
}
