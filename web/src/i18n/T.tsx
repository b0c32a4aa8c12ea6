// A translated sentence with elements inside it (a <bdi> number, a countdown): the string is
// translated with markers in place of the element variables, then split around them, so the
// translator keeps the word order of their language.
import type { ComponentChild } from 'preact';
import { t, type Vars } from './i18n';
import type { Key } from './resources';

const OPEN = '\uE000';
const CLOSE = '\uE001';

export function T({ k, vars = {}, parts }: { k: Key; vars?: Vars; parts: Record<string, ComponentChild> }) {
  const markers = Object.fromEntries(Object.keys(parts).map((name) => [name, `${OPEN}${name}${CLOSE}`]));
  const text = t(k, { ...vars, ...markers });
  const out: ComponentChild[] = [];
  for (const [i, piece] of text.split(OPEN).entries()) {
    if (i === 0) { out.push(piece); continue; }
    const end = piece.indexOf(CLOSE);
    const name = piece.slice(0, end);
    out.push(parts[name] ?? null, piece.slice(end + 1));
  }
  return <>{out}</>;
}
