// One benchmark server per child process, so that its CPU time is its own. Started by run.ts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { z } from 'zod';
import { mtaWebhooks } from 'sms-webhooks';
import { BENCH_SECRET } from './deliveries.js';

type Variant = 'bare' | 'mta' | 'handwritten';

const variant = process.argv[2] as Variant;
const app = express();
let handled = 0;
const onEvent = () => {
  handled += 1;
};

if (variant === 'bare') {
  // The floor: what Express costs to parse JSON and answer, without any checking.
  app.post('/hook', express.json(), (_req, res) => {
    onEvent();
    res.status(200).json({ ok: true });
  });
} else if (variant === 'mta') {
  app.post('/hook', mtaWebhooks({ secret: BENCH_SECRET, handlers: { 'delivery-status': onEvent } }));
} else if (variant === 'handwritten') {
  // What a careful user writes from the provider docs: raw body, HMAC, constant-time compare, zod.
  const schema = z.object({
    toNumber: z.string().min(1),
    messageId: z.union([z.string(), z.number()]),
    timestamp: z.string(),
    status: z.number(),
  });
  app.post('/hook', express.raw({ type: '*/*' }), (req, res) => {
    const expected = createHmac('sha256', BENCH_SECRET).update(req.body as Buffer).digest();
    const given = Buffer.from(String(req.headers['x-signature'] ?? ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).json({ error: 'bad signature' });
      return;
    }
    const parsed = schema.safeParse(JSON.parse((req.body as Buffer).toString('utf8')));
    if (!parsed.success) {
      res.status(422).json({ error: 'invalid' });
      return;
    }
    onEvent();
    res.status(200).json({ ok: true });
  });
} else {
  throw new Error(`unknown variant ${variant}`);
}

const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

// The parent asks for CPU time and memory between rounds.
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    process.send?.({ cpuMicros: cpu.user + cpu.system, handled, rss: process.memoryUsage().rss });
  }
});

// Exit cleanly when the parent stops us, so that --cpu-prof can write its profile.
process.on('SIGTERM', () => process.exit(0));
