// Errors of the ARI layer: typed, carrying the operation and the HTTP status Asterisk gave.
export class AriHttpError extends Error {
  override readonly name = 'AriHttpError';
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`ARI ${operation} failed with HTTP ${status}: ${detail}`);
  }

  /** The object (channel, bridge, playback...) no longer exists: usually a hang-up race. */
  get isNotFound(): boolean {
    return this.status === 404;
  }

  /**
   * The channel is gone or leaving our app: 404, or 409 "not in Stasis application" for a channel
   * whose hang-up has taken it out of the app before its destruction reached us.
   */
  get isChannelGone(): boolean {
    return this.isNotFound || (this.status === 409 && /not in Stasis/i.test(this.detail));
  }
}

export class AriUnreachableError extends Error {
  override readonly name = 'AriUnreachableError';
  constructor(readonly operation: string, cause: unknown) {
    super(`ARI ${operation}: Asterisk is unreachable (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}
