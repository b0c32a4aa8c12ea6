// The language menu: a key chooses the call's language; no valid choice keeps the fallback. Its
// prompt speaks every offered language itself (the built-in language-menu is recorded with
// each part in its own voice), so it is played once, as recorded for the call's current
// language.
import type { z } from 'zod';
import type { LanguageStep } from '../../flow/schema.js';
import type { IvrContext, IvrState, Next } from '../engine.js';

export async function runLanguage(ctx: IvrContext, state: IvrState, name: string, step: z.infer<typeof LanguageStep>): Promise<Next> {
  const where = { flow: state.flow, step: name };
  const media = step.prompt.map((p) => ctx.prompt(p, state.language));
  ctx.events.event('ivr.menu', { ...where, loop: 1 });
  for (let attempt = 1; attempt <= step.retries + 1; attempt++) {
    const played = await ctx.io.play(media, true);
    if (ctx.signal.aborted) return { done: { kind: 'aborted' } };
    const digit = played.digit ?? (await ctx.io.nextDigit(step.timeoutMs));
    if (ctx.signal.aborted) return { done: { kind: 'aborted' } };
    const chosen = digit === undefined ? undefined : step.options[digit];
    if (chosen) {
      state.language = chosen;
      state.choices.push(`${name}:${digit ?? ''}`);
      ctx.events.event('ivr.language', { ...where, language: chosen, chosen: true, digit });
      return { step: step.next };
    }
    ctx.events.event(digit === undefined ? 'ivr.timeout' : 'ivr.invalid_key', { ...where, attempt, ...(digit ? { digit } : {}) });
  }
  state.language = step.fallback;
  ctx.events.event('ivr.language', { ...where, language: step.fallback, chosen: false });
  return { step: step.next };
}
