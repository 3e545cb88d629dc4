// Runs a step for every node of a dependency graph, each as soon as everything it depends on has finished, so
// independent resources are worked on in parallel. After the first failure no new step starts; the steps already
// running finish. Deletion walks the reversed graph.

/** What a walk did: the nodes whose step threw (with the error), and those never started. */
export interface WalkResult {
  failed: Map<string, unknown>;
  notStarted: string[];
}

/**
 * Walks `nodes` in dependency order (`dependencies.get(a)` holds what `a` waits for; unknown names are ignored).
 * `shouldStop` is asked before each start (e.g. a cancelled update).
 */
export async function walkGraph(
  nodes: Iterable<string>,
  dependencies: ReadonlyMap<string, ReadonlySet<string>>,
  step: (node: string) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<WalkResult> {
  const pending = new Set(nodes);
  const waitingOn = new Map<string, Set<string>>();
  const dependents = new Map<string, string[]>();
  for (const node of pending) {
    const waits = new Set([...(dependencies.get(node) ?? [])].filter((dependency) => pending.has(dependency)));
    waitingOn.set(node, waits);
    for (const dependency of waits) {
      let list = dependents.get(dependency);
      if (!list) dependents.set(dependency, (list = []));
      list.push(node);
    }
  }
  const failed = new Map<string, unknown>();
  return new Promise<WalkResult>((resolve) => {
    let running = 0;
    const stopped = () => failed.size > 0 || shouldStop();
    const finish = () => resolve({ failed, notStarted: [...pending] });
    const startReady = () => {
      if (!stopped()) {
        for (const node of [...pending]) {
          if (waitingOn.get(node)!.size > 0) continue;
          pending.delete(node);
          running++;
          step(node).then(
            () => {
              for (const dependent of dependents.get(node) ?? []) waitingOn.get(dependent)?.delete(node);
              done();
            },
            (error: unknown) => {
              failed.set(node, error);
              done();
            },
          );
        }
      }
      if (running === 0) finish();
    };
    // Between steps the walk yields to the event loop, so the server keeps answering (DescribeStackEvents while
    // a stack deploys) even when providers finish synchronously.
    const done = () => {
      running--;
      setImmediate(startReady);
    };
    startReady();
  });
}

/** The graph with every edge reversed: what must wait for each node's dependents (deletion order). */
export function reverseGraph(dependencies: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const reversed = new Map<string, Set<string>>();
  for (const node of dependencies.keys()) reversed.set(node, new Set());
  for (const [node, waits] of dependencies) {
    for (const dependency of waits) {
      let set = reversed.get(dependency);
      if (!set) reversed.set(dependency, (set = new Set()));
      set.add(node);
    }
  }
  return reversed;
}

/** The nodes in an order where each comes after what it depends on (ties keep the given order). */
export function topologicalOrder(
  nodes: readonly string[],
  dependencies: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const included = new Set(nodes);
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string) => {
    if (state.has(node)) return;
    state.set(node, 'visiting');
    for (const dependency of dependencies.get(node) ?? []) if (included.has(dependency)) visit(dependency);
    state.set(node, 'done');
    ordered.push(node);
  };
  for (const node of nodes) visit(node);
  return ordered;
}
