import { parseHttpsmsEvent } from '../../src/httpsms/parse';
import { parseMtaEvent } from '../../src/mta/parse';
import type { StatusEvent } from '../../src/status/status-of-event';
import { httpsmsFixture } from '../../src/testing/httpsms-fixtures';
import { mtaFixture } from '../../src/testing/mta-fixtures';

// Real events, parsed from the package's fixtures, for the tracker tests.

export const MTA_MESSAGE = '48213377';
export const HTTPSMS_MESSAGE = '8b6f2c1e-4d3a-4f7b-9e21-0c5d6a7b8e9f';

const minute = (n: number): string => new Date(Date.UTC(2026, 10, 23, 14, n)).toISOString();

/** An MTA delivery-status event for one message; `at` (minutes) gives it a V3 timestamp, none gives a V2 body. */
export function mtaStatus(code: number, at?: number, messageId = MTA_MESSAGE): StatusEvent {
  const body =
    at === undefined
      ? mtaFixture('delivery-status', { version: 2, overrides: { status: code, messageId } })
      : mtaFixture('delivery-status', { overrides: { status: code, messageId, timestamp: minute(at) } });
  return parseMtaEvent(body) as StatusEvent;
}

export type HttpsmsStep = 'sent' | 'delivered' | 'failed' | 'expired' | 'expired-retrying';

const TYPES = {
  sent: 'message.phone.sent',
  delivered: 'message.phone.delivered',
  failed: 'message.send.failed',
  expired: 'message.send.expired',
  'expired-retrying': 'message.send.expired',
} as const;

/** An httpSMS status event for one message, created by httpSMS at minute `at`. */
export function httpsmsStatus(step: HttpsmsStep, at: number, messageId = HTTPSMS_MESSAGE): StatusEvent {
  const type = TYPES[step];
  const data = type === 'message.send.expired' ? { message_id: messageId, is_final: step === 'expired' } : { id: messageId };
  return parseHttpsmsEvent(httpsmsFixture(type, { envelope: { time: minute(at) }, data })) as StatusEvent;
}
