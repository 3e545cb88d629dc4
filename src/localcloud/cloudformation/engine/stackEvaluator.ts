// Evaluates a processed template's values for one stack: parameters and pseudo parameters, Mappings, Conditions,
// Ref/GetAtt of deployed resources, Fn::ImportValue from other stacks' exports, and dynamic references
// (`{{resolve:ssm:name}}`). The intrinsics themselves are the one evaluator's (core/template/resolve).
import {
  evaluateCondition,
  evaluateIntrinsics,
  NO_VALUE,
  UnresolvedIntrinsic,
  type IntrinsicScope,
  type ParameterValue,
} from '../../../core/template/resolve/evaluateIntrinsics';
import { jsonToTemplateNode, type JsonObject, type JsonValue } from '../../../core/template/templateJson';
import { AwsError } from '../../protocol/awsError';
import type { ParameterStore } from '../../ssm/parameterStore';
import type { StackTemplate } from '../template/stackTemplate';

/** A deployed resource as intrinsics see it. */
export interface ResolvedResource {
  ref: string;
  attributes: Record<string, JsonValue>;
  /** Recorded, not run: attributes its type does not list (a nested stack's `Outputs.X`) get placeholders. */
  simulated?: boolean;
}

/** Marks a value that is only known once a resource is created (change set planning). */
export const PENDING_MARK = '{{pending-value}}';

export interface StackEvaluatorOptions {
  template: StackTemplate;
  /** Parameter values and pseudo parameters. */
  parameters: ReadonlyMap<string, ParameterValue>;
  region: string;
  /** A deployed resource, or undefined when it does not exist (yet). */
  resource: (logicalId: string) => ResolvedResource | undefined;
  /** `pending`: Ref/GetAtt of a resource not deployed yet give a marked placeholder instead of failing. */
  missingResources?: 'fail' | 'pending';
  exportValue: (name: string) => string | undefined;
  parameterStore: ParameterStore;
  /** Called with each export name Fn::ImportValue reads (a stack's imports block deleting those exports). */
  onImport?: (name: string) => void;
}

/** The reason a value cannot be evaluated, with the CloudFormation wording when there is one. */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
}

export class StackEvaluator {
  private readonly scope: IntrinsicScope;
  private readonly conditionValues = new Map<string, boolean>();

  constructor(private readonly options: StackEvaluatorOptions) {
    const processed = options.template.processed;
    this.scope = {
      parameters: options.parameters,
      mappings: jsonToTemplateNode(processed.Mappings ?? {}),
      conditions: jsonToTemplateNode(processed.Conditions ?? {}),
      region: options.region,
      policy: { unresolved: 'throw', conditions: 'evaluate' },
      refResource: (logicalId) => this.resourceValue(logicalId)?.ref,
      getAttribute: (logicalId, attribute) => this.attributeValue(logicalId, attribute),
      importValue: (name) => {
        options.onImport?.(name);
        return options.exportValue(name);
      },
    };
  }

  /** A named condition's value (memoized). */
  condition(name: string): boolean {
    let value = this.conditionValues.get(name);
    if (value === undefined) {
      value = this.guard(() => evaluateCondition(name, this.scope));
      this.conditionValues.set(name, value);
    }
    return value;
  }

  /** True when the resource (or output) has no Condition or its Condition holds. */
  isActive(definition: JsonObject): boolean {
    return typeof definition.Condition !== 'string' || this.condition(definition.Condition);
  }

  /** The value with every intrinsic evaluated; AWS::NoValue removes it (undefined). */
  evaluate(value: JsonValue | undefined): JsonValue | undefined {
    if (value === undefined) return undefined;
    const result = this.guard(() => evaluateIntrinsics(jsonToTemplateNode(value), this.scope));
    if (result === NO_VALUE) return undefined;
    return this.resolveDynamicReferences(result as JsonValue);
  }

  /** Evaluates a map-valued section (Properties, UpdatePolicy); a missing one is an empty map. */
  evaluateObject(value: JsonValue | undefined): JsonObject {
    const result = this.evaluate(value ?? {});
    return result !== null && typeof result === 'object' && !Array.isArray(result) ? result : {};
  }

  private resourceValue(logicalId: string): ResolvedResource | undefined {
    if (!Object.prototype.hasOwnProperty.call(this.options.template.resources, logicalId)) return undefined;
    const resource = this.options.resource(logicalId);
    if (resource) return resource;
    if (this.options.missingResources === 'pending') return { ref: PENDING_MARK, attributes: {} };
    throw new EvaluationError(`Resource ${logicalId} is not available (it was not created)`);
  }

  private attributeValue(logicalId: string, attribute: string): unknown {
    const resource = this.resourceValue(logicalId);
    if (!resource) return undefined;
    if (resource.ref === PENDING_MARK) return PENDING_MARK;
    const value = resource.attributes[attribute];
    if (value === undefined && resource.simulated) return `${resource.ref}-${attribute.replace(/\W+/g, '-')}`;
    if (value === undefined) {
      throw new EvaluationError(`Resource ${logicalId} has no attribute ${attribute} in the local cloud`);
    }
    return value;
  }

  private guard<T>(compute: () => T): T {
    try {
      return compute();
    } catch (error) {
      if (error instanceof UnresolvedIntrinsic) throw new EvaluationError(error.message);
      throw error;
    }
  }

  /** `{{resolve:ssm:name[:version]}}` and `{{resolve:ssm-secure:...}}` from the local parameter store. */
  private resolveDynamicReferences(value: JsonValue): JsonValue {
    if (typeof value === 'string') {
      if (!value.includes('{{resolve:')) return value;
      return value.replace(/\{\{resolve:([a-z-]+):([^}]*)\}\}/g, (_whole, service: string, reference: string) =>
        this.dynamicReference(service, reference),
      );
    }
    if (Array.isArray(value)) return value.map((item) => this.resolveDynamicReferences(item));
    if (value === null || typeof value !== 'object') return value;
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) result[key] = this.resolveDynamicReferences(item);
    return result;
  }

  private dynamicReference(service: string, reference: string): string {
    if (service === 'ssm' || service === 'ssm-secure') {
      const name = reference.replace(/:\d+$/, '');
      const parameter = this.options.parameterStore.get(name);
      if (!parameter) {
        throw new AwsError(
          'ValidationError',
          `Unable to fetch parameters [${name}] from parameter store for this account.`,
        );
      }
      return parameter.value;
    }
    throw new EvaluationError(
      `The dynamic reference {{resolve:${service}:${reference}}} cannot be resolved: the local cloud resolves ssm and ssm-secure references only`,
    );
  }
}
