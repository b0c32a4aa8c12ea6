// The in-queue callback request, as the caller hears it: after the queue's callback key, the
// caller's number is read back digit by digit and they confirm it (1) or give another (2); a
// caller whose number is withheld types one straight away, ended by #. Only a confirmed number is
// called back. The caller keeps waiting (and keeps their place) throughout: an agent who answers
// meanwhile ends the dialogue, and a caller who presses nothing goes on waiting. A number the
// tenant's dialling policy refuses (premium, emergency, short, a country not allowed...) is never
// read back: the caller hears that it cannot be called back and is asked for another, as after a
// number too short or too long; the guard writes the refusal (`dialling.refused`).
import type { AcdShellDeps, QueuedCall } from './shell-types.js';

/** A number to call back: 8 to 15 digits (a national or international number). */
const CALLABLE = /^[0-9]{8,15}$/;
/** How long the dialogue waits for a key, after each prompt or digit. */
const KEY_WAIT_MS = 10_000;

interface Dialogue {
  stage: 'confirm' | 'entering';
  /** The number read back (confirm), or the digits typed so far (entering). */
  number: string;
  stop: AbortController;
  timer: NodeJS.Timeout | undefined;
}

export interface CallbackDialogueDeps extends Pick<AcdShellDeps, 'media' | 'prompt' | 'log'> {
  /** The caller confirmed this number. */
  confirmed: (call: QueuedCall, number: string) => void;
  /** The dialogue ended with the caller still waiting: their music comes back. */
  waiting: (call: QueuedCall) => void;
  /** Whether the tenant's dialling policy allows calling this number back (a refusal is logged and journalled by it). */
  allowed: (call: QueuedCall, number: string) => boolean;
}

export class CallbackDialogues {
  private readonly open = new Map<string, Dialogue>();

  constructor(private readonly deps: CallbackDialogueDeps) {}

  active(callId: string): boolean {
    return this.open.has(callId);
  }

  /** The callback key was pressed: read the number back, or ask for one when it is withheld. */
  start(call: QueuedCall): void {
    const number = call.session.callerNumber.replace(/^\+/, '');
    const known = CALLABLE.test(number);
    const d: Dialogue = { stage: known ? 'confirm' : 'entering', number: known ? number : '', stop: new AbortController(), timer: undefined };
    this.open.set(call.session.callId, d);
    call.session.event('callback.dialogue_started', { numberKnown: known });
    if (!known) this.say(call, d, ['callback-enter-number']);
    else if (this.deps.allowed(call, number)) this.readBack(call, d);
    else this.refused(call, d);
  }

  /** A key from a caller in a dialogue; false when there is none (the key is not the dialogue's). */
  key(call: QueuedCall, digit: string): boolean {
    const d = this.open.get(call.session.callId);
    if (!d) return false;
    if (d.stage === 'confirm') {
      if (digit === '1') this.finish(call, d, d.number);
      else if (digit === '2') {
        Object.assign(d, { stage: 'entering', number: '' });
        this.say(call, d, ['callback-enter-number']);
      }
      return true;
    }
    if (digit === '#' || (/^[0-9]$/.test(digit) && d.number.length === 15)) this.typed(call, d);
    else if (/^[0-9]$/.test(digit)) {
      d.number += digit;
      this.wait(call, d);
    }
    return true;
  }

  /** The call was answered or ended: the dialogue stops, its prompt too. */
  end(callId: string): void {
    const d = this.open.get(callId);
    if (!d) return;
    this.open.delete(callId);
    clearTimeout(d.timer);
    d.stop.abort();
  }

  private typed(call: QueuedCall, d: Dialogue): void {
    if (!CALLABLE.test(d.number)) {
      call.session.event('callback.number_refused', { digits: d.number.length });
      Object.assign(d, { number: '' });
      this.say(call, d, ['invalid-key', 'callback-enter-number']);
      return;
    }
    if (!this.deps.allowed(call, d.number)) return this.refused(call, d);
    d.stage = 'confirm';
    this.readBack(call, d);
  }

  /** The policy refuses the number: the caller is told so and types another. */
  private refused(call: QueuedCall, d: Dialogue): void {
    Object.assign(d, { stage: 'entering', number: '' });
    this.say(call, d, ['callback-number-refused', 'callback-enter-number']);
  }

  private readBack(call: QueuedCall, d: Dialogue): void {
    this.say(call, d, ['callback-number-is', ...[...d.number].map((c) => `number-${c}`), 'callback-confirm-menu']);
  }

  private finish(call: QueuedCall, d: Dialogue, number: string): void {
    this.end(call.session.callId);
    if (d.stage === 'confirm') this.deps.confirmed(call, number);
  }

  /** Plays the prompts to the caller (cutting any prompt of this dialogue still playing), then waits for a key. */
  private say(call: QueuedCall, d: Dialogue, names: string[]): void {
    clearTimeout(d.timer);
    d.stop.abort();
    d.stop = new AbortController();
    const { session, tenant } = call;
    const lang = call.language ?? tenant.languages[0] ?? 'fr';
    const media = names.map((n) => this.deps.prompt(tenant.slug, n, lang));
    const signal = AbortSignal.any([d.stop.signal, session.signal]);
    // Not in the call's chain of actions: an agent's ring or answer must not wait for the prompt.
    this.wait(call, d);
    this.deps.media.play({ kind: 'channel', id: session.channelId }, session.nextPlaybackId(), media, signal)
      .then(() => { if (!signal.aborted && this.open.get(session.callId) === d) this.wait(call, d); })
      .catch((err: unknown) => this.deps.log.warn({ ...session.logContext, err: String(err) }, 'callback prompt could not be played'));
  }

  /** No key for a while: digits typed so far are taken as the number; otherwise the caller goes on waiting. */
  private wait(call: QueuedCall, d: Dialogue): void {
    clearTimeout(d.timer);
    d.timer = setTimeout(() => {
      if (this.open.get(call.session.callId) !== d) return;
      if (d.stage === 'entering' && d.number.length > 0) return this.typed(call, d);
      this.end(call.session.callId);
      call.session.event('callback.dropped', { reason: 'no key' });
      this.deps.waiting(call);
    }, KEY_WAIT_MS);
    d.timer.unref();
  }
}
