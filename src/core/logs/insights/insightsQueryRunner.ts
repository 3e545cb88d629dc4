// Runs a Logs Insights query over events: each command in turn over the rows, newest event first unless the
// query sorts; stats groups rows (by values or bin()); the result lists each row's displayed fields as text, with
// @ptr for rows that are events, and the figures GetQueryResults reports.
import { accumulatorFor, aggregateCalls, type Accumulator } from './insightsAggregates';
import {
  AGGREGATE_FUNCTIONS,
  compare,
  evaluate,
  isTruthy,
  SCALAR_FUNCTIONS,
  textOf,
  type EvaluationScope,
} from './insightsEvaluator';
import { EventFieldReader, type InsightsEvent, type InsightsValue } from './insightsEventFields';
import { parseInsightsQuery, type Command, type Expression } from './insightsParser';
import { InsightsSyntaxError } from './insightsSyntax';

/** An event with a way to make the pointer GetLogRecord takes back (made only for the rows returned). */
export interface PointedEvent extends InsightsEvent {
  pointer: () => string;
}

/** What GetQueryResults answers, apart from status. */
export interface InsightsResult {
  rows: { field: string; value: string }[][];
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

/** A parsed and checked query. */
export interface CompiledInsightsQuery {
  commands: Command[];
}

/** Results a query returns when it sets no limit (AWS's default), and the most it may ask for. */
export const DEFAULT_RESULT_LIMIT = 1000;
export const MAX_RESULT_LIMIT = 10_000;

/** Parses a query and checks its functions; throws InsightsSyntaxError. */
export function compileInsightsQuery(query: string): CompiledInsightsQuery {
  const commands = parseInsightsQuery(query);
  for (const command of commands) {
    for (const expression of expressionsOf(command)) checkFunctions(expression, command.kind === 'stats', query);
  }
  return { commands };
}

/** A row: an event's fields (read lazily) plus the fields commands set; it is its own evaluation scope. */
class Row implements EvaluationScope {
  /** Fields set by fields/parse/stats; allocated on first use (most rows of a filter never get one). */
  values: Map<string, InsightsValue> | undefined;

  constructor(
    readonly reader?: EventFieldReader,
    readonly pointer?: () => string,
  ) {}

  field(name: string): InsightsValue {
    return this.values?.has(name) ? this.values.get(name) : this.reader?.get(name);
  }

  get(name: string): InsightsValue {
    return this.field(name);
  }

  set(name: string, value: InsightsValue): void {
    (this.values ??= new Map()).set(name, value);
  }

  scope(): EvaluationScope {
    return this;
  }
}

/** Runs a compiled query over events (any order; they are read newest first). */
export function runInsightsQuery(
  query: CompiledInsightsQuery,
  events: Iterable<PointedEvent>,
  limit = DEFAULT_RESULT_LIMIT,
): InsightsResult {
  let rows: Row[] = [];
  let bytesScanned = 0;
  for (const event of events) {
    rows.push(new Row(new EventFieldReader(event), event.pointer));
    bytesScanned += Buffer.byteLength(event.message) + 26;
  }
  const recordsScanned = rows.length;
  newestFirst(rows);
  let recordsMatched: number | undefined;
  let selected: string[] = [];
  let display: string[] | undefined;
  let aggregated = false;
  for (const command of query.commands) {
    switch (command.kind) {
      case 'filter':
        rows = rows.filter((row) => isTruthy(evaluate(command.condition, row.scope())));
        break;
      case 'fields':
        for (const row of rows) {
          for (const item of command.items) {
            if (item.expression.kind !== 'field' || item.name !== item.expression.name) {
              row.set(item.name, evaluate(item.expression, row));
            }
          }
        }
        selected = union(
          selected,
          command.items.map((item) => item.name),
        );
        break;
      case 'parse':
        for (const row of rows) parseInto(row, command);
        selected = union(selected, command.names);
        break;
      case 'stats':
        recordsMatched ??= rows.length;
        rows = aggregate(rows, command);
        selected = [...command.groups, ...command.aggregates].map((item) => item.name);
        aggregated = true;
        break;
      case 'sort':
        rows = sortRows(rows, command.keys);
        break;
      case 'limit':
        rows = rows.slice(0, command.count);
        break;
      case 'dedup':
        rows = dedup(rows, command.names);
        break;
      case 'display':
        display = command.names;
        break;
    }
  }
  const names = display ?? (selected.length > 0 ? selected : ['@timestamp', '@message']);
  const shown = rows.slice(0, limit).map((row) => {
    const fields: { field: string; value: string }[] = [];
    for (const name of names) {
      const value = textOf(row.get(name));
      if (value !== undefined) fields.push({ field: name, value });
    }
    if (!aggregated && row.pointer !== undefined) fields.push({ field: '@ptr', value: row.pointer() });
    return fields;
  });
  return { rows: shown, recordsMatched: recordsMatched ?? rows.length, recordsScanned, bytesScanned };
}

function aggregate(rows: Row[], command: Extract<Command, { kind: 'stats' }>): Row[] {
  const calls = command.aggregates.flatMap((item) =>
    aggregateCalls(item.expression, (name) => AGGREGATE_FUNCTIONS.has(name)),
  );
  const groups = new Map<string, { keys: InsightsValue[]; accumulators: Map<Expression, Accumulator> }>();
  for (const row of rows) {
    const scope = row.scope();
    const keys = command.groups.map((group) => evaluate(group.expression, scope));
    const id = keys.map(groupKeyText).join('\u0001');
    let group = groups.get(id);
    if (!group) {
      group = { keys, accumulators: new Map(calls.map((call) => [call, accumulatorFor(call)])) };
      groups.set(id, group);
    }
    for (const accumulator of group.accumulators.values()) accumulator.add(scope);
  }
  // Without `by`, stats over no rows still answers one row (count 0), as AWS does.
  if (groups.size === 0 && command.groups.length === 0) {
    groups.set('', { keys: [], accumulators: new Map(calls.map((call) => [call, accumulatorFor(call)])) });
  }
  return [...groups.values()].map((group) => {
    const row = new Row();
    command.groups.forEach((item, index) => row.set(item.name, group.keys[index]));
    const scope: EvaluationScope = {
      field: (name) => row.values?.get(name),
      aggregate: (call) => group.accumulators.get(call)?.result(),
    };
    for (const item of command.aggregates) row.set(item.name, evaluate(item.expression, scope));
    return row;
  });
}

function sortRows(rows: Row[], keys: { expression: Expression; descending: boolean }[]): Row[] {
  // A key written as an earlier column's name (`sort bin(5m)`, `sort count(*)` after stats) sorts by that column.
  const valueOf = (row: Row, expression: Expression) =>
    row.values?.has(expression.text) ? row.values.get(expression.text) : evaluate(expression, row.scope());
  const keyed = rows.map((row) => ({ row, values: keys.map((key) => valueOf(row, key.expression)) }));
  keyed.sort((a, b) => {
    for (const [index, key] of keys.entries()) {
      const [x, y] = [a.values[index], b.values[index]];
      if (x === undefined || y === undefined) {
        if (x !== y) return x === undefined ? 1 : -1;
        continue;
      }
      const order = compare(x, y) ?? 0;
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
  return keyed.map((entry) => entry.row);
}

function dedup(rows: Row[], names: string[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const values = names.map((name) => row.get(name));
    if (values.some((value) => value === undefined || value === null)) return true;
    const id = JSON.stringify(values.map(String));
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function parseInto(row: Row, command: Extract<Command, { kind: 'parse' }>): void {
  const source = textOf(evaluate(command.source, row.scope()));
  if (source === undefined) return;
  if ('regex' in command.pattern) {
    const groups = command.pattern.regex.exec(source)?.groups;
    if (groups) for (const name of command.names) if (groups[name] !== undefined) row.set(name, groups[name]);
    return;
  }
  const match = globRegExp(command.pattern.glob).exec(source);
  if (match) command.names.forEach((name, index) => row.set(name, match[index + 1]));
}

const globCache = new Map<string, RegExp>();

/** `user=*, method:*`: literal text with `*` capturing (lazily, the last one to the end). */
function globRegExp(glob: string): RegExp {
  let pattern = globCache.get(glob);
  if (!pattern) {
    const parts = glob.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const source = parts
      .map((part, index) =>
        index === 0 ? part : `${index === parts.length - 1 && part === '' ? '(.*)' : '(.*?)'}${part}`,
      )
      .join('');
    pattern = new RegExp(source, 's');
    globCache.set(glob, pattern);
  }
  return pattern;
}

/** Orders event rows newest first: stores hand events oldest first, so a reversal usually does it. */
function newestFirst(rows: Row[]): void {
  const time = (row: Row) => row.reader!.event.timestamp;
  let ascending = true;
  for (let index = 1; index < rows.length && ascending; index++)
    ascending = time(rows[index - 1]!) <= time(rows[index]!);
  if (ascending) rows.reverse();
  else rows.sort((a, b) => time(b) - time(a));
}

/** A group-by value as a key: times by their milliseconds (formatting 100,000 dates is the slow part). */
function groupKeyText(key: InsightsValue): string {
  if (key === undefined || key === null) return '\u0000';
  return typeof key === 'object' ? `t${key.milliseconds}` : `${typeof key}:${String(key)}`;
}

function union(current: string[], added: string[]): string[] {
  return [...current, ...added.filter((name) => !current.includes(name))];
}

function expressionsOf(command: Command): Expression[] {
  switch (command.kind) {
    case 'fields':
      return command.items.map((item) => item.expression);
    case 'filter':
      return [command.condition];
    case 'stats':
      return [...command.aggregates, ...command.groups].map((item) => item.expression);
    case 'sort':
      return command.keys.map((key) => key.expression);
    case 'parse':
      return [command.source];
    default:
      return [];
  }
}

function checkFunctions(expression: Expression, inStats: boolean, query: string): void {
  const fail = (message: string) => {
    const start = Math.max(0, query.indexOf(expression.text));
    throw new InsightsSyntaxError(message, start, start + expression.text.length);
  };
  switch (expression.kind) {
    case 'call':
      if (AGGREGATE_FUNCTIONS.has(expression.name)) {
        if (!inStats) fail(`Aggregate function ${expression.name} can only be used in the stats command`);
      } else if (!SCALAR_FUNCTIONS.has(expression.name)) {
        fail(`unknown function ${expression.name}`);
      }
      for (const arg of expression.args) checkFunctions(arg, inStats, query);
      break;
    case 'unary':
      checkFunctions(expression.operand, inStats, query);
      break;
    case 'binary':
      checkFunctions(expression.left, inStats, query);
      checkFunctions(expression.right, inStats, query);
      break;
    default:
      break;
  }
}
