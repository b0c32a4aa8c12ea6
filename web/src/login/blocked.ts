// A login refused for a while (429 auth.locked / auth.rate_limited): until when, and why. Kept
// outside the screens so that going from one login screen to another keeps the countdown.
import { computed, signal } from '@preact/signals';
import { now } from '../format/clock';

export const blocked = signal<{ id: string; until: number } | null>(null);

export const blockedSeconds = computed(() => {
  const b = blocked.value;
  if (!b) return 0;
  return Math.max(0, Math.ceil((b.until - now.value) / 1000));
});

export function block(id: string, seconds: number): void {
  // Counted from the clock the countdown reads, so that it starts at the wait the server gave.
  blocked.value = { id, until: now.value + seconds * 1000 };
}
