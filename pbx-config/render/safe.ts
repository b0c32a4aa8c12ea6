// Defensive checks on every value the renderer writes into an Asterisk file. The schemas already
// restrict these values; this second gate makes sure that nothing that slipped past them (a
// caller that skipped validation, a schema loosened later) can add a config line, end a section,
// start a comment (;) or break out of a dialplan argument list (, ) $ { }).

/** What a value is, and so which characters it may hold. */
export type ValueKind = 'token' | 'ip' | 'network' | 'path' | 'secret';

const RULES: Record<ValueKind, { pattern: RegExp; allowed: string }> = {
  // Names, slugs, DIDs, codecs, user names: also safe inside dialplan arguments.
  token: { pattern: /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, allowed: 'letters, digits, _ . + -' },
  ip: { pattern: /^[0-9]{1,3}(\.[0-9]{1,3}){3}$/, allowed: 'an IPv4 address' },
  network: { pattern: /^[0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9]{1,2})?$/, allowed: 'an IPv4 address or CIDR block' },
  // Absolute paths without spaces, '..' or shell/config metacharacters.
  path: { pattern: /^(\/[A-Za-z0-9_.+-]+)+\/?$/, allowed: 'an absolute path of letters, digits, _ . + -' },
  // Printable ASCII with no space, ';' (comment) or '\' (escape).
  secret: { pattern: /^[\x21-\x3a\x3c-\x5b\x5d-\x7e]+$/, allowed: 'printable ASCII without spaces, ; or \\' },
};

/** Thrown when a value would change the meaning of the file it is written into. */
export class UnsafeConfigValueError extends Error {
  override readonly name = 'UnsafeConfigValueError';
  constructor(readonly field: string, readonly kind: ValueKind, shown: string) {
    super(`pbx-config: refusing to render ${field}: ${shown} is not ${RULES[kind].allowed}`);
  }
}

/** The value as text if it is safe for its kind; throws naming the field otherwise. */
export function safe(field: string, value: string | number, kind: ValueKind = 'token'): string {
  const text = String(value);
  const ok = RULES[kind].pattern.test(text) && !(kind === 'path' && /(^|\/)\.\.?(\/|$)/.test(text));
  if (!ok) {
    // Never echo a secret, even a malformed one, into an error that may reach a log.
    const shown = kind === 'secret' ? 'the value' : JSON.stringify(text);
    throw new UnsafeConfigValueError(field, kind, shown);
  }
  return text;
}

/** A port or other bounded integer. */
export function safeInt(field: string, value: number, min: number, max: number): string {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`pbx-config: refusing to render ${field}: ${String(value)} is not an integer in ${min}-${max}`);
  }
  return String(value);
}
