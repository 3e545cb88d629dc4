// One template under one set of parameter values in one stack: everything intrinsics need (parameters, pseudo
// parameters, conditions, mappings, resource placeholders) and the questions callers ask of it. The local runtime
// and the sample events both resolve through it; options say how each wants the unknowable answered.
import type { ParsedTemplate } from '../parseTemplate';
import { listResources } from '../templateResources';
import { getMapValue, type TemplateNode } from '../templateTree';
import {
  evaluateCondition,
  evaluateIntrinsics,
  NO_VALUE,
  scalarText,
  UnresolvedIntrinsic,
  type IntrinsicScope,
  type ParameterValue,
} from './evaluateIntrinsics';
import { intrinsicCall, referencedName } from './intrinsicCall';
import { resolveParameters } from './resolveParameters';
import { ResourcePlaceholders } from './resourcePlaceholders';
import { pseudoParameters, type StackIdentity } from './stackIdentity';

/** How a TemplateResolver reads parameters and answers what cannot be known locally. */
export interface TemplateResolverOptions {
  /** Parameter values by precedence: each parameter takes the first layer's value that sets it, else its default. */
  overrideLayers?: ReadonlyArray<Readonly<Record<string, string>>>;
  /**
   * `throw` (default): unresolvable intrinsics throw UnresolvedIntrinsic inside, and the caller decides per value.
   * `guess`: they are left out or stand as readable placeholders, and parameters without a value get one too.
   */
  unresolved?: 'throw' | 'guess';
  /** Fn::If: evaluate its condition (default), or take the first branch. */
  conditions?: 'evaluate' | 'firstBranch';
  /** Fn::GetAtt of an attribute the placeholders do not know: `<name>-<Attribute>` (default), or unresolved. */
  unknownAttributes?: 'derive' | 'unresolved';
}

/** Resolves the values of one template to plain data, names and ARNs, for one stack and one set of parameters. */
export class TemplateResolver<Identity extends StackIdentity = StackIdentity> {
  /** The template parameters' values (pseudo parameters excluded). */
  readonly parameterValues: Record<string, ParameterValue>;
  /** Problems worth telling the user, e.g. a parameter with neither default nor override. */
  readonly warnings: string[];
  private readonly scope: IntrinsicScope;
  private readonly placeholders: ResourcePlaceholders;
  private readonly properties = new Map<string, TemplateNode | undefined>();
  private readonly deriveAttributes: boolean;

  constructor(
    template: ParsedTemplate,
    readonly identity: Identity,
    options: TemplateResolverOptions = {},
  ) {
    const resources = listResources(template);
    for (const resource of resources) this.properties.set(resource.logicalId, getMapValue(resource.node, 'Properties'));
    const parameters = resolveParameters(template, options.overrideLayers ?? [], options.unresolved === 'guess');
    this.parameterValues = parameters.values;
    this.warnings = parameters.warnings;
    this.deriveAttributes = options.unknownAttributes !== 'unresolved';
    // Declared names may use parameters, mappings and other resources (`!Sub ${Stage}-orders`), so they are
    // evaluated in this scope, when first asked for.
    this.placeholders = new ResourcePlaceholders(resources, identity, (logicalId, property) =>
      this.resolveValue(getMapValue(this.properties.get(logicalId), property)),
    );
    this.scope = {
      parameters: new Map([...pseudoParameters(identity), ...Object.entries(this.parameterValues)]),
      mappings: getMapValue(template.root, 'Mappings'),
      conditions: getMapValue(template.root, 'Conditions'),
      region: identity.region,
      policy: { unresolved: options.unresolved ?? 'throw', conditions: options.conditions ?? 'evaluate' },
      refResource: (logicalId) => this.placeholders.ref(logicalId),
      getAttribute: (logicalId, attribute) => this.getAtt(logicalId, attribute),
    };
  }

  /** The node as plain data with every intrinsic resolved; undefined when it cannot be resolved (or is NoValue). */
  resolveValue(node: TemplateNode | undefined): unknown {
    if (!node) return undefined;
    try {
      const value = evaluateIntrinsics(node, this.scope);
      return value === NO_VALUE ? undefined : value;
    } catch (error) {
      if (error instanceof UnresolvedIntrinsic) return undefined;
      throw error;
    }
  }

  /** The node's value as text, when it resolves to a scalar. */
  resolveString(node: TemplateNode | undefined): string | undefined {
    return scalarText(this.resolveValue(node));
  }

  /**
   * Evaluates a map property by property, so one unresolvable value (an ImportValue, say) costs only itself: it
   * becomes null and a warning naming its path.
   */
  evaluateLeniently(node: TemplateNode | undefined, path: string, warnings: string[]): unknown {
    try {
      const value = evaluateIntrinsics(node, this.scope);
      return value === NO_VALUE ? undefined : value;
    } catch (error) {
      if (!(error instanceof UnresolvedIntrinsic)) throw error;
      if (node?.kind === 'map' && !intrinsicCall(node)) {
        const result: Record<string, unknown> = {};
        for (const pair of node.pairs) {
          const key = String(pair.key.value);
          const value = this.evaluateLeniently(pair.value, `${path}.${key}`, warnings);
          if (value !== undefined) result[key] = value;
        }
        return result;
      }
      warnings.push(`${path}: ${error.message}; it is left empty locally.`);
      return null;
    }
  }

  /** Evaluates one named condition of the template's Conditions section; throws UnresolvedIntrinsic when it cannot. */
  evaluateCondition(name: string): boolean {
    return evaluateCondition(name, this.scope);
  }

  /** What `Ref` returns for a parameter, pseudo parameter or resource, as text (lists comma-joined). */
  refValue(name: string): string | undefined {
    const value = this.scope.parameters.get(name) ?? this.placeholders.ref(name);
    return Array.isArray(value) ? value.join(',') : value;
  }

  /** What `Fn::GetAtt` returns; undefined for unknown resources (and unknown attributes, unless derived). */
  getAtt(logicalId: string, attribute: string): string | undefined {
    const known = this.placeholders.getAttribute(logicalId, attribute);
    if (known !== undefined || !this.deriveAttributes) return known;
    return this.placeholders.derivedAttribute(logicalId, attribute);
  }

  /** The resource's name: the declared name property, or CloudFormation's generated `<stack>-<LogicalId>-<suffix>`. */
  physicalName(logicalId: string): string {
    return this.placeholders.physicalName(logicalId);
  }

  /** The ARN of a resource of the given type and name. */
  arnOf(type: string, name: string): string {
    return this.placeholders.arnOf(type, name);
  }

  /** The 10-character id API Gateway gives an API. */
  apiId(logicalId: string): string {
    return this.placeholders.apiId(logicalId);
  }

  /** The id Cognito gives a user pool (`<region>_<9 characters>`). */
  userPoolId(logicalId: string): string {
    return this.placeholders.userPoolId(logicalId);
  }

  /** The resource's declared type, or SAM's type for its implicit APIs. */
  resourceType(logicalId: string): string | undefined {
    return this.placeholders.resourceType(logicalId);
  }

  /** The resource's `Properties` node. */
  resourceProperties(logicalId: string): TemplateNode | undefined {
    return this.properties.get(logicalId);
  }

  /** The logical id a `Ref`, `Fn::GetAtt` or `${Resource}`-only `Fn::Sub` names, when it is a resource. */
  referencedResource(node: TemplateNode | undefined): string | undefined {
    const name = referencedName(node);
    return name !== undefined && this.resourceType(name) !== undefined ? name : undefined;
  }
}
