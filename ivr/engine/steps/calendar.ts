// A time condition: the calendar's decision at this instant, in its own time zone (or a
// supervisor's override).
import type { z } from 'zod';
import type { CalendarStep } from '../../flow/schema.js';
import type { IvrContext, IvrState, Next } from '../engine.js';

export function runCalendar(ctx: IvrContext, state: IvrState, name: string, step: z.infer<typeof CalendarStep>): Next {
  const d = ctx.decide(step.calendar, ctx.now());
  ctx.events.event('ivr.calendar', { flow: state.flow, step: name, calendar: step.calendar, open: d.open, reason: d.reason, ...(d.detail ? { detail: d.detail } : {}), localTime: d.localTime });
  if (d.open) return { step: step.open };
  if (d.reason === 'holiday' && step.holiday) return { step: step.holiday };
  if (d.reason === 'closure' && step.closure) return { step: step.closure };
  return { step: step.closed };
}
