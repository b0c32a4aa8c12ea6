// The user's language and the translate function. Before login the language comes from
// localStorage, then the browser; once logged in from user.language. Arabic turns the page
// right to left (<html dir="rtl" lang="ar">). Components that call t() re-render when the
// language signal changes.
import { createInstance } from 'i18next';
import { signal } from '@preact/signals';
import { LANGUAGES, type Language } from '../api/types';
import { RESOURCES, type Key } from './resources';

const STORAGE_KEY = 'ccapp.language';

const i18n = createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: RESOURCES[l] }])),
  lng: 'fr',
  fallbackLng: 'fr',
  initAsync: false,
  interpolation: { escapeValue: false }, // Preact escapes text itself
  returnNull: false,
});

const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** The language before login: the last one chosen on this browser, else the browser's own, else French. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch { /* storage disabled: fall through */ }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'fr';
}

export const language = signal<Language>('fr');

/** Applies a language to the page (and remembers it for the next login screen). */
export function applyLanguage(lng: Language): void {
  void i18n.changeLanguage(lng);
  const root = document.documentElement;
  root.lang = lng;
  root.dir = i18n.dir(lng);
  document.title = i18n.t('app.title', { lng });
  try { localStorage.setItem(STORAGE_KEY, lng); } catch { /* ignore */ }
  language.value = lng;
}

export type Vars = Record<string, string | number>;

/** The string for a key in the current language (reading the signal subscribes the caller). */
export function t(key: Key, vars?: Vars): string {
  return i18n.t(key, { ...vars, lng: language.value });
}

/** Whether a key exists (for ids coming from the server, such as error ids). */
export function has(key: string): boolean {
  return i18n.exists(key, { lng: language.value });
}

/** A key built at run time from server data, once checked with has(). */
export function tDynamic(key: string, vars?: Vars): string {
  return i18n.t(key, { ...vars, lng: language.value });
}

/** The locale used by Intl: French, Moroccan Arabic with Latin digits, British English. */
export function locale(lng: Language = language.value): string {
  return lng === 'ar' ? 'ar-MA-u-nu-latn' : lng === 'fr' ? 'fr-FR' : 'en-GB';
}
