// cdr.conf and cel.conf: the CDR and CEL engines are part of Asterisk's core and run whatever
// modules.conf says. The app keeps its own call journal, so both are switched off.
import { renderIni } from './ini.js';

export function renderCdr(): string {
  return renderIni([{ name: 'general', lines: [['enable', 'no']] }], ['Call records are kept by the app (call journal), not by Asterisk.']);
}

export function renderCel(): string {
  return renderIni([{ name: 'general', lines: [['enable', 'no']] }], ['Channel events are read by the app over ARI.']);
}
