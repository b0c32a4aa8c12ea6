// Who takes which call. Pure reads of the state: skill matching, the agent a call is offered to,
// the call an agent who becomes free takes, and the caller's position and expected wait.
import type { Agent, Call, Queue } from './state.js';
import type { AgentConfig, QueueConfig } from './types.js';

function level(a: AgentConfig, name: string, value: string): number {
  return a.skills.find((s) => s.name === name && s.value === value)?.level ?? 0;
}

/** The agent's level sum on the queue's skills; null for another tenant's agent or a missing or too low skill. */
export function queueLevel(q: QueueConfig, a: AgentConfig): number | null {
  if (a.tenant !== q.tenant) return null;
  let sum = 0;
  for (const s of q.skills) {
    const l = level(a, s.name, s.value);
    if (l < (s.minLevel ?? 1)) return null;
    sum += l;
  }
  return sum;
}

/** The agent's level in the call's language when the queue routes by language (0 when it does not); null: cannot take it. */
export function languageLevel(q: QueueConfig, a: AgentConfig, language: string | null): number | null {
  if (q.languageSkill === undefined || language === null) return 0;
  const l = level(a, q.languageSkill, language);
  return l >= 1 ? l : null;
}

export function isFree(agent: Agent): boolean {
  return agent.state === 'available' && agent.registered;
}

/**
 * The agent to offer a waiting call to, among the queue's free agents who have the call's language:
 * agents not yet tried in this round first (a tried agent is picked only when every other one has
 * been tried: that starts a new round), then the longest idle, then the highest level, then the id.
 * O(agents of the queue).
 */
export function pickAgent(q: Queue, call: Call): Agent | null {
  let best: Agent | null = null;
  let bestTried = true, bestLevel = 0;
  for (const { agent, level: base } of q.agents) {
    if (!isFree(agent)) continue;
    const lang = languageLevel(q.config, agent.config, call.language);
    if (lang === null) continue;
    const tried = call.tried.has(agent.id), lvl = base + lang;
    const better = best === null
      || (tried !== bestTried ? !tried
        : agent.idleSince !== best.idleSince ? agent.idleSince < best.idleSince
          : lvl !== bestLevel ? lvl > bestLevel : agent.id < best.id);
    if (better) { best = agent; bestTried = tried; bestLevel = lvl; }
  }
  return best;
}

/**
 * The call an agent who has just become free takes: in each queue they serve, the first waiting call
 * (queues are kept in service order) in a language they speak; across queues the highest priority,
 * then the longest in its queue, then the first to arrive. An agent already tried for that call gets
 * it again: had any other free agent been able to take it, it would not be waiting (a new round).
 * O(queues + waiting calls).
 */
export function pickCall(agent: Agent): Call | null {
  if (!isFree(agent)) return null;
  let best: Call | null = null;
  for (const { queue } of agent.queues) {
    for (const call of queue.calls) {
      if (best !== null && (call.priority < best.priority || (call.priority === best.priority && call.enteredAt > best.enteredAt))) break;
      if (call.status !== 'waiting' || languageLevel(queue.config, agent.config, call.language) === null) continue;
      if (best === null || call.priority > best.priority || call.enteredAt < best.enteredAt
        || (call.enteredAt === best.enteredAt && call.seq < best.seq)) best = call;
      break;
    }
  }
  return best;
}

/** 1 for the call at the head of its queue; calls ahead being offered or waiting for their callback count. */
export function position(q: Queue, call: Call): number {
  return q.calls.indexOf(call) + 1;
}

/** Agents logged in to the queue and not paused: those who will take its calls. */
export function staffed(q: Queue): number {
  let n = 0;
  for (const { agent } of q.agents) if (agent.state !== 'logged_out' && agent.state !== 'paused') n++;
  return n;
}

/** Mean of the queue's recent handle times, or its configured default before any call was handled. */
export function averageHandleMs(q: Queue): number {
  const h = q.handleTimes;
  return h.length === 0 ? q.config.defaultHandleMs : h.reduce((a, b) => a + b, 0) / h.length;
}

/**
 * Expected wait for the caller at `pos`: staffed agents free up at a rate of staffed / AHT, and the
 * caller's turn comes after `pos` of them: pos × AHT / staffed (pos × AHT when nobody is staffed).
 */
export function expectedWaitMs(q: Queue, pos: number): number {
  return Math.round((pos * averageHandleMs(q)) / Math.max(1, staffed(q)));
}
