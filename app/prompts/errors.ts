// The prompts capability's refusals, each with its stable id.
import {
  NotFoundError, PayloadTooLargeError, UnprocessableError, UnsupportedMediaTypeError,
} from '../errors/domain.js';
import { ACCEPTED_CONTENT_TYPES, type AudioFormat } from './magic.js';

export function unsupportedType(contentType: string | undefined): UnsupportedMediaTypeError {
  return new UnsupportedMediaTypeError('prompt.unsupported_type', `a prompt must be sent as ${Object.keys(ACCEPTED_CONTENT_TYPES).join(', ')}`, {
    contentType: contentType ?? null, accepted: Object.keys(ACCEPTED_CONTENT_TYPES),
  });
}

export function typeMismatch(declared: AudioFormat, detected: AudioFormat | undefined): UnsupportedMediaTypeError {
  const found = detected ? `a ${detected} file` : 'no audio format we know';
  return new UnsupportedMediaTypeError('prompt.type_mismatch', `the Content-Type says ${declared} but the bytes are ${found}`, {
    declared, detected: detected ?? null,
  });
}

export function tooBig(sizeBytes: number, maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError('prompt.too_big', `the file is ${sizeBytes} bytes, more than the ${maxBytes} allowed`, { sizeBytes, maxBytes });
}

export function undecodable(format: AudioFormat, reason: string): UnprocessableError {
  return new UnprocessableError('prompt.undecodable', `the ${format} file cannot be decoded`, { format, reason });
}

export function tooShort(durationMs: number, minDurationMs: number): UnprocessableError {
  return new UnprocessableError('prompt.too_short', `the prompt lasts ${durationMs} ms, less than the ${minDurationMs} ms required`, { durationMs, minDurationMs });
}

/** `durationMs` is a lower bound: decoding stops a little past the limit. */
export function tooLong(durationMs: number, maxDurationMs: number): UnprocessableError {
  return new UnprocessableError('prompt.too_long', `the prompt lasts more than the ${maxDurationMs / 1000} s allowed`, { durationMs, maxDurationMs });
}

export function versionNotFound(name: string, language: string, version: number): NotFoundError {
  return new NotFoundError('prompt.version_not_found', `prompt ${name} (${language}) has no version ${version}`, { name, language, version });
}
