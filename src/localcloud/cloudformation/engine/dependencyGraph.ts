// The order resources are created in: an edge for every Ref, Fn::GetAtt and `${Name}` of Fn::Sub that names
// another resource, and for DependsOn. Both branches of Fn::If count, as CloudFormation analyses templates
// statically. Cycles are reported with CloudFormation's message.
import type { JsonObject, JsonValue } from '../../../core/template/templateJson';

/** Names a value refers to: `Ref` targets, GetAtt resources, `${Name}`/`${Name.Attr}` in Sub (pseudo params too). */
export interface References {
  refs: Set<string>;
  getAtts: Set<string>;
  /** `Resource.Attribute` pairs named by Fn::GetAtt and Fn::Sub. */
  attributes: Set<string>;
}

/**
 * Collects every name a JSON value refers to. `unconditional`: leave out what is inside Fn::If (which may name
 * resources whose Condition is false, as long as the branch is not taken).
 */
export function collectReferences(value: JsonValue | undefined, into?: References, unconditional = false): References {
  const references = into ?? { refs: new Set(), getAtts: new Set(), attributes: new Set() };
  visit(value, references, unconditional);
  return references;
}

function visit(value: JsonValue | undefined, references: References, unconditional: boolean): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, references, unconditional);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const argument = value[key];
    if (key === 'Fn::If' && unconditional) return;
    if (key === 'Ref' && typeof argument === 'string') {
      references.refs.add(argument);
      return;
    }
    if (key === 'Fn::GetAtt') {
      const [resource, attribute] = getAttTarget(argument);
      if (resource) {
        references.getAtts.add(resource);
        if (attribute) references.attributes.add(`${resource}.${attribute}`);
      }
      if (Array.isArray(argument)) visit(argument[1], references, unconditional);
      return;
    }
    if (key === 'Fn::Sub') {
      const text = Array.isArray(argument) ? argument[0] : argument;
      const variables = Array.isArray(argument) ? argument[1] : undefined;
      const local =
        variables !== null && typeof variables === 'object' && !Array.isArray(variables)
          ? new Set(Object.keys(variables))
          : new Set<string>();
      if (typeof text === 'string') {
        for (const name of subVariables(text)) {
          if (local.has(name)) continue;
          const dot = name.indexOf('.');
          if (dot < 0) {
            references.refs.add(name);
          } else {
            references.getAtts.add(name.slice(0, dot));
            references.attributes.add(name);
          }
        }
      }
      visit(variables, references, unconditional);
      return;
    }
  }
  for (const key of keys) visit(value[key], references, unconditional);
}

/** The `${Name}` variables of a Fn::Sub string (`${!Literal}` excluded). */
export function subVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = match[1]!;
    if (!inner.startsWith('!')) names.push(inner.trim());
  }
  return names;
}

/** `[resource, attribute]` of a GetAtt argument (`"A.B"` or `["A", "B"]`). */
export function getAttTarget(argument: JsonValue | undefined): [string | undefined, string | undefined] {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    return dot < 0 ? [argument, undefined] : [argument.slice(0, dot), argument.slice(dot + 1)];
  }
  if (Array.isArray(argument) && typeof argument[0] === 'string') {
    return [argument[0], typeof argument[1] === 'string' ? argument[1] : undefined];
  }
  return [undefined, undefined];
}

/** The DependsOn of a resource definition as a list. */
export function dependsOnOf(definition: JsonObject): string[] {
  const dependsOn = definition.DependsOn;
  if (typeof dependsOn === 'string') return [dependsOn];
  return Array.isArray(dependsOn) ? dependsOn.filter((item): item is string => typeof item === 'string') : [];
}

/** Each resource's dependencies among `resourceIds`: references in Properties, Metadata-free, and DependsOn. */
export function resourceDependencies(
  resources: Record<string, JsonObject>,
  resourceIds: ReadonlySet<string>,
): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [logicalId, definition] of Object.entries(resources)) {
    if (!resourceIds.has(logicalId)) continue;
    const references = collectReferences(definition.Properties);
    collectReferences(definition.UpdatePolicy, references);
    const dependencies = new Set<string>();
    for (const name of [...references.refs, ...references.getAtts, ...dependsOnOf(definition)]) {
      if (name !== logicalId && resourceIds.has(name)) dependencies.add(name);
    }
    graph.set(logicalId, dependencies);
  }
  return graph;
}

/** The resources on dependency cycles (sorted), or an empty list when the graph is acyclic. */
export function resourcesOnCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  // Tarjan's strongly connected components, iteratively (templates may hold hundreds of resources).
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cyclic: string[] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; edges: Iterator<string> }> = [];
    const enter = (node: string) => {
      index.set(node, counter);
      lowLink.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: (graph.get(node) ?? new Set<string>()).values() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const next = frame.edges.next();
      if (!next.done) {
        const target = next.value;
        if (!graph.has(target)) continue;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = graph.get(frame.node)?.has(frame.node) ?? false;
      if (component.length > 1 || selfLoop) cyclic.push(...component);
    }
  }
  return cyclic.sort();
}
