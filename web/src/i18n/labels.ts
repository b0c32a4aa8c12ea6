// Labels the server sends in the three languages (pause reasons, call reasons), and language
// names: in the user's language.
import type { Labels } from '../api/types';
import { has, language, tDynamic } from './i18n';

export function pick(labels: Labels): string {
  return labels[language.value] || labels.fr || labels.en || labels.ar;
}

/** "arabe" / "العربية" / "Arabic" for a language code; the code itself when unknown. */
export function languageName(code: string): string {
  const key = `languageName.${code}`;
  return has(key) ? tDynamic(key) : code;
}
