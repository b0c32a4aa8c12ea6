// The three resource files, one per language; every string of the app is in each of them
// (resources.test.ts fails when a key or a placeholder differs between them).
import ar from './locales/ar.json';
import en from './locales/en.json';
import fr from './locales/fr.json';
import type { Language } from '../api/types';

export const RESOURCES = { fr, ar, en } satisfies Record<Language, unknown>;

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Base<K extends string> = K extends `${infer B}_${PluralSuffix}` ? B : K;

/** Every key of the French file (the reference), plural forms under their base key. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? Base<`${P}${K}`> : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type Key = Leaves<typeof fr>;
