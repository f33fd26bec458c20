import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCli } from '../../src/cli/program';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { closedPort } from '../helpers/caught';
import { cliIo } from '../helpers/cli-io';

/** Resolves once `look()` finds something; the test's own timeout bounds the wait. */
async function until<T>(look: () => T | undefined | null): Promise<T> {
  for (;;) {
    const found = look();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const APP_BODY = 'app-answer-body-7f3c';

/** No body (ours or the app's), phone number, signature or secret in what the terminal printed. */
function expectNothingPersonal(printed: string, sent: { body: unknown; headers: Record<string, string> }, secret: string): void {
  expect(printed).not.toContain(sent.headers['X-Signature']);
  expect(printed).not.toContain(secret);
  const phones = String(sent.body).match(/\+\d{10,}/g) ?? [];
  expect(phones.length).toBeGreaterThan(0);
  for (const phone of phones) expect(printed).not.toContain(phone);
  expect(printed).not.toContain('"messageId"');
  expect(printed).not.toContain(APP_BODY);
}

describe('sms-webhooks inspect', () => {
  it('refuses NODE_ENV=production unless told', async () => {
    const cli = cliIo({ NODE_ENV: 'production' });
    expect(await runCli(['inspect'], cli.io)).toBe(2);
    expect(cli.err()).toMatch(/refuses to run with NODE_ENV=production .* --allow-production/);
  });

  it('checks its flags', async () => {
    const cli = cliIo({});
    expect(await runCli(['inspect', '--forward', 'ftp://x'], cli.io)).toBe(2);
    expect(cli.err()).toMatch(/--forward must be an http\(s\) URL/);
    const keep = cliIo({});
    expect(await runCli(['inspect', '--keep', '0'], keep.io)).toBe(2);
    expect(keep.err()).toMatch(/--keep/);
  });

  it('prints a line for the app’s answer too: an app that is down shows, with the cause, on stderr', async () => {
    const secret = 'cli-inspect-secret-1a2b3c4d5e6f';
    const port = await closedPort();
    const cli = cliIo({});
    const running = runCli(['inspect', '--port', '0', '--secret', secret, '--signing-key', 'k'.repeat(32), '--forward', `http://127.0.0.1:${port}/webhooks/mta`], cli.io);
    try {
      const url = await until(() => /Inspector: (http:\S+)\//.exec(cli.out())?.[1]);
      const sent = signedMtaRequest(mtaFixture('delivery-status'), secret);
      expect((await fetch(`${url}/webhooks/mta`, { method: 'POST', headers: sent.headers, body: sent.body })).status).toBe(200);
      await until(() => cli.err().includes('#1 → your app'));
      expect(cli.out()).toContain('#1 mta delivery-status v3: 200 no_handler');
      expect(cli.err()).toContain('#1 → your app: no answer (ECONNREFUSED)');
      const record = (await (await fetch(`${url}/api/deliveries`)).json()) as { deliveries: { forward?: { error?: string } }[] };
      expect(record.deliveries[0]?.forward?.error).toBe('ECONNREFUSED');
      expectNothingPersonal(cli.out() + cli.err(), sent, secret);
    } finally {
      process.emit('SIGTERM');
    }
    expect(await running).toBe(0);
  });

  it('prints the app’s status on stdout when it answers', async () => {
    const secret = 'cli-inspect-secret-1a2b3c4d5e6f';
    // The app's own answer body, which the terminal must not print (it may hold anything the app chose to send).
    const app = createServer((req, res) => req.resume().on('end', () => res.end(APP_BODY)));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const cli = cliIo({});
    const running = runCli(['inspect', '--port', '0', '--secret', secret, '--signing-key', 'k'.repeat(32), '--forward', `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/mta`], cli.io);
    try {
      const url = await until(() => /Inspector: (http:\S+)\//.exec(cli.out())?.[1]);
      const sent = signedMtaRequest(mtaFixture('delivery-status'), secret);
      expect((await fetch(`${url}/webhooks/mta`, { method: 'POST', headers: sent.headers, body: sent.body })).status).toBe(200);
      expect(await until(() => /#1 → your app: (\d+) in \d+ ms/.exec(cli.out())?.[1])).toBe('200');
      // A replay sent to the app from the page gets its own line; the first answer is not printed again.
      const replayed = await fetch(`${url.replace('127.0.0.1', 'localhost')}/api/deliveries/1/replay?to=forward`, { method: 'POST', headers: { 'X-Inspector': '1' } });
      expect(replayed.status).toBe(200);
      await until(() => cli.out().includes('#1 → your app (replay)'));
      expect(cli.out().match(/#1 → your app: 200/g)).toHaveLength(1);
      expect(cli.out().match(/#1 → your app \(replay\): 200 in \d+ ms/g)).toHaveLength(1);
      expect(cli.err()).not.toContain('your app');
      expectNothingPersonal(cli.out() + cli.err(), sent, secret);
    } finally {
      process.emit('SIGTERM');
      await new Promise((resolve) => app.close(resolve));
    }
    expect(await running).toBe(0);
  });

  it('prints the app’s answer to a delivery that left memory (--keep 1) before the app answered', async () => {
    const secret = 'cli-inspect-secret-1a2b3c4d5e6f';
    // The app holds every answer until two forwards have arrived: by then the first delivery has left the ring.
    const held: Array<() => void> = [];
    const app = createServer((req, res) => req.resume().on('end', () => {
      held.push(() => res.end(APP_BODY));
      if (held.length === 2) for (const answer of held) answer();
    }));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const cli = cliIo({});
    const running = runCli(['inspect', '--port', '0', '--keep', '1', '--secret', secret, '--signing-key', 'k'.repeat(32), '--forward', `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/mta`], cli.io);
    try {
      const url = await until(() => /Inspector: (http:\S+)\//.exec(cli.out())?.[1]);
      const sent = [0, 1].map(() => signedMtaRequest(mtaFixture('delivery-status', { unique: true }), secret));
      for (const one of sent) expect((await fetch(`${url}/webhooks/mta`, { method: 'POST', headers: one.headers, body: one.body })).status).toBe(200);
      await until(() => cli.out().includes('#1 → your app') && cli.out().includes('#2 → your app'));
      expect(cli.out()).toMatch(/#1 → your app: 200 in \d+ ms/);
      expect(cli.out()).toMatch(/#2 → your app: 200 in \d+ ms/);
      for (const one of sent) expectNothingPersonal(cli.out() + cli.err(), one, secret);
    } finally {
      process.emit('SIGTERM');
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
    expect(await running).toBe(0);
  });
});
