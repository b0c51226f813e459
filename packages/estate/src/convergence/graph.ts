/**
 * The dependency graph: applications are nodes (keyed organisation/reference), integrations
 * are edges in the direction the data flows. Decommissioning an application stops every
 * integration to or from it, and starves everything downstream of it; graphs have cycles
 * (a CRM and a back office feeding each other), so every walk keeps a visited set.
 */
import type { ConvergenceApplication, ConvergenceIntegration, Impact, SwitchingCostParameters } from './model.ts';
import { switchingCost } from './switching-cost.ts';

export interface DependencyGraph {
  nodes: Map<string, ConvergenceApplication>;
  edges: ConvergenceIntegration[];
  /** Integrations whose source or target names no known application. */
  dangling: { organisationCode: string; reference: string; missing: string }[];
}

export const nodeKey = (a: { organisationCode: string; reference: string }) => `${a.organisationCode}/${a.reference}`;

export interface RawIntegration extends Omit<ConvergenceIntegration, 'source' | 'target'> {
  sourceApplication: string;
  targetApplication: string;
}

/**
 * Builds the graph. An integration names applications by the organisation's own reference; a
 * flow between councils (a district's revenues system feeding the county's finance system)
 * names one the organisation does not run, so a reference not found at home is looked for
 * among the other councils, and used when exactly one runs it.
 */
export function buildGraph(applications: readonly ConvergenceApplication[], integrations: readonly RawIntegration[]): DependencyGraph {
  const nodes = new Map(applications.map((a) => [nodeKey(a), a]));
  const byReference = new Map<string, string[]>();
  for (const a of applications) byReference.set(a.reference, [...(byReference.get(a.reference) ?? []), nodeKey(a)]);
  const resolve = (organisationCode: string, reference: string): string | null => {
    const home = `${organisationCode}/${reference}`;
    if (nodes.has(home)) return home;
    const elsewhere = byReference.get(reference) ?? [];
    return elsewhere.length === 1 ? elsewhere[0]! : null;
  };
  const edges: ConvergenceIntegration[] = [];
  const dangling: DependencyGraph['dangling'] = [];
  for (const { sourceApplication, targetApplication, ...rest } of integrations) {
    const source = resolve(rest.organisationCode, sourceApplication);
    const target = resolve(rest.organisationCode, targetApplication);
    if (!source || !target) {
      dangling.push({
        organisationCode: rest.organisationCode,
        reference: rest.reference,
        missing: !source ? sourceApplication : targetApplication,
      });
      continue;
    }
    edges.push({ ...rest, source, target });
  }
  return { nodes, edges, dangling };
}

/** Keys of the applications reachable downstream of `start` (not including it), in the order found. */
export function downstreamOf(graph: Pick<DependencyGraph, 'edges'>, start: string): string[] {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set([start]);
  const order: string[] = [];
  const queue = [start];
  while (queue.length > 0) {
    for (const next of out.get(queue.shift()!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      order.push(next);
      queue.push(next);
    }
  }
  return order;
}

/**
 * What breaks, and who must be told, when an application is decommissioned.
 * @example impactOfDecommissioning(graph, 'casterbridge/CDC-APP-001', DEFAULT_SWITCHING_COST).directIntegrations.length
 */
export function impactOfDecommissioning(graph: DependencyGraph, key: string, parameters: SwitchingCostParameters): Impact {
  const application = graph.nodes.get(key);
  if (!application) throw new Error(`no application ${key} in the graph`);
  const direct = graph.edges.filter((e) => e.source === key || e.target === key);
  const downstream = downstreamOf(graph, key).filter((k) => k !== key);
  const downstreamSet = new Set(downstream);
  const directSet = new Set(direct);
  const further = graph.edges.filter((e) => !directSet.has(e) && downstreamSet.has(e.source) && e.target !== key);

  const tell = new Map<string, Impact['applicationsToTell'][number]>();
  const addTell = (k: string, why: string) => {
    const a = graph.nodes.get(k);
    if (!a || k === key || tell.has(k)) return;
    tell.set(k, {
      key: k,
      organisationCode: a.organisationCode,
      reference: a.reference,
      name: a.name,
      businessOwner: a.businessOwner,
      why,
    });
  };
  for (const e of direct) {
    if (e.target === key) addTell(e.source, `sends data to it (${e.dataCarried ?? e.reference})`);
    else addTell(e.target, `receives data from it (${e.dataCarried ?? e.reference})`);
  }
  for (const k of downstream) addTell(k, 'downstream: receives data that starts in it');

  const owners = new Set<string>();
  if (application.businessOwner) owners.add(application.businessOwner);
  for (const t of tell.values()) if (t.businessOwner) owners.add(t.businessOwner);
  for (const e of [...direct, ...further]) if (e.owner) owners.add(e.owner);

  const affected = [...direct, ...further];
  return {
    application,
    directIntegrations: direct,
    downstreamIntegrations: further,
    applicationsToTell: [...tell.values()],
    owners: [...owners].sort(),
    personalDataFlows: affected.filter((e) => e.carriesPersonalData === true),
    switchingCost: switchingCost(application, direct, parameters),
  };
}

/**
 * Strongly connected components (Tarjan), each a list of keys; components come out with every
 * component that one of its nodes points to before it (reverse topological order).
 */
export function stronglyConnected(keys: readonly string[], successors: (key: string) => readonly string[]): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  // Iterative, so a long chain of applications cannot overflow the call stack.
  for (const root of keys) {
    if (indices.has(root)) continue;
    const work: { key: string; next: number }[] = [{ key: root, next: 0 }];
    indices.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const succ = successors(frame.key);
      if (frame.next < succ.length) {
        const w = succ[frame.next++]!;
        if (!indices.has(w)) {
          indices.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ key: w, next: 0 });
        } else if (onStack.has(w)) low.set(frame.key, Math.min(low.get(frame.key)!, indices.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.key;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.key)!));
      }
      if (low.get(frame.key) === indices.get(frame.key)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.key);
        components.push(component);
      }
    }
  }
  return components;
}
