// How to test your own handler: a real Express app, a realistic signed delivery, supertest.
import express from 'express';
import request from 'supertest';
import { mtaWebhooks, type MtaDeliveryStatusEvent } from 'sms-webhooks';
import { mtaFixture, signMtaRequest } from 'sms-webhooks/testing';

// The code under test: marks an order delivered when MTA reports it.
const deliveredOrders = new Set<string>();
async function onDeliveryStatus(event: MtaDeliveryStatusEvent) {
  if (event.normalized.status.name === 'DELIVERED' && event.normalized.externalId) {
    deliveredOrders.add(event.normalized.externalId);
  }
}

const secret = 'test-secret';
const app = express();
app.post('/webhooks/mta', mtaWebhooks({ secret, handlers: { 'delivery-status': onDeliveryStatus } }));

test('a DELIVERED status marks the order delivered', async () => {
  const payload = mtaFixture('delivery-status', { overrides: { externalId: 'order-1', status: 4 } });
  const { body, headers } = await signMtaRequest(payload, secret);
  const response = await request(app).post('/webhooks/mta').set(headers).send(body);
  expect(response.status).toBe(200);
  expect(deliveredOrders.has('order-1')).toBe(true);
});

test('a forged delivery is refused and changes nothing', async () => {
  const payload = mtaFixture('delivery-status', { overrides: { externalId: 'order-2' } });
  const { body, headers } = await signMtaRequest(payload, 'not-the-secret');
  const response = await request(app).post('/webhooks/mta').set(headers).send(body);
  expect(response.status).toBe(401);
  expect(deliveredOrders.has('order-2')).toBe(false);
});
