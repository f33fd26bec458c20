import { createStatusTracker } from '../../src/status/tracker';
import { MTA_STATUS_PRECEDENCE } from '../../src/status/precedence';
import { MTA_DELIVERY_STATUS } from '../../src/mta/constants';
import { httpsmsStatus, mtaStatus, type HttpsmsStep } from '../helpers/status-events';

// One row per precedence rule: the stored status, the one that arrives, what record() reports.

const quiet = () => createStatusTracker({ logger: false });

async function afterMta(first: number, then: number) {
  const tracker = quiet();
  await tracker.record(mtaStatus(first));
  return tracker.record(mtaStatus(then));
}

const { QUEUED, SENDING, SENT, DELIVERED, DELIVERY_UNCONFIRMED: UNCONFIRMED, UNDELIVERED, SENDING_FAILED, STOPPED_NUMBER } = MTA_DELIVERY_STATUS;
const FINALS = Object.values(MTA_DELIVERY_STATUS).filter((code) => code > 3 && code !== UNCONFIRMED);

describe('MTA precedence', () => {
  it.each([
    ['QUEUED then SENDING', QUEUED, SENDING, 'applied'],
    ['SENDING then SENT', SENDING, SENT, 'applied'],
    ['SENT then DELIVERED', SENT, DELIVERED, 'applied'],
    ['SENT then DELIVERY_UNCONFIRMED', SENT, UNCONFIRMED, 'applied'],
    ['DELIVERY_UNCONFIRMED then DELIVERED', UNCONFIRMED, DELIVERED, 'applied'],
    ['DELIVERY_UNCONFIRMED then UNDELIVERED', UNCONFIRMED, UNDELIVERED, 'applied'],
    ['DELIVERED then SENT (late retry)', DELIVERED, SENT, 'stale'],
    ['SENT then QUEUED', SENT, QUEUED, 'stale'],
    ['DELIVERED then DELIVERY_UNCONFIRMED', DELIVERED, UNCONFIRMED, 'stale'],
    ['DELIVERED then DELIVERED (provider retry)', DELIVERED, DELIVERED, 'duplicate'],
    ['DELIVERED then UNDELIVERED', DELIVERED, UNDELIVERED, 'conflict'],
    ['SENDING_FAILED then DELIVERED', SENDING_FAILED, DELIVERED, 'conflict'],
    ['SENT then UNKNOWN (15)', SENT, 15, 'applied'],
    ['DELIVERY_UNCONFIRMED then UNKNOWN (15)', UNCONFIRMED, 15, 'applied'],
    ['UNKNOWN (15) then DELIVERED', 15, DELIVERED, 'applied'],
    ['DELIVERED then UNKNOWN (15)', DELIVERED, 15, 'stale'],
    ['UNKNOWN (15) then SENT', 15, SENT, 'stale'],
    ['UNKNOWN (15) then UNKNOWN (16)', 15, 16, 'conflict'],
  ])('%s: %s', async (_name, first, then, outcome) => {
    const change = await afterMta(first as number, then as number);
    expect(change.outcome).toBe(outcome);
    expect(change.applied).toBe(outcome === 'applied');
    expect(change.conflict).toBe(outcome === 'conflict');
    expect(change.current.code).toBe(outcome === 'applied' ? then : first);
  });

  it.each(FINALS)('final code %d is never replaced by an earlier status', async (code) => {
    for (const earlier of [QUEUED, SENDING, SENT, UNCONFIRMED, 15]) {
      expect((await afterMta(code, earlier)).outcome).toBe('stale');
    }
  });

  it('keeps STOPPED_NUMBER final: a later DELIVERED is a conflict, the stored status stays', async () => {
    const change = await afterMta(STOPPED_NUMBER, DELIVERED);
    expect(change).toMatchObject({ applied: false, conflict: true, current: { code: STOPPED_NUMBER, name: 'STOPPED_NUMBER', final: true } });
  });

  it('lets users give their own rules: DELIVERY_UNCONFIRMED made final', async () => {
    const tracker = createStatusTracker({ logger: false, precedence: { mta: { DELIVERY_UNCONFIRMED: { rank: 6, final: true } } } });
    await tracker.record(mtaStatus(UNCONFIRMED));
    expect(await tracker.record(mtaStatus(DELIVERED))).toMatchObject({ outcome: 'conflict', current: { code: UNCONFIRMED } });
    expect(MTA_STATUS_PRECEDENCE.DELIVERY_UNCONFIRMED).toEqual({ rank: 4, final: false });
  });

  it.each([
    [{ mta: { DELIVERD: { rank: 6, final: true } } }, /precedence\.mta\.DELIVERD" names no status/],
    [{ mta: { DELIVERED: { rank: '6', final: true } } }, /precedence\.mta\.DELIVERED" must be \{ rank: number, final: boolean \}/],
    [{ httpsms: { SENT: { rank: 1 } } }, /precedence\.httpsms\.SENT" must be/],
    ['strict', /Option "precedence" must be an object/],
  ])('refuses a bad precedence option with a TypeError naming it (%j)', (precedence, message) => {
    expect(() => createStatusTracker({ precedence: precedence as never })).toThrow(TypeError);
    expect(() => createStatusTracker({ precedence: precedence as never })).toThrow(message);
  });
});

describe('httpSMS precedence', () => {
  async function after(first: [HttpsmsStep, number], then: [HttpsmsStep, number]) {
    const tracker = quiet();
    await tracker.record(httpsmsStatus(...first));
    return tracker.record(httpsmsStatus(...then));
  }

  it.each([
    ['sent then delivered', ['sent', 1], ['delivered', 2], 'applied', 'DELIVERED'],
    ['sent then failed', ['sent', 1], ['failed', 2], 'applied', 'FAILED'],
    ['sent then expired (final)', ['sent', 1], ['expired', 2], 'applied', 'EXPIRED'],
    ['delivered then sent (late)', ['delivered', 2], ['sent', 1], 'stale', 'DELIVERED'],
    ['expired (final) then sent', ['expired', 2], ['sent', 3], 'stale', 'EXPIRED'],
    ['delivered then failed', ['delivered', 2], ['failed', 3], 'conflict', 'DELIVERED'],
    ['sent then expired (is_final: false)', ['sent', 1], ['expired-retrying', 2], 'applied', 'EXPIRED_RETRYING'],
    ['expired (is_final: false) then a later sent', ['expired-retrying', 2], ['sent', 3], 'applied', 'SENT'],
    ['expired (is_final: false) then delivered', ['expired-retrying', 2], ['delivered', 4], 'applied', 'DELIVERED'],
    ['expired (is_final: false) then an earlier sent', ['expired-retrying', 2], ['sent', 1], 'stale', 'EXPIRED_RETRYING'],
    ['sent then sent again, later (rescheduled)', ['sent', 1], ['sent', 3], 'applied', 'SENT'],
    ['delivered then delivered (retry)', ['delivered', 2], ['delivered', 2], 'duplicate', 'DELIVERED'],
  ] as const)('%s', async (_name, first, then, outcome, name) => {
    const change = await after([...first], [...then]);
    expect(change).toMatchObject({ outcome, current: { name, code: name } });
    expect(change.current.final).toBe(['DELIVERED', 'FAILED', 'EXPIRED'].includes(name));
  });
});
