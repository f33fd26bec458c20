import request from 'supertest';
import Redis from 'ioredis';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { mtaWebhooks } from '../../src/express/mta';
import { createRedisStore } from '../../src/core/store/redis-store';
import type { HttpsmsEvent } from '../../src/httpsms/events';
import type { MtaDeliveryStatusEvent } from '../../src/mta/events';
import { httpsmsFixture, mtaFixture, signedHttpsmsRequest, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { AUDIENCE, SIGNING_KEY } from '../helpers/providers';
import { RedisServer, describeWithRedis } from '../helpers/redis-server';

// Ids that a double cannot tell apart (the first three all read 18446744073709552000 through JSON.parse, the last
// two 9007199254740992), and CloudEvents ids that UTF-8 cannot tell apart (each lone surrogate becomes U+FFFD).
const HUGE_IDS = ['18446744073709551616', '18446744073709551617', '18446744073709551618', '9007199254740993', '9007199254740992'];
const SURROGATE_IDS = ['\ud800-event', '\udc00-event', '\udbff-event'];

describeWithRedis('distinct events stay distinct, with a real Redis store', () => {
  const redis = new RedisServer();
  let client: Redis;

  beforeAll(async () => {
    await redis.start();
    client = new Redis(redis.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    client.disconnect();
    await redis.destroy();
  });

  describe.each(EXPRESS_VERSIONS)('%s', (name, express) => {
    const store = () => createRedisStore({ client, prefix: `distinct:${name}:${Math.random()}:` });

    it('MTA message ids beyond 2^53, sent as JSON numbers: one handler run each, with the exact digits', async () => {
      const seen: string[] = [];
      const handler = (event: MtaDeliveryStatusEvent) => void seen.push(event.normalized.messageId);
      const app = express().post('/mta', mtaWebhooks({ secret: SECRET, dedupe: { store: store() }, handlers: { 'delivery-status': handler } }));
      for (const id of [...HUGE_IDS, ...HUGE_IDS]) {
        const body = JSON.stringify(mtaFixture('delivery-status')).replace(/"messageId":"\d+"/, `"messageId":${id}`);
        const { headers } = signedMtaRequest(body, SECRET);
        expect((await request(app).post('/mta').set(headers).send(body)).status).toBe(200);
      }
      expect(seen).toEqual(HUGE_IDS); // the second copies are duplicates, answered 200 without a run
    });

    it('httpSMS CloudEvents ids that differ only in lone surrogates: one handler run each', async () => {
      const seen: string[] = [];
      const handler = (event: HttpsmsEvent) => void seen.push(event.id);
      const route = httpsmsWebhooks({ signingKey: SIGNING_KEY, audience: AUDIENCE, dedupe: { store: store() }, handlers: { 'message.phone.received': handler } });
      const app = express().post('/httpsms', route);
      for (const id of [...SURROGATE_IDS, ...SURROGATE_IDS]) {
        const fixture = httpsmsFixture('message.phone.received', { envelope: { id } });
        const { body, headers } = await signedHttpsmsRequest(fixture, SIGNING_KEY, { audience: AUDIENCE });
        expect((await request(app).post('/httpsms').set(headers).send(body)).status).toBe(200);
      }
      expect(seen).toEqual(SURROGATE_IDS);
    });
  });
});
