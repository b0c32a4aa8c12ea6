// Numbers, phone numbers, durations, times and codes keep their left-to-right order inside
// Arabic text: each sits in its own <bdi dir="ltr">.
import type { ComponentChildren } from 'preact';
import { formatDateTime, formatDuration, formatTime, sameDay } from '../format/format';
import { minute, shownZone } from '../format/clock';
import { language } from '../i18n/i18n';

export function Ltr({ children, class: cls, testid }: { children: ComponentChildren; class?: string; testid?: string }) {
  return <bdi dir="ltr" class={cls} data-testid={testid}>{children}</bdi>;
}

export function Duration({ seconds, testid }: { seconds: number; testid?: string }) {
  return <Ltr class="num" testid={testid}>{formatDuration(seconds)}</Ltr>;
}

export function Time({ iso }: { iso: string }) {
  return <Ltr class="num"><time dateTime={iso}>{formatTime(iso, language.value, shownZone.value)}</time></Ltr>;
}

/** A date and time: isolated but in the locale's own direction (Arabic dates carry their marks). */
export function DateTime({ iso }: { iso: string }) {
  return <bdi class="num"><time dateTime={iso}>{formatDateTime(iso, language.value, shownZone.value)}</time></bdi>;
}

/** Today: the time only; another day: the date and time. */
export function When({ iso }: { iso: string }) {
  // Reading the minute (not the second) keeps this from re-rendering every second.
  const today = sameDay(iso, minute.value, shownZone.value);
  return today ? <Time iso={iso} /> : <DateTime iso={iso} />;
}

/** For <option> text, where no element may go: Unicode's left-to-right isolate. */
export const ltrText = (s: string): string => `\u2066${s}\u2069`;
