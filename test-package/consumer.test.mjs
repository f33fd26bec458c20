import assert from 'node:assert/strict';
import { once } from 'node:events';
import test from 'node:test';
import express from 'express';
import { createMtaReceiver, mtaWebhooks, rawBodySaver, verifyMtaSignature, WebhookError } from 'sms-webhooks';
import { mtaFixture, signedMtaRequest } from 'sms-webhooks/testing';

test('ESM import: receive() verifies and types an event', async () => {
  const receiver = createMtaReceiver({ secret: 's3cret' });
  const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), 's3cret');
  assert.equal(verifyMtaSignature(body, headers['X-Signature'], 's3cret'), true);
  const event = await receiver.receive({ rawBody: body, headers });
  assert.equal(event.type, 'delivery-status');
  await assert.rejects(receiver.receive({ rawBody: body, headers: {} }), WebhookError);
  assert.equal(typeof rawBodySaver, 'function');
});

test('ESM import: the Express route answers a signed delivery with 200', async () => {
  const app = express();
  let handled = 0;
  app.post('/mta', mtaWebhooks({ secret: 's3cret', handlers: { 'message-send': () => void handled++ } }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { body, headers } = signedMtaRequest(mtaFixture('message-send'), 's3cret');
    const response = await fetch(`http://127.0.0.1:${server.address().port}/mta`, { method: 'POST', headers, body });
    assert.equal(response.status, 200);
    assert.equal(handled, 1);
  } finally {
    server.close();
  }
});

test('the sms-webhooks command is installed as a bin', async () => {
  const { execFileSync } = await import('node:child_process');
  const secret = execFileSync('npx', ['--no-install', 'sms-webhooks', 'secret'], { encoding: 'utf8' });
  assert.match(secret, /^[0-9a-f]{128}\n$/);
  const signature = execFileSync('npx', ['--no-install', 'sms-webhooks', 'sign', '--secret', 's3cret', '-'], { input: '{}', encoding: 'utf8' });
  assert.equal(signature.trim(), (await import('node:crypto')).createHmac('sha256', 's3cret').update('{}').digest('hex'));
});
