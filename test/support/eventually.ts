// Polls an async condition until it holds: tests wait for outcomes, never for a fixed time.
// The bound is a number of attempts (a hang guard), not a performance assertion.
export async function eventually<T>(probe: () => Promise<T | undefined | false>, opts: { attempts?: number; intervalMs?: number; what?: string } = {}): Promise<T> {
  const attempts = opts.attempts ?? 300;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
  throw new Error(`${opts.what ?? 'condition'} never held${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
}
