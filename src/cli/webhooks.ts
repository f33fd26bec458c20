import type { Command } from 'commander';
import { type MtaClient, createMtaClient } from '../api/client.js';
import type { MtaWebhook, RegisterWebhookFields } from '../api/schemas.js';
import { type CliIo, UsageError, secretFrom } from './io.js';

interface CommonOptions {
  json?: boolean;
  baseUrl?: string;
}

interface FieldOptions extends CommonOptions {
  event?: string;
  url?: string;
  secret?: string;
  alertEmail?: string;
  sendAlertEmail?: boolean;
  skipErrors?: boolean;
  skipErrorCodes?: string;
  retryOnError?: boolean;
  maxThroughput?: string;
}

/** `webhooks register|list|update|delete`: the MTA Webhooks API, with the key from $MTA_API_KEY. */
export function addWebhooksCommand(program: Command, io: CliIo): void {
  const webhooks = program.command('webhooks').description('manage MTA webhook registrations (API key from $MTA_API_KEY)');
  const common = (command: Command) =>
    command
      .option('--json', 'print the API answer as JSON')
      .option('--base-url <url>', 'the MTA API (default: $MTA_API_BASE_URL, else https://api.mobile-text-alerts.com/v3)');
  const fields = (command: Command) =>
    common(command)
      .option('--event <event>', 'delivery-status, message-reply, message-send or number-opt-in')
      .option('--url <url>', 'your endpoint')
      .option('--secret <secret>', 'the webhook secret (default: $MTA_WEBHOOK_SECRET)')
      .option('--alert-email <email>', 'where failure alerts go')
      .option('--send-alert-email', 'send failure alert e-mails')
      .option('--skip-errors', 'ignore every non-200 answer')
      .option('--skip-error-codes <codes>', 'comma-separated error codes to ignore')
      .option('--retry-on-error', 'retry failed deliveries (up to 2 retries)')
      .option('--no-retry-on-error', 'do not retry failed deliveries')
      .option('--max-throughput <n>', 'most requests per minute to your URL');

  fields(webhooks.command('register').description('register a webhook for one event')).action(async (options: FieldOptions) => {
    const secret = secretFrom(options.secret, io, 'MTA_WEBHOOK_SECRET', '--secret');
    const answer = await checked(client(io, options).webhooks.register({ ...toFields(options), secret } as RegisterWebhookFields));
    print(io, options, answer, () => `${answer.message}\n${table([answer.webhook])}`);
  });

  common(webhooks.command('list').description('list registered webhooks'))
    .option('--page <n>', 'page, from 0')
    .option('--page-size <n>', 'rows per page')
    .action(async (options: CommonOptions & { page?: string; pageSize?: string }) => {
      const page = await client(io, options).webhooks.list({ page: optionalWhole(options.page, '--page'), pageSize: optionalWhole(options.pageSize, '--page-size') });
      print(io, options, page, () => `${table(page.rows)}\npage ${page.page}, ${page.rows.length} of ${page.total}`);
    });

  fields(webhooks.command('update').description('change a webhook').argument('<id>', 'webhook id (see list)')).action(
    async (id: string, options: FieldOptions) => {
      // A new secret only when given with --secret: $MTA_WEBHOOK_SECRET names the current one.
      const update = toFields(options);
      if (options.secret) update.secret = options.secret;
      const answer = await checked(client(io, options).webhooks.update(webhookId(id), update));
      print(io, options, answer, () => `${answer.message}\n${table([answer.webhook])}`);
    },
  );

  common(webhooks.command('delete').description('delete a webhook').argument('<id>', 'webhook id (see list)')).action(
    async (id: string, options: CommonOptions) => {
      const answer = await client(io, options).webhooks.delete(webhookId(id));
      print(io, options, answer, () => answer.message);
    },
  );
}

function client(io: CliIo, options: CommonOptions): MtaClient {
  const apiKey = io.env.MTA_API_KEY;
  if (!apiKey) throw new UsageError('set MTA_API_KEY to your Mobile Text Alerts API key');
  try {
    return createMtaClient({ apiKey, baseUrl: options.baseUrl ?? io.env.MTA_API_BASE_URL });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The client refuses bad fields with a TypeError before sending anything: for the command line, a wrong call. */
async function checked<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw error instanceof TypeError ? new UsageError(error.message) : error;
  }
}

function toFields(options: FieldOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    event: options.event,
    url: options.url,
    alertEmail: options.alertEmail,
    sendAlertEmail: options.sendAlertEmail,
    skipErrors: options.skipErrors,
    skipErrorCodes: options.skipErrorCodes?.split(',').map((code) => code.trim()).filter(Boolean),
    retryOnError: options.retryOnError,
    maxThroughputPerMinute: optionalWhole(options.maxThroughput, '--max-throughput'),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function print(io: CliIo, options: CommonOptions, answer: unknown, text: () => string): void {
  io.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : `${text()}\n`);
}

/** A plain text table of webhooks; the secret is never part of an answer. */
function table(rows: MtaWebhook[]): string {
  const header = ['ID', 'EVENT', 'URL', 'ALERT EMAIL', 'CREATED'];
  const cells = rows.map((row) => [String(row.id), row.event, row.url, row.alertEmail ?? '', row.createdAt ?? '']);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (cell: string[]) => cell.map((text, column) => text.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

function webhookId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0) throw new UsageError(`the webhook id must be a number, got "${value}"`);
  return id;
}

function optionalWhole(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`${flag} must be a whole number`);
  return number;
}
