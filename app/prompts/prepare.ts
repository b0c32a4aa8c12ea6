// An upload's checks and conversion, before anything reaches the database: the Content-Type is
// one we take, the size is within the limit, the bytes are what the Content-Type says, sox can
// decode them, and the decoded audio lasts between the minimum and the maximum. Anything that
// fails leaves no file behind.
import { writeFile } from 'node:fs/promises';
import type { Logger } from '../log/logger.js';
import { inspectWav } from '../recordings/wav.js';
import { tooBig, tooLong, tooShort, typeMismatch, undecodable, unsupportedType } from './errors.js';
import { detectFormat, formatOfContentType, type AudioFormat } from './magic.js';
import { SoxError, type Converter } from './sox.js';
import type { PromptStorage } from './storage.js';

export interface PromptLimits {
  maxBytes: number;
  minDurationMs: number;
  maxDurationMs: number;
}

export interface PreparedPrompt {
  format: AudioFormat;
  /** The converted WAV, staged. */
  file: string;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
  discard: () => Promise<void>;
}

export interface PrepareDeps {
  storage: PromptStorage;
  convert: Converter;
  limits: PromptLimits;
  log: Logger;
}

export async function preparePrompt(tenant: string, contentType: string | undefined, body: Buffer, deps: PrepareDeps): Promise<PreparedPrompt> {
  const { limits } = deps;
  const declared = formatOfContentType(contentType);
  if (!declared) throw unsupportedType(contentType);
  if (body.length > limits.maxBytes) throw tooBig(body.length, limits.maxBytes);
  const detected = detectFormat(body);
  if (detected !== declared) throw typeMismatch(declared, detected);

  const staging = await deps.storage.stage(tenant);
  try {
    await writeFile(staging.input, body, { mode: 0o600 });
    // Decoding stops 1 s past the limit: enough to tell "too long" without decoding it all.
    const stopAfter = Math.ceil(limits.maxDurationMs / 1000) + 1;
    await deps.convert(staging.input, declared, staging.output, stopAfter).catch((err: unknown) => {
      throw err instanceof SoxError ? undecodable(declared, err.message) : err;
    });
    const info = await inspectWav(staging.output);
    if (info.sampleRate !== 8000 || info.channels !== 1 || info.bitsPerSample !== 16) {
      throw new Error(`sox wrote ${info.sampleRate} Hz, ${info.channels} channel(s), ${info.bitsPerSample} bits instead of 8000/1/16`);
    }
    if (info.durationMs < limits.minDurationMs) throw tooShort(info.durationMs, limits.minDurationMs);
    if (info.durationMs > limits.maxDurationMs) throw tooLong(info.durationMs, limits.maxDurationMs);
    return { format: declared, file: staging.output, durationMs: info.durationMs, sizeBytes: info.sizeBytes, sha256: info.sha256, discard: () => staging.discard() };
  } catch (err) {
    await discardLogging(staging.discard, deps.log, tenant);
    throw err;
  }
}

/** Cleans up after a failure; a cleanup that fails too is logged, and the first error kept. */
export async function discardLogging(discard: () => Promise<void>, log: Logger, tenant: string): Promise<void> {
  try {
    await discard();
  } catch (err) {
    log.error({ err, tenant }, 'could not remove the staged files of a prompt upload');
  }
}
