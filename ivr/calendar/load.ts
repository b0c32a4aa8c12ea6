// Reads a calendar from a JSON file and validates it; problems name the file and the field.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CalendarConfigError, parseCalendar, type Calendar } from './schema.js';

export async function loadCalendarFile(path: string): Promise<Calendar> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CalendarConfigError([`(root): not valid JSON: ${(err as Error).message}`], basename(path));
  }
  return parseCalendar(json, basename(path));
}
