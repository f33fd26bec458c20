import fc from 'fast-check';
import { WebhookError } from '../../src/core/errors';
import { createMtaReceiver } from '../../src/mta/receiver';
import { parseMtaEvent } from '../../src/mta/parse';
import { parseJsonBody } from '../../src/core/json-body';
import { MTA_EVENT_TYPES } from '../../src/mta/constants';
import { signMtaPayload } from '../../src/mta/signature';
import { mtaFixture } from '../../src/testing';
import { SECRET } from '../helpers/apps';

// Bodies an attacker or a broken sender could produce: noise, any JSON, and real events with fields changed.
const anyJson = fc.jsonValue({ maxDepth: 4 });
const mutatedEvent = fc
  .record({
    type: fc.constantFrom(...MTA_EVENT_TYPES),
    version: fc.constantFrom(1 as const, 2 as const, 3 as const),
    field: fc.string({ maxLength: 20 }),
    value: anyJson,
  })
  .map(({ type, version, field, value }) => {
    const body = mtaFixture(type, { version });
    const keys = Object.keys(body);
    const target = keys[field.length % keys.length]!;
    return field.length % 3 === 0 ? { ...body, [field]: value } : { ...body, [target]: value };
  });
const body = fc.oneof(
  fc.string({ maxLength: 200 }),
  anyJson.map((value) => JSON.stringify(value)),
  mutatedEvent.map((value) => JSON.stringify(value)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

const signatureHeader = (text: string) =>
  fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 80 }),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 64, maxLength: 64 }),
    fc.constant(signMtaPayload(text, 'another-secret')),
    fc.constant(signMtaPayload(`${text} `, SECRET)),
  );

async function outcome(promise: Promise<unknown>): Promise<'resolved' | unknown> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error;
  }
}

describe('receive() for arbitrary input (fast-check)', () => {
  it('never runs a handler or resolves without a valid signature, and only ever rejects with a WebhookError', async () => {
    let handled = 0;
    const receiver = createMtaReceiver({ secret: SECRET, dedupe: false, handlers: Object.fromEntries(MTA_EVENT_TYPES.map((type) => [type, () => void handled++])) });
    await fc.assert(
      fc.asyncProperty(body.chain((text) => fc.tuple(fc.constant(text), signatureHeader(text))), async ([text, signature]) => {
        const result = await outcome(receiver.receive({ rawBody: text, headers: signature === undefined ? {} : { 'x-signature': signature } }));
        expect(result).toBeInstanceOf(WebhookError);
        expect([401]).toContain((result as WebhookError).status);
      }),
      { numRuns: 400 },
    );
    expect(handled).toBe(0);
  });

  it('with a valid signature, resolves (HTTP 200) exactly for valid events, and otherwise rejects with a WebhookError', async () => {
    let handled = 0;
    const receiver = createMtaReceiver({ secret: SECRET, dedupe: false, handlers: Object.fromEntries(MTA_EVENT_TYPES.map((type) => [type, () => void handled++])) });
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = handled;
        const result = await outcome(receiver.receive({ rawBody: text, headers: { 'x-signature': signMtaPayload(text, SECRET) } }));
        // The oracle reads JSON as the receiver does (integers past 2^53 stay exact, as strings of their digits),
        // so a delivery with a large id is valid here too.
        let valid = false;
        try {
          parseMtaEvent(parseJsonBody(new TextEncoder().encode(text)));
          valid = true;
        } catch {
          valid = false;
        }
        if (result === 'resolved') {
          expect(valid).toBe(true);
          expect(handled).toBe(before + 1);
        } else {
          expect(valid).toBe(false);
          expect(result).toBeInstanceOf(WebhookError);
          expect([400, 415, 422]).toContain((result as WebhookError).status);
          expect(handled).toBe(before);
        }
      }),
      { numRuns: 600 },
    );
  });
});
