import type { TemplateDiagnostic } from '../templateDiagnostic';
import type { TemplateReference } from './templateReferences';

/** Reports every `DependsOn` entry that is part of a cycle (CloudFormation rejects circular dependencies). */
export function validateDependsOn(references: readonly TemplateReference[]): TemplateDiagnostic[] {
  const edges = new Map<string, Extract<TemplateReference, { kind: 'dependson' }>[]>();
  for (const reference of references) {
    if (reference.kind !== 'dependson') continue;
    const list = edges.get(reference.owner) ?? [];
    list.push(reference);
    edges.set(reference.owner, list);
  }
  const diagnostics: TemplateDiagnostic[] = [];
  for (const component of stronglyConnectedComponents(edges)) {
    const members = new Set(component);
    const cyclic = component.length > 1 || (edges.get(component[0]!) ?? []).some((edge) => edge.name === edge.owner);
    if (!cyclic) continue;
    for (const owner of component) {
      for (const edge of edges.get(owner) ?? []) {
        if (!members.has(edge.name)) continue;
        diagnostics.push({
          range: edge.range,
          severity: 'error',
          code: 'circular-dependson',
          message: `Circular dependency: ${describeCycle(edge.owner, edge.name, edges, members)}.`,
        });
      }
    }
  }
  return diagnostics;
}

/** `A → B → C → A`: the shortest way back from the edge's target to its owner, inside the component. */
function describeCycle(
  owner: string,
  target: string,
  edges: ReadonlyMap<string, readonly { name: string }[]>,
  members: ReadonlySet<string>,
): string {
  const previous = new Map<string, string>([[target, '']]);
  const queue = [target];
  while (queue.length > 0 && !previous.has(owner)) {
    const current = queue.shift()!;
    for (const edge of edges.get(current) ?? []) {
      if (!members.has(edge.name) || previous.has(edge.name)) continue;
      previous.set(edge.name, current);
      queue.push(edge.name);
    }
  }
  if (!previous.has(owner)) return `${owner} → ${target}`;
  const path: string[] = [];
  for (let node = owner; node !== target; node = previous.get(node)!) path.unshift(node);
  return [owner, target, ...path].join(' → ');
}

/** Tarjan's algorithm, iterative so that long dependency chains cannot overflow the stack. */
function stronglyConnectedComponents(edges: ReadonlyMap<string, readonly { name: string }[]>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!.name;
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
