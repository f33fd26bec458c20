import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { CliIo } from './io.js';

export function addSecretCommand(program: Command, io: CliIo): void {
  program
    .command('secret')
    .description('print a new webhook secret: 128 hex characters (64 random bytes)')
    .action(() => {
      io.stdout.write(`${randomBytes(64).toString('hex')}\n`);
    });
}
