// What the IVR engine needs from a call: play prompts (stopping at a key when asked), wait for a
// key, start the recording. The call framework implements it over the media core. Keys pressed
// ahead (during an announcement, or several at once) are kept and answer the next menus in
// order, so callers who know the menus need not wait for them.
import type { Language } from '../../pbx-config/schema/tenant.js';

export interface PlayResult {
  /** The key that interrupted the prompt (barge-in), if any. */
  digit?: string;
  /** False when a prompt could not be played. */
  ok: boolean;
}

export interface IvrIo {
  /** Plays media URIs in order; with bargeIn a key press stops them and is returned. */
  play(media: string[], bargeIn: boolean): Promise<PlayResult>;
  /** The next key pressed within timeoutMs, or undefined. */
  nextDigit(timeoutMs: number): Promise<string | undefined>;
  startRecording(): Promise<void>;
}

export interface IvrEvents {
  event(type: string, data?: Record<string, unknown>): void;
}

export type IvrOutcome =
  | { kind: 'queue'; queue: string; language: Language; choices: string[] }
  | { kind: 'hangup'; language: Language }
  | { kind: 'aborted' };

/** A calendar's answer for an instant: 'override' when a supervisor forced it. */
export interface CalendarVerdict {
  open: boolean;
  reason: string;
  detail?: string;
  localTime: string;
}
