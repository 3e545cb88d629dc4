// A local SSM Parameter Store: what CloudFormation reads for `AWS::SSM::Parameter::Value<...>` parameters and
// `{{resolve:ssm:...}}` references, and where AWS::SSM::Parameter resources live. One document, replaced
// atomically on every change (parameter stores are small).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { writeFileAtomic } from '../state/atomicFile';

/** One stored parameter. */
export interface StoredParameter {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  value: string;
  version: number;
  description?: string;
  /** ISO-8601. */
  lastModified: string;
}

/** The parameters of one local cloud. */
export class ParameterStore {
  private readonly parameters = new Map<string, StoredParameter>();
  private readonly file: string;

  constructor(directory: string, logger: Logger) {
    this.file = join(directory, 'parameters.json');
    if (!existsSync(this.file)) return;
    try {
      for (const parameter of JSON.parse(readFileSync(this.file, 'utf8')) as StoredParameter[]) {
        this.parameters.set(parameter.name, parameter);
      }
    } catch (error) {
      logger.warn(`[localcloud] unreadable parameter store ${this.file}: ${String(error)}`);
    }
  }

  /** The parameter by name (with or without a leading slash for hierarchical names, as SSM accepts). */
  get(name: string): StoredParameter | undefined {
    return this.parameters.get(name);
  }

  /** Creates or overwrites a parameter; returns the stored record. */
  put(parameter: Omit<StoredParameter, 'version' | 'lastModified'>, now = new Date()): StoredParameter {
    const version = (this.parameters.get(parameter.name)?.version ?? 0) + 1;
    const stored: StoredParameter = { ...parameter, version, lastModified: now.toISOString() };
    this.parameters.set(parameter.name, stored);
    this.persist();
    return stored;
  }

  delete(name: string): void {
    if (this.parameters.delete(name)) this.persist();
  }

  private persist(): void {
    writeFileAtomic(this.file, JSON.stringify([...this.parameters.values()]));
  }
}
