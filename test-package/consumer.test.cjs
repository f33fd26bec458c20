const assert = require('node:assert/strict');
const test = require('node:test');
const { createMtaReceiver, mtaWebhooks, WebhookError, MTA_EVENT_TYPES } = require('sms-webhooks');
const { mtaFixture, signedMtaRequest } = require('sms-webhooks/testing');

test('CommonJS require: the same API, the same behaviour', async () => {
  assert.deepEqual([...MTA_EVENT_TYPES], ['delivery-status', 'message-reply', 'message-send', 'number-opt-in']);
  assert.equal(typeof mtaWebhooks, 'function');
  const receiver = createMtaReceiver({ secret: 's3cret' });
  const { body, headers } = signedMtaRequest(mtaFixture('number-opt-in', { version: 1 }), 's3cret');
  const event = await receiver.receive({ rawBody: body, headers });
  assert.equal(event.type, 'number-opt-in');
  assert.deepEqual(event.version, [1, 2]);
  const error = await receiver.receive({ rawBody: '{}', headers }).catch((caught) => caught);
  assert.ok(error instanceof WebhookError);
  assert.equal(error.code, 'signature.invalid');
});
