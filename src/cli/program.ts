import { Command, CommanderError } from 'commander';
import { MtaApiError } from '../api/errors.js';
import { type CliIo, CommandFailed, EXIT, UsageError } from './io.js';
import { addInspectCommand } from './inspect.js';
import { addSecretCommand } from './secret.js';
import { addSendCommand } from './send.js';
import { addSignCommand } from './sign.js';
import { addWebhooksCommand } from './webhooks.js';

/**
 * Runs the `sms-webhooks` command line and resolves with its exit code: 0 done, 1 the thing tried failed (a
 * delivery not accepted, an API error, no answer), 2 the command was called wrongly. Errors are one line on
 * stderr, never a stack trace; secrets and API keys are never printed.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('sms-webhooks')
    .description('Try, test and register SMS webhooks (Mobile Text Alerts, httpSMS)')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();
  addSecretCommand(program, io);
  addSignCommand(program, io);
  addSendCommand(program, io);
  addWebhooksCommand(program, io);
  addInspectCommand(program, io);
  for (const command of program.commands) command.exitOverride();
  for (const command of program.commands.flatMap((parent) => parent.commands)) command.exitOverride();

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return exitCode(error, io);
  }
}

function exitCode(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander already printed the problem (or the help / version text).
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof MtaApiError) {
    io.stderr.write(`error: ${String(error)}\n`);
    return EXIT.failed;
  }
  if (error instanceof CommandFailed) {
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT.failed;
  }
  io.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
  return EXIT.failed;
}
