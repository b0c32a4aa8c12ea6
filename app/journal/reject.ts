// An entry that can never be written (its tenant does not exist): set aside, not retried.
import type { JournalEntry } from './entries.js';

export class JournalRejectError extends Error {
  override readonly name = 'JournalRejectError';
  constructor(readonly entry: JournalEntry, reason: string) {
    super(`journal entry rejected: ${reason}`);
  }
}
