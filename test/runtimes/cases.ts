import { gzipSync } from 'node:zlib';
import { httpsmsFixture, mtaFixture, signedHttpsmsRequest, signedMtaRequest } from '../../src/testing';
import { HTTPSMS_EVENT_TYPES } from '../../src/httpsms/constants';
import { MTA_EVENT_TYPES, MTA_VERSIONS } from '../../src/mta/constants';
import { SECRET } from '../helpers/apps';
import { AUDIENCE, SIGNING_KEY } from '../helpers/providers';
import type { Target } from './harness/target';

// The acceptance table every runtime must pass: the same bytes and headers give the same answer on Express,
// Fastify, Hono, plain Fetch on Node, Bun, Deno, workerd and Next.js. Each case says what users depend on: the
// status, the error code, and whether a handler ran and with which event.

export interface AcceptanceCase {
  name: string;
  run(target: Target): Promise<void>;
}

const MTA = '/webhooks/mta';
const HTTPSMS = '/webhooks/httpsms';
type Headers = Record<string, string>;

/** Sends a delivery and checks it was answered 200 and reached exactly one handler, with this event. */
async function expectHandled(target: Target, path: string, body: string, headers: Headers, expected: { provider: string; type: string; version?: number }) {
  const before = (await target.handled()).length;
  const response = await target.send(path, body, headers);
  expect({ status: response.status, body: response.status === 200 ? '' : response.body }).toEqual({ status: 200, body: '' });
  const got = (await target.handled()).slice(before);
  expect(got.map(({ provider, type }) => ({ provider, type }))).toEqual([{ provider: expected.provider, type: expected.type }]);
  // A V1 body that V2 reads the same way is reported as [1, 2]: both name the version that was sent.
  if (expected.version !== undefined) expect([got[0]!.version].flat()).toContain(expected.version);
}

/** Sends a delivery and checks it was refused with this status and code, an actionable message, and no handler ran. */
async function expectRefused(target: Target, path: string, body: string | Uint8Array, headers: Headers, status: number, code: string) {
  const before = (await target.handled()).length;
  const response = await target.send(path, body, headers);
  let error: { code?: unknown; message?: unknown } = {};
  try {
    error = (JSON.parse(response.body) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON: the comparison below shows the raw body
  }
  expect({ status: response.status, code: error.code ?? response.body }).toEqual({ status, code });
  expect(typeof error.message === 'string' && error.message.length > 10).toBe(true);
  for (const secret of [SECRET, SIGNING_KEY]) expect(response.body).not.toContain(secret);
  expect((await target.handled()).length).toBe(before);
}

const mtaSigned = (body: unknown) => signedMtaRequest(body, SECRET) as { body: string; headers: Headers };
const httpsmsSigned = (body: Record<string, unknown>) => signedHttpsmsRequest(body, SIGNING_KEY, { audience: AUDIENCE });
/** Valid JSON just over the fixture apps' 4 KiB limit. */
const oversize = (base: Record<string, unknown>) => ({ ...base, padding: 'x'.repeat(5 * 1024) });

const mtaEvents: AcceptanceCase[] = MTA_EVENT_TYPES.flatMap((type) =>
  MTA_VERSIONS.map((version) => ({
    name: `MTA ${type} V${version}: 200, handled with the typed event`,
    async run(target: Target) {
      const { body, headers } = mtaSigned(mtaFixture(type, { version, unique: true }));
      await expectHandled(target, MTA, body, headers, { provider: 'mta', type, version });
    },
  })),
);

const httpsmsEvents: AcceptanceCase[] = HTTPSMS_EVENT_TYPES.map((type) => ({
  name: `httpSMS ${type}: 200, handled with the typed event`,
  async run(target: Target) {
    const { body, headers } = await httpsmsSigned(httpsmsFixture(type, { unique: true }));
    await expectHandled(target, HTTPSMS, body, headers, { provider: 'httpsms', type });
  },
}));

const mtaRefusals: AcceptanceCase[] = [
  {
    name: 'MTA without X-Signature: 401 signature.missing',
    run: (target) => expectRefused(target, MTA, JSON.stringify(mtaFixture('delivery-status', { unique: true })), { 'Content-Type': 'application/json' }, 401, 'signature.missing'),
  },
  {
    name: 'MTA signed with another secret: 401 signature.invalid',
    run: (target) => {
      const { body, headers } = signedMtaRequest(JSON.stringify(mtaFixture('delivery-status', { unique: true })), 'another-secret');
      return expectRefused(target, MTA, body as string, headers, 401, 'signature.invalid');
    },
  },
  {
    name: 'MTA signed body that is not JSON: 400 payload.invalid_json',
    run: (target) => {
      const { body, headers } = mtaSigned('{"messageId": 48213377,');
      return expectRefused(target, MTA, body, headers, 400, 'payload.invalid_json');
    },
  },
  {
    name: 'MTA signed JSON that is no MTA event: 422 payload.unknown_event',
    run: (target) => {
      const { body, headers } = mtaSigned({ hello: 'world' });
      return expectRefused(target, MTA, body, headers, 422, 'payload.unknown_event');
    },
  },
  {
    name: 'MTA body over the 4kb limit: 413 body.too_large',
    run: (target) => {
      const { body, headers } = mtaSigned(oversize(mtaFixture('delivery-status', { unique: true })));
      return expectRefused(target, MTA, body, headers, 413, 'body.too_large');
    },
  },
  {
    name: 'MTA gzip-compressed body: 415 body.unsupported_encoding',
    run: (target) => {
      const compressed = gzipSync(JSON.stringify(mtaFixture('delivery-status', { unique: true })));
      const { headers } = signedMtaRequest(compressed, SECRET);
      return expectRefused(target, MTA, new Uint8Array(compressed), { ...headers, 'Content-Encoding': 'gzip' }, 415, 'body.unsupported_encoding');
    },
  },
];

const httpsmsRefusals: AcceptanceCase[] = [
  {
    name: 'httpSMS without Authorization: 401 signature.missing',
    run: async (target) => {
      const { body, headers } = await httpsmsSigned(httpsmsFixture('message.phone.received', { unique: true }));
      const { Authorization: _token, ...unsigned } = headers;
      return expectRefused(target, HTTPSMS, body, unsigned, 401, 'signature.missing');
    },
  },
  {
    name: 'httpSMS token signed with another key: 401 signature.invalid',
    run: async (target) => {
      const { body, headers } = await signedHttpsmsRequest(httpsmsFixture('message.phone.received', { unique: true }), 'another-key', { audience: AUDIENCE });
      return expectRefused(target, HTTPSMS, body, headers, 401, 'signature.invalid');
    },
  },
  {
    name: 'httpSMS body that is not JSON, valid token: 400 payload.invalid_json',
    run: async (target) => {
      const { headers } = await httpsmsSigned(httpsmsFixture('message.phone.received', { unique: true }));
      return expectRefused(target, HTTPSMS, '{"specversion": "1.0",', headers, 400, 'payload.invalid_json');
    },
  },
  {
    name: 'httpSMS event type it does not send: 422 payload.unknown_event',
    run: async (target) => {
      const event = { ...httpsmsFixture('message.phone.received', { unique: true }), type: 'message.phone.teleported' };
      const { body, headers } = await httpsmsSigned(event);
      return expectRefused(target, HTTPSMS, body, headers, 422, 'payload.unknown_event');
    },
  },
  {
    name: 'httpSMS body over the 4kb limit: 413 body.too_large',
    run: async (target) => {
      const { body, headers } = await httpsmsSigned(oversize(httpsmsFixture('message.phone.received', { unique: true })));
      return expectRefused(target, HTTPSMS, body, headers, 413, 'body.too_large');
    },
  },
  {
    name: 'httpSMS gzip-compressed body: 415 body.unsupported_encoding',
    run: async (target) => {
      const { body, headers } = await httpsmsSigned(httpsmsFixture('message.phone.received', { unique: true }));
      return expectRefused(target, HTTPSMS, new Uint8Array(gzipSync(body)), { ...headers, 'Content-Encoding': 'gzip' }, 415, 'body.unsupported_encoding');
    },
  },
];

export const ACCEPTANCE_CASES: readonly AcceptanceCase[] = [...mtaEvents, ...httpsmsEvents, ...mtaRefusals, ...httpsmsRefusals];

/** Registers every case as a test against the target that `getTarget` returns once beforeAll has started it. */
export function itPassesTheAcceptanceTable(getTarget: () => Target): void {
  it.each(ACCEPTANCE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, acceptanceCase) => {
    await acceptanceCase.run(getTarget());
  });
}
