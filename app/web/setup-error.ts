// A mistake in the web side's setup that an operator fixes (a certificate file missing or not
// matching its key, a port taken or not permitted): the app refuses to start with one line naming
// the file or the address, never a stack trace, and the configuration exit status (78), as a bad
// configuration file does (app/config/load.ts).
export class WebSetupError extends Error {
  override readonly name = 'WebSetupError';
}

/** For entry points: a WebSetupError ends the process with its message; anything else is rethrown. */
export function exitOnWebSetupError(err: unknown): never {
  if (!(err instanceof WebSetupError)) throw err;
  process.stderr.write(`ccapp: cannot start: ${err.message}\n`);
  process.exit(78);
}
