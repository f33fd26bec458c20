import { createDiagnoser } from '../../src/core/diagnosis';
import { captureLogs } from '../helpers/log-capture';

describe('createDiagnoser', () => {
  it('runs at most perSecond diagnoses a second, and says so for the rest', async () => {
    const diagnose = createDiagnoser(false, 2);
    let ran = 0;
    const work = async () => `cause ${++ran}`;
    const results = await Promise.all([diagnose(work), diagnose(work), diagnose(work)]);
    expect(results).toEqual(['cause 1', 'cause 2', 'not worked out: more than 2 refusals were diagnosed this second']);
    expect(ran).toBe(2);
  });

  it('turns a diagnosis that fails, at once or later, into words (the refusal stays a 401), and logs why', async () => {
    const logs = captureLogs('info');
    const diagnose = createDiagnoser(logs.logger, 5);
    await expect(diagnose(() => Promise.reject(new DOMException('Zero-length key is not supported', 'DataError')))).resolves.toBe('not worked out: the diagnosis itself failed');
    await expect(diagnose(() => { throw new Error('sync'); })).resolves.toBe('not worked out: the diagnosis itself failed');
    expect(logs.lines.map((line) => [line.level, (line.err as { message?: string }).message])).toEqual([[40, 'Zero-length key is not supported'], [40, 'sync']]);
  });
});
