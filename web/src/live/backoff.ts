// Reconnection delays of the live socket: 1 s, 2 s, 4 s … capped at 15 s, each with ±20 %
// jitter so that a hundred panels cut off by the same restart do not come back in one burst.
export const BASE_MS = 1000;
export const CAP_MS = 15_000;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(Math.min(CAP_MS, base * (0.8 + 0.4 * random())));
}
