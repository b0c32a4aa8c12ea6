// Where prompts live under the sounds directory, as paths without extension (Asterisk's media
// URIs name files that way; the files themselves are .wav).
import path from 'node:path';
import type { Language } from '../../db/models/index.js';

/** An upload's version: <sounds>/<tenant>/uploads/<name>/<language>/v<version> */
export function uploadedPromptBase(soundsDir: string, tenant: string, name: string, language: Language, version: number): string {
  return path.join(soundsDir, tenant, 'uploads', name, language, `v${version}`);
}

/** The tenant's prompt spoken by TTS when the image was built: <sounds>/<tenant>/<language>/<name> */
export function ttsPromptBase(soundsDir: string, tenant: string, name: string, language: Language): string {
  return path.join(soundsDir, tenant, language, name);
}

/** The appliance's own prompt: <sounds>/builtin/<language>/<name> */
export function builtinPromptBase(soundsDir: string, name: string, language: Language): string {
  return path.join(soundsDir, 'builtin', language, name);
}
