// What the panel learns from the call journal as entries are appended, for what the ACD does not
// keep: the caller's way through the IVR (language chosen, menu keys, calendar decisions, as the
// IVR journals them: ivr.language, ivr.key, ivr.calendar), when a callback was asked for, the line
// of each call, and the last call each agent answered (its wrap-up stays on the panel until it is
// saved). In memory and bounded: after a restart, the IVR path of a call that started before is
// read from MariaDB instead (store.ts), and a callback's request time is its queue entry.
import type { JournalEntry } from '../journal/entries.js';
import { BoundedMap } from './bounded.js';
import type { IvrStep } from './types.js';

/** Calls remembered (the oldest are forgotten first): hours of a busy site's traffic. */
const MAX_CALLS = 20_000;
/** Steps kept per call: a caller looping in a menu cannot grow it without end. */
const MAX_STEPS = 50;

interface CallNotes {
  line: string | null;
  /** Seen from its first entry: its IVR path here is whole. */
  fromStart: boolean;
  ivr: IvrStep[];
  callbackAt: Date | null;
}

type Data = Readonly<Record<string, unknown>>;
const text = (d: Data, key: string): string | undefined => (typeof d[key] === 'string' && d[key] !== '' ? d[key] : undefined);

/** One IVR event as a step of the panel's path; undefined for the IVR's other events. */
export function ivrStep(type: string, d: Data): IvrStep | undefined {
  switch (type) {
    case 'ivr.language': {
      const language = text(d, 'language');
      return language ? { kind: 'language', language } : undefined;
    }
    case 'ivr.key': {
      const menu = text(d, 'step'), key = text(d, 'digit'), flow = text(d, 'flow');
      return menu && key ? { kind: 'key', menu, key, ...(flow ? { flow } : {}) } : undefined;
    }
    case 'ivr.calendar': {
      const calendar = text(d, 'calendar');
      if (!calendar) return undefined;
      const reason = text(d, 'reason');
      const decision = d.open === true ? 'open' : reason === 'holiday' || reason === 'closure' ? reason : 'closed';
      return { kind: 'calendar', calendar, decision };
    }
    default: return undefined;
  }
}

export class LiveNotes {
  private readonly calls = new BoundedMap<string, CallNotes>(MAX_CALLS);
  /** Agent id → the last call it answered (one entry per agent). */
  private readonly lastCalls = new Map<string, string>();

  observe(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      if (entry.kind === 'call') {
        this.calls.set(entry.call.id, { line: entry.call.line, fromStart: true, ivr: [], callbackAt: null });
        continue;
      }
      if (entry.kind !== 'event') continue;
      const { callId, type, at } = entry.event;
      const d: Data = entry.event.data ?? {};
      if (type === 'agent.answered' && text(d, 'agent')) {
        this.lastCalls.set(d.agent as string, callId);
        continue;
      }
      const step = ivrStep(type, d);
      if (!step && type !== 'callback.requested') continue;
      let notes = this.calls.get(callId);
      if (!notes) this.calls.set(callId, (notes = { line: null, fromStart: false, ivr: [], callbackAt: null }));
      if (step && notes.ivr.length < MAX_STEPS) notes.ivr.push(step);
      if (type === 'callback.requested') notes.callbackAt = at;
    }
  }

  /** The call's IVR path; undefined when the call started before these notes (read it from MariaDB). */
  ivrPath(callId: string): IvrStep[] | undefined {
    const notes = this.calls.get(callId);
    return notes?.fromStart ? [...notes.ivr] : undefined;
  }

  line(callId: string): string | undefined {
    return this.calls.get(callId)?.line ?? undefined;
  }

  callbackRequestedAt(callId: string): Date | undefined {
    return this.calls.get(callId)?.callbackAt ?? undefined;
  }

  lastCall(agentId: string): string | undefined {
    return this.lastCalls.get(agentId);
  }
}
