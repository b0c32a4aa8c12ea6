// Files of uploaded prompts. An upload is staged under <sounds>/<tenant>/uploads/.incoming/
// (the same file system as its destination), converted there, and only then renamed to
// <sounds>/<tenant>/uploads/<name>/<language>/v<version>.wav, so a half-written or refused
// upload never sits where Asterisk could play it.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../../db/models/index.js';
import { uploadedPromptBase } from './paths.js';

export interface Staging {
  /** The upload as received. */
  input: string;
  /** Where sox writes the converted WAV. */
  output: string;
  /** Removes whatever of the staged files still exists. */
  discard: () => Promise<void>;
}

export class PromptStorage {
  constructor(readonly soundsDir: string) {}

  finalPath(tenant: string, name: string, language: Language, version: number): string {
    const file = `${uploadedPromptBase(this.soundsDir, tenant, name, language, version)}.wav`;
    const root = path.join(this.soundsDir, tenant, 'uploads') + path.sep;
    if (!path.resolve(file).startsWith(root)) throw new Error(`prompt path ${file} is outside ${root}`);
    return file;
  }

  async stage(tenant: string): Promise<Staging> {
    const dir = path.join(this.soundsDir, tenant, 'uploads', '.incoming');
    await mkdir(dir, { recursive: true, mode: 0o755 });
    const id = randomUUID();
    const input = path.join(dir, `${id}.upload`);
    const output = path.join(dir, `${id}.wav`);
    return {
      input,
      output,
      async discard() {
        await Promise.all([rm(input, { force: true }), rm(output, { force: true })]);
      },
    };
  }

  /** Moves a converted file to its final place, readable by Asterisk. */
  async place(staged: string, finalPath: string): Promise<void> {
    await mkdir(path.dirname(finalPath), { recursive: true, mode: 0o755 });
    await chmod(staged, 0o644);
    await rename(staged, finalPath);
  }

  async remove(file: string): Promise<void> {
    await rm(file, { force: true });
  }
}
