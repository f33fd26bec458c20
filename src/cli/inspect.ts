import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { type InspectServer, startInspectServer } from '../inspector/server.js';
import type { DeliveryRecord } from '../inspector/record.js';
import type { ForwardAnswer } from '../inspector/request-context.js';
import { type CliIo, UsageError } from './io.js';

interface InspectOptions {
  port: string;
  host: string;
  secret?: string;
  signingKey?: string;
  audience?: string;
  forward?: string;
  forwardHttpsms?: string;
  keep: string;
  allowProduction?: boolean;
  allowRemote?: boolean;
}

export function addInspectCommand(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description('receive webhooks locally (/webhooks/mta, /webhooks/httpsms) and watch every delivery on a page at /')
    .option('--port <port>', 'port to listen on', '4040')
    .option('--host <host>', 'address to bind for webhooks (the page still answers this machine only)', '127.0.0.1')
    .option('--secret <secret>', 'MTA webhook secret (default: $MTA_WEBHOOK_SECRET, else a generated one)')
    .option('--signing-key <key>', 'httpSMS signing key (default: $HTTPSMS_SIGNING_KEY, else a generated one)')
    .option('--audience <url>', 'httpSMS token audience to check (the URL registered in httpSMS)')
    .option('--forward <url>', 'also pass every MTA delivery on to your app, same bytes and headers')
    .option('--forward-httpsms <url>', 'also pass every httpSMS delivery on to your app')
    .option('--keep <n>', 'deliveries kept in memory', '500')
    .option('--allow-production', 'run even when NODE_ENV=production')
    .option('--allow-remote', 'let other machines open the page and its API too (they show phone numbers, text and signatures)')
    .action(async (options: InspectOptions) => {
      if (io.env.NODE_ENV === 'production' && !options.allowProduction) {
        throw new UsageError('inspect refuses to run with NODE_ENV=production (it shows phone numbers and message text); add --allow-production to insist');
      }
      const secret = key(options.secret, io.env.MTA_WEBHOOK_SECRET, 'MTA secret', 'MTA_WEBHOOK_SECRET', io);
      const signingKey = key(options.signingKey, io.env.HTTPSMS_SIGNING_KEY, 'httpSMS signing key', 'HTTPSMS_SIGNING_KEY', io);
      const server = await startInspectServer({
        port: whole(options.port, '--port', 0),
        host: options.host,
        secret,
        signingKey,
        audience: options.audience,
        forward: { mta: url(options.forward, '--forward'), httpsms: url(options.forwardHttpsms, '--forward-httpsms') },
        keep: whole(options.keep, '--keep', 1),
        allowInProduction: options.allowProduction,
        allowRemote: options.allowRemote,
        echo: false,
      });
      const keep = server.inspector.core.ring.capacity;
      io.stdout.write(`Inspector: ${server.url}/ (keeps the last ${keep} deliveries in memory)\n`);
      io.stdout.write(`MTA webhooks:    POST ${server.url}/webhooks/mta${options.forward ? `  -> also to ${options.forward}` : ''}\n`);
      io.stdout.write(`httpSMS webhooks: POST ${server.url}/webhooks/httpsms${options.forwardHttpsms ? `  -> also to ${options.forwardHttpsms}` : ''}\n`);
      server.inspector.core.ring.subscribe((change) => {
        if (change.kind === 'delivery') return void io.stdout.write(`${line(change.record)}\n`);
        // The app's answer to a forward, or to a replay sent to the app.
        const { forward, forwardReplays } = change.change;
        const answer = forward && !('pending' in forward) ? forward : forwardReplays?.at(-1);
        if (!answer) return;
        const failed = answer.status === undefined || answer.status >= 300;
        (failed ? io.stderr : io.stdout).write(`#${change.record.id} → your app${forward ? '' : ' (replay)'}: ${appAnswer(answer)}\n`);
      });
      await untilStopped(server);
    });
}

/** One terminal line per delivery: no body, no phone number, no signature. */
function line(record: DeliveryRecord): string {
  const what = [record.provider, record.event ?? '-', record.version === undefined ? '' : `v${String(record.version)}`].filter(Boolean).join(' ');
  const verdict = record.status === 200 ? `200 ${record.outcome}` : `${record.status} ${record.code ?? record.outcome}`;
  const why = record.diagnosis ? ` — ${record.diagnosis}` : '';
  return `#${record.id} ${what}: ${verdict} in ${record.durationMs.toFixed(1)} ms${record.replayOf ? ` (replay of #${record.replayOf})` : ''}${why}`;
}

/** The app's answer to a forwarded delivery, or why there was none; its body is not printed. */
function appAnswer(answer: ForwardAnswer): string {
  const took = answer.ms === undefined ? '' : ` in ${answer.ms} ms`;
  return answer.status === undefined ? `no answer (${answer.error ?? 'network error'})${took}` : `${answer.status}${took}`;
}

function key(given: string | undefined, fromEnvironment: string | undefined, what: string, variable: string, io: CliIo): string {
  if (given) return given;
  if (fromEnvironment) {
    io.stdout.write(`${what}: from ${variable} (not shown)\n`);
    return fromEnvironment;
  }
  const generated = randomBytes(32).toString('hex');
  io.stdout.write(`Development ${what} (set ${variable} to use your own): ${generated}\n`);
  return generated;
}

function whole(value: string, flag: string, least: number): number {
  const number = Number(value);
  const most = flag === '--port' ? 65_535 : 1_000_000;
  if (!Number.isInteger(number) || number < least || number > most) throw new UsageError(`${flag} must be a whole number from ${least} to ${most}`);
  return number;
}

function url(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) throw new UsageError(`${flag} must be an http(s) URL, got "${value}"`);
  return value;
}

/** Runs until Ctrl-C or SIGTERM, then closes the server and lets deliveries in flight finish. */
function untilStopped(server: InspectServer): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    server.server.once('close', () => resolve());
  });
}
