// The IVR engine's view of a call (ivr/engine/io.ts) over the media core: prompts play on the
// caller's channel, a key interrupts a prompt when the menu allows it, recording records the bridge.
import type { IvrIo, PlayResult } from '../../ivr/engine/io.js';
import type { MediaCore } from '../media/types.js';
import type { CallSession } from '../call-contract/session.js';

export class CallIvrIo implements IvrIo {
  constructor(private readonly session: CallSession, private readonly media: MediaCore, private readonly record: () => Promise<void>) {}

  async play(uris: string[], bargeIn: boolean): Promise<PlayResult> {
    const target = { kind: 'channel' as const, id: this.session.channelId };
    const id = this.session.nextPlaybackId();
    if (!bargeIn) return { ok: (await this.media.play(target, id, uris, this.session.signal)) !== 'failed' };
    // Stop the prompt at the first key, or when the call ends.
    const stop = new AbortController();
    const onEnd = (): void => stop.abort();
    this.session.signal.addEventListener('abort', onEnd, { once: true });
    try {
      const playing = this.media.play(target, id, uris, stop.signal);
      const key = this.session.digits.next(24 * 3600_000, stop.signal);
      const first = await Promise.race([playing.then((outcome) => ({ outcome })), key.then((digit) => ({ digit }))]);
      if ('digit' in first && first.digit !== undefined) {
        stop.abort();
        await playing;
        return { ok: true, digit: first.digit };
      }
      stop.abort(); // ends the wait for a key
      const outcome = 'outcome' in first ? first.outcome : await playing;
      const late = await key;
      return late === undefined ? { ok: outcome !== 'failed' } : { ok: true, digit: late };
    } finally {
      this.session.signal.removeEventListener('abort', onEnd);
    }
  }

  nextDigit(timeoutMs: number): Promise<string | undefined> {
    return this.session.digits.next(timeoutMs, this.session.signal);
  }

  startRecording(): Promise<void> {
    return this.record();
  }
}
