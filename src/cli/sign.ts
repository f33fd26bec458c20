import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { signMtaPayload } from '../mta/signature.js';
import { type CliIo, UsageError, readAll, secretFrom } from './io.js';

export function addSignCommand(program: Command, io: CliIo): void {
  program
    .command('sign')
    .description('print the X-Signature of exactly the given bytes (a file, or - / nothing for stdin)')
    .argument('[file]', 'the body to sign; - or absent reads stdin')
    .option('--secret <secret>', 'the webhook secret (default: $MTA_WEBHOOK_SECRET)')
    .action(async (file: string | undefined, options: { secret?: string }) => {
      const secret = secretFrom(options.secret, io, 'MTA_WEBHOOK_SECRET', '--secret');
      const bytes = file === undefined || file === '-' ? await readAll(io.stdin) : await readBody(file);
      io.stdout.write(`${signMtaPayload(bytes, secret)}\n`);
    });
}

export async function readBody(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
