// Promises that settle when a named ARI object (a playback, a recording) reaches its end.
// Registered before the operation that starts the object, so its end event cannot be missed.
export class Waiters<T> {
  private readonly pending = new Map<string, (value: T) => void>();

  wait(id: string): Promise<T> {
    return new Promise<T>((resolve) => this.pending.set(id, resolve));
  }

  settle(id: string, value: T): boolean {
    const resolve = this.pending.get(id);
    if (!resolve) return false;
    this.pending.delete(id);
    resolve(value);
    return true;
  }

  /** Settles every pending wait (e.g. when Asterisk goes away). */
  settleAll(value: (id: string) => T): void {
    for (const id of [...this.pending.keys()]) this.settle(id, value(id));
  }

  get size(): number {
    return this.pending.size;
  }
}
