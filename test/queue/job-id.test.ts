import fc from 'fast-check';
import { toJobId } from '../../src/queue/handoff';

describe('job ids from delivery keys', () => {
  it('keep the ids jobs have always had, and never contain ":"', () => {
    expect(toJobId('mta:delivery-status:48213377:4')).toBe('mta|delivery-status|48213377|4');
    fc.assert(fc.property(fc.string(), (key) => !toJobId(key).includes(':')));
  });

  it('keep distinct keys distinct ("a:b" and "a|b" used to share a job, so the second was never handled)', () => {
    expect(toJobId('a:b')).not.toBe(toJobId('a|b'));
    fc.assert(fc.property(fc.string(), fc.string(), (one, other) => one === other || toJobId(one) !== toJobId(other)));
  });
});
