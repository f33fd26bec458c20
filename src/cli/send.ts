import { type Command, Option } from 'commander';
import { PROVIDERS, findProvider } from '../providers.js';
import { buildBody } from './body.js';
import { deliver, succeeded, type Target } from './deliver.js';
import { type CliIo, CommandFailed, UsageError, secretFrom } from './io.js';
import { sendMany } from './load.js';

interface SendOptions {
  url: string;
  provider: string;
  secret?: string;
  signingKey?: string;
  audience?: string;
  version: string;
  set: string[];
  file?: string;
  count: string;
  concurrency: string;
  timeout: string;
}

export function addSendCommand(program: Command, io: CliIo): void {
  program
    .command('send')
    .description('POST a signed, realistic event to a URL and print the status, the answer and the round-trip time')
    .argument('<event>', 'MTA: delivery-status, message-reply, message-send, number-opt-in; httpSMS: message.phone.received, …')
    .requiredOption('--url <url>', 'where to send it')
    .addOption(new Option('--provider <provider>', 'who the event is from').choices(PROVIDERS.map((provider) => provider.name)).default('mta'))
    .option('--secret <secret>', 'MTA webhook secret (default: $MTA_WEBHOOK_SECRET)')
    .option('--signing-key <key>', 'httpSMS signing key (default: $HTTPSMS_SIGNING_KEY)')
    .option('--audience <url>', 'httpSMS token audience (default: --url)')
    .addOption(new Option('--version <n>', 'MTA payload version').choices(['1', '2', '3']).default('3'))
    .option('--set <field=value>', 'set a field of the body (repeatable; dots reach into objects)', collect, [])
    .option('--file <body.json>', 'send this file instead of a fixture (its exact bytes, unless --set is used)')
    .option('--count <n>', 'send this many distinct events', '1')
    .option('--concurrency <n>', 'with --count: requests in flight at once', '8')
    .option('--timeout <ms>', 'per request', '10000')
    .action(async (event: string, options: SendOptions) => {
      const provider = findProvider(options.provider)!;
      const given = provider.key.flag === '--secret' ? options.secret : options.signingKey;
      const target: Target = {
        provider,
        url: checkUrl(options.url),
        key: secretFrom(given, io, provider.key.env, provider.key.flag),
        audience: options.audience,
        timeoutMs: whole(options.timeout, '--timeout'),
      };
      const spec = { provider, event, version: Number(options.version) as 1 | 2 | 3, file: options.file, sets: options.set };
      const count = whole(options.count, '--count');
      if (count > 1) {
        const failed = await sendMany(io, target, () => buildBody(spec, true), count, whole(options.concurrency, '--concurrency'));
        if (failed > 0) throw new CommandFailed(`${failed} of ${count} deliveries were not accepted`);
        return;
      }
      // Fresh ids each time, so that a receiver's de-duplication does not take a second try for a duplicate.
      const outcome = await deliver(target, await buildBody(spec, true));
      if (outcome.error) throw new CommandFailed(`no answer from ${target.url}: ${outcome.error}`);
      io.stdout.write(`${outcome.status} ${outcome.statusText} in ${outcome.ms.toFixed(1)} ms\n${outcome.text.slice(0, 2000)}\n`);
      if (!succeeded(target.provider, outcome)) throw new CommandFailed(`the receiver answered ${outcome.status}`);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function whole(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${flag} must be a whole number of 1 or more`);
  return number;
}

function checkUrl(url: string): string {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  return url;
}
