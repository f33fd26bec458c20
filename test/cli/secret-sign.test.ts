import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program';
import { createHttpsmsReceiver } from '../../src/httpsms/receiver';
import { signMtaPayload } from '../../src/mta/signature';
import { httpsmsFixture } from '../../src/testing';
import { cliIo } from '../helpers/cli-io';

describe('sms-webhooks secret', () => {
  it('prints 128 hex characters, new each time', async () => {
    const first = cliIo();
    const second = cliIo();
    expect(await runCli(['secret'], first.io)).toBe(0);
    await runCli(['secret'], second.io);
    expect(first.out()).toMatch(/^[0-9a-f]{128}\n$/);
    expect(first.out()).not.toBe(second.out());
  });
});

describe('sms-webhooks sign', () => {
  const body = '{"status":4,"message":"Grüße"}\n';

  it('signs exactly the bytes of a file, trailing newline included', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sign-')), 'body.json');
    writeFileSync(file, body);
    const run = cliIo();
    expect(await runCli(['sign', '--secret', 's3cret', file], run.io)).toBe(0);
    expect(run.out()).toBe(`${signMtaPayload(body, 's3cret')}\n`);
  });

  it('signs bytes that are not UTF-8 as they are (what a 415 test needs), not as decoded text', async () => {
    const latin1 = Buffer.from('{"text":"caf\u00e9"}', 'latin1'); // é as the single byte 0xE9
    const file = join(mkdtempSync(join(tmpdir(), 'sign-')), 'latin1.json');
    writeFileSync(file, latin1);
    const run = cliIo();
    expect(await runCli(['sign', '--secret', 's3cret', file], run.io)).toBe(0);
    expect(run.out()).toBe(`${signMtaPayload(latin1, 's3cret')}\n`);
    expect(run.out()).not.toBe(`${signMtaPayload(latin1.toString('utf8'), 's3cret')}\n`);
  });

  it('signs stdin with the secret from MTA_WEBHOOK_SECRET, and never prints the secret', async () => {
    const run = cliIo({ MTA_WEBHOOK_SECRET: 'from-env-secret' }, body);
    expect(await runCli(['sign', '-'], run.io)).toBe(0);
    expect(run.out()).toBe(`${signMtaPayload(body, 'from-env-secret')}\n`);
    expect(run.out() + run.err()).not.toContain('from-env-secret');
  });

  it('exits 2 with one line when no secret is given or the file is missing', async () => {
    const noSecret = cliIo({}, body);
    expect(await runCli(['sign'], noSecret.io)).toBe(2);
    expect(noSecret.err()).toBe('error: a secret is needed: pass --secret or set MTA_WEBHOOK_SECRET\n');
    const missing = cliIo();
    expect(await runCli(['sign', '--secret', 's', '/nonexistent/body.json'], missing.io)).toBe(2);
    expect(missing.err()).toBe('error: cannot read /nonexistent/body.json: ENOENT\n');
  });

  it('makes an httpSMS token with --provider httpsms that the httpSMS receiver accepts, for exactly that body', async () => {
    const event = httpsmsFixture('message.phone.received');
    const text = JSON.stringify(event);
    const run = cliIo({ HTTPSMS_SIGNING_KEY: 'httpsms-key' }, text);
    expect(await runCli(['sign', '--provider', 'httpsms', '--audience', 'https://example.test/hook', '-'], run.io)).toBe(0);
    const token = run.out().trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(run.out() + run.err()).not.toContain('httpsms-key');
    const receiver = createHttpsmsReceiver({ signingKey: 'httpsms-key', audience: 'https://example.test/hook' });
    const headers = { 'content-type': 'application/json', 'x-event-type': event.type as string, authorization: `Bearer ${token}` };
    await expect(receiver.receive({ rawBody: text, headers })).resolves.toMatchObject({ type: 'message.phone.received' });
  });

  it('asks for the httpSMS key by its own flag and variable', async () => {
    const run = cliIo({ MTA_WEBHOOK_SECRET: 'an-mta-secret' }, '{}');
    expect(await runCli(['sign', '--provider', 'httpsms'], run.io)).toBe(2);
    expect(run.err()).toBe('error: a secret is needed: pass --signing-key or set HTTPSMS_SIGNING_KEY\n');
  });

  it('exits 2 for an unknown command or option, 0 for --help on every command', async () => {
    expect(await runCli(['frobnicate'], cliIo().io)).toBe(2);
    expect(await runCli(['sign', '--bogus'], cliIo().io)).toBe(2);
    for (const command of [[], ['secret'], ['sign'], ['send'], ['webhooks'], ['webhooks', 'register'], ['webhooks', 'list'], ['webhooks', 'update'], ['webhooks', 'delete']]) {
      const run = cliIo();
      expect(await runCli([...command, '--help'], run.io)).toBe(0);
      expect(run.out()).toMatch(/^Usage: sms-webhooks/);
    }
  });
});
