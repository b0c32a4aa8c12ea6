// A tenant's flows as one graph: node "flow/step", edges to every step a step can lead to, and a
// `goto` leading to the start of the other flow.
import type { Flows, Step } from './schema.js';

export const node = (flow: string, step: string): string => `${flow}/${step}`;

/** The steps a step can lead to, in its own flow (targets), and the flows it jumps to. */
export function targetsOf(step: Step): { steps: string[]; flows: string[] } {
  switch (step.type) {
    case 'announce':
    case 'record':
    case 'event':
    case 'language':
      return { steps: [step.next], flows: [] };
    case 'menu':
      return { steps: [...Object.values(step.options), step.onTimeout, step.onInvalid, step.onMaxLoops], flows: [] };
    case 'calendar':
      return { steps: [step.open, step.closed, ...(step.holiday ? [step.holiday] : []), ...(step.closure ? [step.closure] : [])], flows: [] };
    case 'goto':
      return { steps: [], flows: [step.flow] };
    case 'queue':
    case 'hangup':
      return { steps: [], flows: [] };
  }
}

export interface FlowGraph {
  nodes: Map<string, Step>;
  edges: Map<string, string[]>;
}

/** Builds the graph, skipping references that do not resolve (validation reports those). */
export function buildGraph(flows: Flows): FlowGraph {
  const nodes = new Map<string, Step>();
  const edges = new Map<string, string[]>();
  for (const [flowId, flow] of Object.entries(flows)) {
    for (const [stepName, step] of Object.entries(flow.steps)) nodes.set(node(flowId, stepName), step);
  }
  for (const [flowId, flow] of Object.entries(flows)) {
    for (const [stepName, step] of Object.entries(flow.steps)) {
      const t = targetsOf(step);
      const out = t.steps.map((s) => node(flowId, s)).filter((n) => nodes.has(n));
      for (const f of t.flows) {
        const target = flows[f];
        if (target && nodes.has(node(f, target.start))) out.push(node(f, target.start));
      }
      edges.set(node(flowId, stepName), out);
    }
  }
  return { nodes, edges };
}

/** Every node reachable from `starts`, not going past nodes for which `stop` holds. */
export function reachable(g: FlowGraph, starts: string[], stop: (n: string) => boolean = () => false): Set<string> {
  const seen = new Set<string>();
  const todo = starts.filter((s) => g.nodes.has(s));
  while (todo.length) {
    const n = todo.pop() as string;
    if (seen.has(n)) continue;
    seen.add(n);
    if (stop(n)) continue;
    for (const m of g.edges.get(n) ?? []) if (!seen.has(m)) todo.push(m);
  }
  return seen;
}
