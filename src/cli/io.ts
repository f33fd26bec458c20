/** Where the CLI reads and writes: the real process, or buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: AsyncIterable<Buffer | string>;
  env: Record<string, string | undefined>;
}

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** A failure of what the command tried (a refused delivery, an API error): exit code 1. */
export class CommandFailed extends Error {}

/** The secret from the option, else from the environment; never printed. */
export function secretFrom(option: string | undefined, io: CliIo, variable: string, flag: string): string {
  const secret = option ?? io.env[variable];
  if (!secret) throw new UsageError(`a secret is needed: pass ${flag} or set ${variable}`);
  return secret;
}

export async function readAll(input: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
