// The aggregate functions of `stats`: one accumulator per function call per group.
import type { Expression } from './insightsParser';
import { compare, evaluate, numberOf, type EvaluationScope } from './insightsEvaluator';
import type { InsightsValue } from './insightsEventFields';

type Call = Extract<Expression, { kind: 'call' }>;

/** Collects one aggregate call's inputs for a group and gives its result. */
export interface Accumulator {
  add(scope: EvaluationScope): void;
  result(): InsightsValue;
}

/** The aggregate calls inside an expression (`sum(x) / count(*)` has two). */
export function aggregateCalls(
  expression: Expression,
  isAggregate: (name: string) => boolean,
  out: Call[] = [],
): Call[] {
  switch (expression.kind) {
    case 'call':
      if (isAggregate(expression.name)) out.push(expression);
      else for (const arg of expression.args) aggregateCalls(arg, isAggregate, out);
      break;
    case 'unary':
      aggregateCalls(expression.operand, isAggregate, out);
      break;
    case 'binary':
      aggregateCalls(expression.left, isAggregate, out);
      aggregateCalls(expression.right, isAggregate, out);
      break;
    case 'list':
      for (const item of expression.items) aggregateCalls(item, isAggregate, out);
      break;
    default:
      break;
  }
  return out;
}

/** A new accumulator for an aggregate call. */
export function accumulatorFor(call: Call): Accumulator {
  const argument = call.args[0];
  const valueOf = (scope: EvaluationScope): InsightsValue =>
    argument === undefined || argument.kind === 'star' ? true : evaluate(argument, scope);
  const present = (value: InsightsValue) => value !== undefined && value !== null && value !== '';
  switch (call.name) {
    case 'count': {
      let count = 0;
      return { add: (scope) => void (present(valueOf(scope)) && count++), result: () => count };
    }
    case 'count_distinct': {
      const seen = new Set<string>();
      return {
        add: (scope) => void (present(valueOf(scope)) && seen.add(String(valueOf(scope)))),
        result: () => seen.size,
      };
    }
    case 'min':
    case 'max': {
      let best: InsightsValue;
      const sign = call.name === 'min' ? -1 : 1;
      return {
        add: (scope) => {
          const value = valueOf(scope);
          if (!present(value)) return;
          if (best === undefined || (compare(value, best) ?? 0) * sign > 0) best = value;
        },
        result: () => best,
      };
    }
    case 'earliest':
    case 'latest':
    case 'sortsfirst':
    case 'sortslast': {
      let chosen: { key: number; value: InsightsValue } | undefined;
      const byTime = call.name === 'earliest' || call.name === 'latest';
      const first = call.name === 'earliest' || call.name === 'sortsfirst';
      return {
        add: (scope) => {
          const value = valueOf(scope);
          if (!present(value)) return;
          const key = byTime ? (numberOf(scope.field('@timestamp')) ?? 0) : (numberOf(value) ?? Number.NaN);
          if (!chosen || (first ? key < chosen.key : key > chosen.key)) chosen = { key, value };
        },
        result: () => chosen?.value,
      };
    }
    default:
      return numericAccumulator(call, (scope) => numberOf(valueOf(scope)));
  }
}

function numericAccumulator(call: Call, numberIn: (scope: EvaluationScope) => number | undefined): Accumulator {
  const values: number[] = [];
  return {
    add: (scope) => {
      const value = numberIn(scope);
      if (value !== undefined) values.push(value);
    },
    result: () => {
      if (values.length === 0) return call.name === 'sum' ? 0 : undefined;
      const sum = values.reduce((total, value) => total + value, 0);
      switch (call.name) {
        case 'sum':
          return sum;
        case 'avg':
          return sum / values.length;
        case 'stddev': {
          if (values.length < 2) return 0;
          const mean = sum / values.length;
          const squares = values.reduce((total, value) => total + (value - mean) ** 2, 0);
          return Math.sqrt(squares / (values.length - 1));
        }
        default: {
          // pct(field, p): the nearest-rank percentile.
          const percentile = numberOf(evaluate(call.args[1]!, { field: () => undefined })) ?? 50;
          const sorted = [...values].sort((a, b) => a - b);
          const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
          return sorted[Math.min(rank, sorted.length) - 1];
        }
      }
    },
  };
}
