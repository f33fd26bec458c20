import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import test from 'node:test';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('./node_modules/sms-webhooks/package.json', import.meta.url), 'utf8'));
const entries = Object.keys(manifest.exports).filter((path) => path !== './package.json').map((path) => path.replace(/^\./, 'sms-webhooks'));

test('every entry of the package loads as ESM, and as CommonJS where it offers it', async () => {
  assert.ok(entries.includes('sms-webhooks/fetch'), `entries: ${entries.join(', ')}`);
  for (const entry of entries) {
    const esm = await import(entry);
    assert.ok(Object.keys(esm).length > 0, `${entry} (ESM) exports something`);
    if (manifest.exports[entry.replace('sms-webhooks', '.')].require) {
      assert.ok(Object.keys(require(entry)).length > 0, `${entry} (CJS) exports something`);
    }
  }
});

test('one WebhookError across entries and module systems', async () => {
  const { isWebhookError, WebhookError } = await import('sms-webhooks');
  const { reviveEvent } = await import('sms-webhooks/queue');
  const job = { provider: 'mta', key: 'k', type: 'delivery-status', body: '{"not json', hints: {}, receivedAt: 0 };
  const fromQueue = (() => {
    try {
      reviveEvent(job);
    } catch (error) {
      return error;
    }
  })();
  assert.equal(fromQueue.code, 'payload.invalid_json');
  assert.ok(isWebhookError(fromQueue), 'an error from sms-webhooks/queue is a WebhookError for sms-webhooks');
  assert.ok(fromQueue instanceof WebhookError);
  // The CommonJS copy of the package and the ESM one agree too (a dual-package app).
  const cjs = require('sms-webhooks');
  assert.ok(cjs.isWebhookError(fromQueue));
  assert.ok(isWebhookError(new cjs.WebhookError('signature.invalid', 'x')));
  const fetchEntry = await import('sms-webhooks/fetch');
  assert.equal(fetchEntry.WebhookError, WebhookError, 'the Fetch entry shares the class with the main entry');
});
