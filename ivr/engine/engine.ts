// Runs a tenant's IVR flows for one call: one loop over steps, each step kind in its own small
// function (steps/). A hang-up aborts the signal and the engine returns at once.
import type { Language, Tenant } from '../../pbx-config/schema/tenant.js';
import type { Flows, Step } from '../flow/schema.js';
import type { CalendarVerdict, IvrEvents, IvrIo, IvrOutcome } from './io.js';
import { runCalendar } from './steps/calendar.js';
import { runLanguage } from './steps/language.js';
import { runMenu } from './steps/menu.js';

export interface IvrContext {
  tenant: Tenant;
  flows: Flows;
  /** Whether a calendar of the tenant says open at an instant (overrides included). */
  decide(calendar: string, at: Date): CalendarVerdict;
  /** Media URI of a prompt in a language (validation made sure it exists). */
  prompt(name: string, language: Language): string;
  io: IvrIo;
  events: IvrEvents;
  signal: AbortSignal;
  now(): Date;
}

/** The call's state while it walks the flows. */
export interface IvrState {
  flow: string;
  language: Language;
  /** Keys chosen in menus, in order ("choix:1"). */
  choices: string[];
  /** Entries into each menu, for maxLoops. */
  visits: Map<string, number>;
}

/** Where a step leads: another step of the same flow, another flow, or out of the IVR. */
export type Next = { step: string } | { flow: string } | { done: IvrOutcome };

/** A bound on steps per call, against any loop validation could not see. */
const MAX_STEPS = 500;

export async function runIvr(ctx: IvrContext, entryFlow: string, language: Language): Promise<IvrOutcome> {
  const state: IvrState = { flow: entryFlow, language, choices: [], visits: new Map() };
  let flow = ctx.flows[entryFlow];
  if (!flow) throw new Error(`unknown flow ${entryFlow}`);
  let stepName = flow.start;
  ctx.events.event('ivr.flow_entered', { flow: entryFlow });
  for (let i = 0; i < MAX_STEPS; i++) {
    if (ctx.signal.aborted) return { kind: 'aborted' };
    const step = flow.steps[stepName];
    if (!step) throw new Error(`flow ${state.flow}: no step ${stepName}`);
    const next = await runStep(ctx, state, stepName, step);
    if (ctx.signal.aborted) return { kind: 'aborted' };
    if ('done' in next) return next.done;
    if ('flow' in next) {
      flow = ctx.flows[next.flow];
      if (!flow) throw new Error(`unknown flow ${next.flow}`);
      state.flow = next.flow;
      stepName = flow.start;
      ctx.events.event('ivr.flow_entered', { flow: next.flow });
    } else {
      stepName = next.step;
    }
  }
  throw new Error(`flow ${state.flow}: more than ${MAX_STEPS} steps in one call`);
}

async function runStep(ctx: IvrContext, state: IvrState, name: string, step: Step): Promise<Next> {
  const media = (prompts: readonly string[]): string[] => prompts.map((p) => ctx.prompt(p, state.language));
  switch (step.type) {
    case 'announce': {
      ctx.events.event('ivr.announce', { flow: state.flow, step: name, prompts: step.prompt });
      await ctx.io.play(media(step.prompt), false);
      return { step: step.next };
    }
    case 'record':
      await ctx.io.startRecording();
      return { step: step.next };
    case 'event':
      ctx.events.event(step.name, { ...step.data, flow: state.flow, step: name, choices: state.choices, language: state.language });
      return { step: step.next };
    case 'menu':
      return runMenu(ctx, state, name, step, media);
    case 'language':
      return runLanguage(ctx, state, name, step);
    case 'calendar':
      return runCalendar(ctx, state, name, step);
    case 'queue':
      ctx.events.event('ivr.queue', { flow: state.flow, step: name, queue: step.queue });
      return { done: { kind: 'queue', queue: step.queue, language: state.language, choices: state.choices } };
    case 'hangup':
      ctx.events.event('ivr.hangup', { flow: state.flow, step: name });
      if (step.prompt) await ctx.io.play(media(step.prompt), false);
      return { done: { kind: 'hangup', language: state.language } };
    case 'goto':
      return { flow: step.flow };
  }
}
