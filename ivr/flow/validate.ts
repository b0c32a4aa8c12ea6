// Refuses a flow with a mistake when it is loaded, with a message naming the flow and the step:
// a reference to a step, flow, prompt, calendar or queue that does not exist, a step that can
// never be reached, a loop with no exit, or a recording that can start before the caller has
// heard the recording notice.
import type { Language } from '../../pbx-config/schema/tenant.js';
import { buildGraph, node, reachable, targetsOf } from './graph.js';
import { type Flows, type Step, TERMINAL } from './schema.js';

export const RECORDING_NOTICE = 'recording-notice';

export interface FlowContext {
  languages: readonly Language[];
  /** Entry flows: the ones a line starts with. */
  entries: readonly string[];
  hasPrompt(name: string, language: Language): boolean;
  calendars: ReadonlySet<string>;
  queues: ReadonlySet<string>;
}

function promptsOf(step: Step): string[] {
  switch (step.type) {
    case 'announce': return step.prompt;
    case 'menu': return [...step.prompt, step.invalidPrompt, step.noInputPrompt];
    case 'language': return step.prompt;
    case 'hangup': return step.prompt ?? [];
    default: return [];
  }
}

const INTERACTIVE = new Set(['menu', 'language']);

export function validateFlows(flows: Flows, ctx: FlowContext): string[] {
  const problems: string[] = [];
  const say = (n: string, msg: string): void => { problems.push(`flow ${n.replace('/', ', step ')}: ${msg}`); };

  for (const entry of ctx.entries) if (!flows[entry]) problems.push(`flow ${entry}: a line starts with it, but it does not exist`);
  for (const [flowId, flow] of Object.entries(flows)) {
    if (!flow.steps[flow.start]) problems.push(`flow ${flowId}: start step "${flow.start}" does not exist`);
    for (const [name, step] of Object.entries(flow.steps)) {
      const at = node(flowId, name);
      const t = targetsOf(step);
      for (const s of t.steps) if (!flow.steps[s]) say(at, `leads to step "${s}", which does not exist`);
      for (const f of t.flows) if (!flows[f]) say(at, `goes to flow "${f}", which does not exist`);
      for (const p of promptsOf(step)) {
        const missing = ctx.languages.filter((l) => !ctx.hasPrompt(p, l));
        if (missing.length) say(at, `unknown prompt "${p}" (no recording for ${missing.join(', ')})`);
      }
      if (step.type === 'calendar' && !ctx.calendars.has(step.calendar)) say(at, `unknown calendar "${step.calendar}"`);
      if (step.type === 'queue' && !ctx.queues.has(step.queue)) say(at, `unknown queue "${step.queue}"`);
    }
  }

  const g = buildGraph(flows);
  const starts = ctx.entries.filter((f) => flows[f]).map((f) => node(f, (flows[f] as Flows[string]).start));
  const seen = reachable(g, starts);
  for (const n of g.nodes.keys()) if (!seen.has(n)) say(n, 'can never be reached');

  // A loop with no exit: a reachable step from which no terminal step can be reached.
  const reverse = new Map<string, string[]>();
  for (const [from, tos] of g.edges) for (const to of tos) reverse.set(to, [...(reverse.get(to) ?? []), from]);
  const terminals = [...g.nodes].filter(([, s]) => TERMINAL.has(s.type)).map(([n]) => n);
  const canExit = new Set<string>();
  const todo = [...terminals];
  while (todo.length) {
    const n = todo.pop() as string;
    if (canExit.has(n)) continue;
    canExit.add(n);
    todo.push(...(reverse.get(n) ?? []));
  }
  for (const n of seen) if (!canExit.has(n)) say(n, 'is in a loop with no exit (no path to a queue, a hang-up or another flow)');

  // A loop that never asks the caller anything would spin forever.
  for (const n of seen) {
    const step = g.nodes.get(n);
    if (!step || INTERACTIVE.has(step.type)) continue;
    const back = reachable(g, g.edges.get(n) ?? [], (m) => INTERACTIVE.has(g.nodes.get(m)?.type ?? ''));
    if (back.has(n)) say(n, 'loops back to itself without a menu in between');
  }

  // Recording only after the notice: walk from the entries, stopping at steps that play it.
  const playsNotice = (n: string): boolean => { const s = g.nodes.get(n); return s?.type === 'announce' && s.prompt.includes(RECORDING_NOTICE); };
  for (const n of reachable(g, starts, playsNotice)) {
    if (g.nodes.get(n)?.type === 'record' ) say(n, `starts recording on a path where the caller has not heard "${RECORDING_NOTICE}"`);
  }
  return problems;
}
