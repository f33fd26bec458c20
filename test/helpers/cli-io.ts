import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/io';

/** The CLI's input and output as buffers. */
export function cliIo(env: Record<string, string | undefined> = {}, stdin = '') {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from([Buffer.from(stdin)]),
    env,
  };
  return { io, out: () => out, err: () => err };
}
