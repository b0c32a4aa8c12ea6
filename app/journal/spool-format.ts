// One journal entry per line of a spool segment: JSON, each line ending in "\n". Every Date,
// wherever it sits (payload fields, event data), is written as {"$date": "<ISO 8601>"} and comes
// back as a Date, so a replayed entry is the entry that was appended; a string that merely looks
// like a date stays a string. An invalid Date is written {"$date": null} and comes back invalid,
// for the store to refuse as it would have in memory.
import { ENTRY_PAYLOAD, type JournalEntry } from './entries.js';

const DATE_TAG = '$date';

/** The entry as one spool line (with its "\n"). Throws on what JSON cannot hold (cycles, BigInt). */
export function encodeEntry(entry: JournalEntry): string {
  return `${JSON.stringify(entry, function (this: Record<string, unknown>, key: string, value: unknown) {
    // `value` is already Date#toJSON's string: look at the original.
    const raw = this[key];
    return raw instanceof Date ? { [DATE_TAG]: Number.isNaN(raw.getTime()) ? null : raw.toISOString() } : value;
  })}\n`;
}

function isDateTag(v: unknown): v is { [DATE_TAG]: string | null } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  const tag = (v as Record<string, unknown>)[DATE_TAG];
  return keys.length === 1 && keys[0] === DATE_TAG && (typeof tag === 'string' || tag === null);
}

function isEntry(v: unknown): v is JournalEntry {
  if (typeof v !== 'object' || v === null) return false;
  const kind = (v as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(ENTRY_PAYLOAD, kind)) return false;
  const payload = (v as Record<string, unknown>)[ENTRY_PAYLOAD[kind as JournalEntry['kind']]];
  return typeof payload === 'object' && payload !== null;
}

/** A spool line back into its entry; throws a SyntaxError naming what is wrong with the line. */
export function decodeEntry(line: string): JournalEntry {
  const value: unknown = JSON.parse(line, (_key, v: unknown) => (isDateTag(v) ? new Date(v[DATE_TAG] ?? Number.NaN) : v));
  if (!isEntry(value)) throw new SyntaxError('valid JSON but not a journal entry (unknown kind or missing payload)');
  return value;
}
