import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { PROVIDERS, findProvider } from '../providers.js';
import { type CliIo, UsageError, readAll, secretFrom } from './io.js';

interface SignOptions {
  provider: string;
  secret?: string;
  signingKey?: string;
  audience?: string;
}

/**
 * `sign`: what the provider would send to authenticate exactly these bytes, made by the provider's own descriptor
 * (the one the test kit uses): MTA's X-Signature (hex HMAC), or httpSMS's token (the JWT of `Authorization: Bearer`).
 */
export function addSignCommand(program: Command, io: CliIo): void {
  program
    .command('sign')
    .description("print what authenticates exactly the given bytes (a file, or - / nothing for stdin): MTA's X-Signature, or httpSMS's token")
    .argument('[file]', 'the body to sign; - or absent reads stdin')
    .addOption(new Option('--provider <provider>', 'who would send it').choices(PROVIDERS.map((provider) => provider.name)).default('mta'))
    .option('--secret <secret>', 'MTA webhook secret (default: $MTA_WEBHOOK_SECRET)')
    .option('--signing-key <key>', 'httpSMS signing key (default: $HTTPSMS_SIGNING_KEY)')
    .option("--audience <url>", "httpSMS: the webhook URL as registered, the token's aud")
    .action(async (file: string | undefined, options: SignOptions) => {
      const provider = findProvider(options.provider)!;
      const given = provider.key.flag === '--secret' ? options.secret : options.signingKey;
      const key = secretFrom(given, io, provider.key.env, provider.key.flag);
      const bytes = file === undefined || file === '-' ? await readAll(io.stdin) : await readBody(file);
      const headers = await provider.sign(bytes, key, { audience: options.audience });
      io.stdout.write(`${credentialOf(headers)}\n`);
    });
}

/** The one value that authenticates the request: the signature, or the bearer token without its scheme. */
function credentialOf(headers: Record<string, string>): string {
  const authorization = headers.Authorization;
  if (authorization !== undefined) return authorization.replace(/^Bearer /, '');
  return headers['X-Signature'] ?? '';
}

export async function readBody(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
