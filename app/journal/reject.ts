// A write that failed because of the data, not the connection (a missing parent row, an unknown
// tenant, a value the schema refuses): retrying the same batch would fail forever. The journal
// then writes the batch one entry at a time and sets aside only the entry that fails.
export class JournalDataError extends Error {
  override readonly name = 'JournalDataError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
