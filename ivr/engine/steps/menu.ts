// A menu: play the prompt (a key interrupts it), wait for a key; no key or a wrong key plays a
// message and the menu again, up to `retries` times, then the menu's fallback. A call entering
// the same menu more than maxLoops times goes to onMaxLoops.
import type { z } from 'zod';
import type { MenuStep } from '../../flow/schema.js';
import type { IvrContext, IvrState, Next } from '../engine.js';

export async function runMenu(ctx: IvrContext, state: IvrState, name: string, step: z.infer<typeof MenuStep>, media: (p: readonly string[]) => string[]): Promise<Next> {
  const key = `${state.flow}/${name}`;
  const loop = (state.visits.get(key) ?? 0) + 1;
  state.visits.set(key, loop);
  const where = { flow: state.flow, step: name };
  if (loop > step.maxLoops) {
    ctx.events.event('ivr.max_loops', { ...where, loops: step.maxLoops });
    return { step: step.onMaxLoops };
  }
  ctx.events.event('ivr.menu', { ...where, loop });
  let last: 'timeout' | 'invalid' = 'timeout';
  for (let attempt = 1; attempt <= step.retries + 1; attempt++) {
    const played = await ctx.io.play(media(step.prompt), true);
    if (ctx.signal.aborted) return { done: { kind: 'aborted' } };
    const digit = played.digit ?? (await ctx.io.nextDigit(step.timeoutMs));
    if (ctx.signal.aborted) return { done: { kind: 'aborted' } };
    if (digit === undefined) {
      last = 'timeout';
      ctx.events.event('ivr.timeout', { ...where, attempt });
      if (attempt <= step.retries) await ctx.io.play(media([step.noInputPrompt]), false);
      continue;
    }
    const target = step.options[digit];
    if (target !== undefined) {
      ctx.events.event('ivr.key', { ...where, digit, attempt });
      state.choices.push(`${name}:${digit}`);
      return { step: target };
    }
    last = 'invalid';
    ctx.events.event('ivr.invalid_key', { ...where, digit, attempt });
    if (attempt <= step.retries) await ctx.io.play(media([step.invalidPrompt]), false);
  }
  ctx.events.event('ivr.fallback', { ...where, after: last });
  return { step: last === 'timeout' ? step.onTimeout : step.onInvalid };
}
