// Everything intrinsics need to know about one template under one set of parameter values: parameters,
// pseudo parameters, conditions, mappings and resource placeholders.
import { WorkbenchError } from '../../errors';
import type { ParsedTemplate } from '../../template/parseTemplate';
import { listResources } from '../../template/templateResources';
import { getMapValue, scalarString, type TemplateNode } from '../../template/templateTree';
import {
  evaluateIntrinsics,
  NO_VALUE,
  UnresolvedIntrinsic,
  type IntrinsicScope,
  type ParameterValue,
} from './evaluateIntrinsics';
import { createResourcePlaceholders, NAME_PROPERTIES, type PlaceholderResource } from './resourcePlaceholders';

/** Where the template is imagined to be deployed. */
export interface StackIdentity {
  region: string;
  accountId: string;
  stackName: string;
}

/** A template's evaluation scope plus what was decided while building it. */
export interface TemplateScope extends IntrinsicScope {
  identity: StackIdentity;
  partition: string;
  /** The template parameters' values (pseudo parameters excluded). */
  parameterValues: Record<string, ParameterValue>;
  /** Problems worth telling the user, e.g. a parameter with neither default nor override. */
  warnings: string[];
}

/** The account id SAM CLI uses locally. */
export const LOCAL_ACCOUNT_ID = '123456789012';

/** Builds the scope: parameter values from explicit overrides, then samconfig, then the template's defaults. */
export function createTemplateScope(
  template: ParsedTemplate,
  identity: StackIdentity,
  overrideLayers: ReadonlyArray<Readonly<Record<string, string>>>,
): TemplateScope {
  const root = template.root;
  const warnings: string[] = [];
  const partition = identity.region.startsWith('cn-')
    ? 'aws-cn'
    : identity.region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  const parameters = new Map<string, ParameterValue>([
    ['AWS::Region', identity.region],
    ['AWS::AccountId', identity.accountId],
    ['AWS::StackName', identity.stackName],
    [
      'AWS::StackId',
      `arn:${partition}:cloudformation:${identity.region}:${identity.accountId}:stack/${identity.stackName}/51af3dc0-da77-11e4-872e-1234567db123`,
    ],
    ['AWS::Partition', partition],
    ['AWS::URLSuffix', partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'],
    ['AWS::NotificationARNs', []],
  ]);
  const parameterValues: Record<string, ParameterValue> = {};
  const declared = getMapValue(root, 'Parameters');
  for (const pair of declared?.kind === 'map' ? declared.pairs : []) {
    const name = String(pair.key.value);
    const type = scalarString(getMapValue(pair.value, 'Type')) ?? 'String';
    const override = overrideLayers.map((layer) => layer[name]).find((value) => value !== undefined);
    const defaultNode = getMapValue(pair.value, 'Default');
    const raw = override ?? (defaultNode ? defaultText(defaultNode) : undefined);
    if (raw === undefined) {
      warnings.push(`Parameter ${name} has no default and no override; references to it stay unresolved.`);
      continue;
    }
    const allowed = getMapValue(pair.value, 'AllowedValues');
    if (allowed?.kind === 'seq' && !allowed.items.some((item) => scalarString(item) === raw)) {
      warnings.push(`Parameter ${name} is "${raw}", which is not one of its AllowedValues.`);
    }
    const value: ParameterValue =
      type === 'CommaDelimitedList' || type.startsWith('List<') ? raw.split(',').map((item) => item.trim()) : raw;
    parameters.set(name, value);
    parameterValues[name] = value;
  }
  for (const layer of overrideLayers) {
    for (const name of Object.keys(layer)) {
      if (!declared || !getMapValue(declared, name)) {
        warnings.push(`The override ${name} matches no parameter of the template.`);
      }
    }
  }

  const scope: TemplateScope = {
    identity,
    partition,
    parameters,
    parameterValues,
    warnings,
    mappings: getMapValue(root, 'Mappings'),
    conditions: getMapValue(root, 'Conditions'),
    region: identity.region,
    refResource: () => undefined,
    getAttribute: () => undefined,
  };
  // Explicit names may themselves use parameters (`!Sub ${Stage}-orders`), so they are evaluated in the scope.
  const resources: PlaceholderResource[] = listResources(template).map((resource) => {
    const entry: PlaceholderResource = { logicalId: resource.logicalId, type: resource.type ?? '' };
    const nameProperty = NAME_PROPERTIES[entry.type];
    const nameNode = nameProperty ? getMapValue(getMapValue(resource.node, 'Properties'), nameProperty) : undefined;
    const explicitName = nameNode ? tryEvaluate(nameNode, scope) : undefined;
    if (typeof explicitName === 'string') entry.explicitName = explicitName;
    return entry;
  });
  const placeholders = createResourcePlaceholders(resources, { ...identity, partition });
  scope.refResource = placeholders.ref;
  scope.getAttribute = placeholders.getAttribute;
  return scope;
}

/** Evaluates a node, answering undefined instead of throwing when an intrinsic cannot be resolved locally. */
export function tryEvaluate(node: TemplateNode | undefined, scope: IntrinsicScope): unknown {
  try {
    const value = evaluateIntrinsics(node, scope);
    return value === NO_VALUE ? undefined : value;
  } catch (error) {
    if (error instanceof UnresolvedIntrinsic) return undefined;
    throw error;
  }
}

/**
 * Evaluates a map property by property, so one unresolvable value (an ImportValue, say) costs only itself: it
 * becomes null and a warning naming its path.
 */
export function evaluateLeniently(
  node: TemplateNode | undefined,
  scope: IntrinsicScope,
  path: string,
  warnings: string[],
): unknown {
  try {
    const value = evaluateIntrinsics(node, scope);
    return value === NO_VALUE ? undefined : value;
  } catch (error) {
    if (!(error instanceof UnresolvedIntrinsic)) throw error;
    if (node?.kind === 'map' && !node.tag && !isIntrinsicMap(node)) {
      const result: Record<string, unknown> = {};
      for (const pair of node.pairs) {
        const key = String(pair.key.value);
        const value = evaluateLeniently(pair.value, scope, `${path}.${key}`, warnings);
        if (value !== undefined) result[key] = value;
      }
      return result;
    }
    warnings.push(`${path}: ${error.message}; it is left empty locally.`);
    return null;
  }
}

function isIntrinsicMap(node: TemplateNode): boolean {
  if (node.kind !== 'map' || node.pairs.length !== 1) return false;
  const key = String(node.pairs[0]?.key.value ?? '');
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

function defaultText(node: TemplateNode): string | undefined {
  if (node.kind === 'scalar') return node.value === null ? '' : String(node.value);
  if (node.kind === 'seq') return node.items.map((item) => scalarString(item) ?? '').join(',');
  return undefined;
}

/** Throws a WorkbenchError for templates whose syntax errors make resolution meaningless. */
export function assertParsed(template: ParsedTemplate, templatePath: string): void {
  const error = template.problems.find((problem) => problem.severity === 'error');
  if (!template.root || error) {
    throw new WorkbenchError(`${templatePath} cannot be parsed: ${error?.message ?? 'the file is empty'}`, {
      code: 'TemplateParseError',
      hint: 'Fix the template syntax first; the Problems panel shows where.',
    });
  }
}
