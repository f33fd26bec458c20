import express from 'express';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { mtaWebhooks } from '../../src/express/mta';
import { MTA_EVENT_TYPES } from '../../src/mta/constants';
import { closedPort } from '../helpers/caught';
import { cliIo } from '../helpers/cli-io';

const SECRET = 'cli-secret-1b2c3d';
const SIGNING_KEY = 'cli-signing-key-9f8e';

describe('sms-webhooks send, end to end against real receivers on loopback', () => {
  let server: Server;
  let base: string;
  const handled: Array<{ provider: string; type: string; version?: unknown; payload: Record<string, unknown>; id?: string }> = [];

  beforeEach(async () => {
    const app = express();
    handled.length = 0;
    const record = (event: unknown) => void handled.push(event as (typeof handled)[number]);
    const mtaHandlers = Object.fromEntries(MTA_EVENT_TYPES.map((type) => [type, record]));
    app.post('/webhooks/mta', mtaWebhooks({ secret: SECRET, handlers: mtaHandlers }));
    app.post('/webhooks/httpsms', httpsmsWebhooks({ signingKey: SIGNING_KEY, handlers: { 'message.phone.received': record } }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it.each(MTA_EVENT_TYPES.flatMap((type) => ['1', '2', '3'].map((version) => [type, version])))('%s V%s is sent, answered 200 and handled', async (type, version) => {
    const run = cliIo({ MTA_WEBHOOK_SECRET: SECRET });
    expect(await runCli(['send', type!, '--url', `${base}/webhooks/mta`, '--version', version!], run.io)).toBe(0);
    expect(run.out()).toMatch(/^200 OK in \d+\.\d ms\n\{"ok":true\}\n$/);
    expect(handled).toEqual([expect.objectContaining({ provider: 'mta', type })]);
    expect(run.out() + run.err()).not.toContain(SECRET);
  });

  it('--set edits the fixture (dots reach into objects, values read as JSON)', async () => {
    const run = cliIo();
    const args = ['send', 'delivery-status', '--url', `${base}/webhooks/mta`, '--secret', SECRET, '--set', 'status=6', '--set', 'tags.campaign=winter', '--set', 'externalId=order-1'];
    expect(await runCli(args, run.io)).toBe(0);
    expect(handled[0]?.payload).toMatchObject({ status: 6, externalId: 'order-1', tags: { campaign: 'winter', customerId: 'c-1093' } });
  });

  it('--file sends the exact bytes of a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'send-')), 'reply.json');
    writeFileSync(file, '{ "fromNumber": "+15555550123", "replyId": "9", "message": "hi", "timestamp": "2026-11-23T10:00:00Z" }\n');
    expect(await runCli(['send', 'message-reply', '--url', `${base}/webhooks/mta`, '--secret', SECRET, '--file', file], cliIo().io)).toBe(0);
    expect(handled[0]).toMatchObject({ type: 'message-reply', version: 3 });
  });

  it('exits 1 and shows the answer when the receiver refuses (wrong secret)', async () => {
    const run = cliIo();
    expect(await runCli(['send', 'delivery-status', '--url', `${base}/webhooks/mta`, '--secret', 'wrong'], run.io)).toBe(1);
    expect(run.out()).toMatch(/^401 Unauthorized in .*"code":"signature.invalid"/s);
    expect(run.err()).toBe('error: the receiver answered 401\n');
    expect(handled).toHaveLength(0);
  });

  it('--count and --concurrency send many distinct events and summarise the statuses', async () => {
    const run = cliIo({ MTA_WEBHOOK_SECRET: SECRET });
    expect(await runCli(['send', 'message-send', '--url', `${base}/webhooks/mta`, '--count', '60', '--concurrency', '6'], run.io)).toBe(0);
    expect(run.out()).toMatch(/^Sent 60 deliveries in [\d.]+ s \(\d+\/s\), concurrency 6\n {2}200: 60\nlatency p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms\n$/);
    expect(new Set(handled.map((event) => event.payload.messageId)).size).toBe(60);
  });

  it('sends a signed httpSMS event with --provider httpsms', async () => {
    const run = cliIo({ HTTPSMS_SIGNING_KEY: SIGNING_KEY });
    expect(await runCli(['send', 'message.phone.received', '--provider', 'httpsms', '--url', `${base}/webhooks/httpsms`, '--set', 'data.content=Hello'], run.io)).toBe(0);
    expect(handled[0]).toMatchObject({ provider: 'httpsms', type: 'message.phone.received', payload: { content: 'Hello' } });
  });

  it('exits 1 with one line, no stack, when nothing listens at the URL', async () => {
    const port = await closedPort();
    const run = cliIo({ MTA_WEBHOOK_SECRET: SECRET });
    expect(await runCli(['send', 'delivery-status', '--url', `http://127.0.0.1:${port}/webhooks/mta`], run.io)).toBe(1);
    expect(run.err()).toBe(`error: no answer from http://127.0.0.1:${port}/webhooks/mta: ECONNREFUSED\n`);
  });

  it.each([
    [['send', 'delivery_status', '--url', 'http://localhost/x', '--secret', 's'], /unknown mta event "delivery_status"; one of: delivery-status/],
    [['send', 'delivery-status', '--url', 'ftp://x', '--secret', 's'], /--url must be an http\(s\) URL/],
    [['send', 'delivery-status', '--url', 'http://localhost/x'], /a secret is needed: pass --secret or set MTA_WEBHOOK_SECRET/],
    [['send', 'delivery-status', '--url', 'http://localhost/x', '--secret', 's', '--count', '0'], /--count must be a whole number/],
    [['send', 'delivery-status', '--url', 'http://localhost/x', '--secret', 's', '--set', 'novalue'], /--set needs field=value/],
  ])('exits 2 for %j', async (args, message) => {
    const run = cliIo();
    expect(await runCli(args, run.io)).toBe(2);
    expect(run.err()).toMatch(message);
  });
});
