import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';

/** A real pino logger whose JSON lines are kept in memory for assertions. */
export function captureLogs(level: pino.Level = 'debug'): { logger: Logger; lines: Array<Record<string, unknown>>; text: () => string } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      raw.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = pino({ level }, stream);
  return {
    logger,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => raw.join('\n'),
  };
}

/**
 * Checks a flood of `sent` refusals against a budget of `perSecond` diagnoses in any one-second window, however
 * long the flood took (it may span more than one window on a loaded machine): some were diagnosed for real, no
 * more than the windows allow, and the rest say they were not worked out.
 */
export function expectDiagnosisBudget(diagnoses: readonly string[], real: RegExp, sent: number, perSecond: number, elapsedMs: number): void {
  const windows = Math.floor(elapsedMs / 1000) + 1;
  const diagnosed = diagnoses.filter((text) => real.test(text)).length;
  const skipped = diagnoses.filter((text) => text.startsWith('not worked out')).length;
  expect(diagnoses).toHaveLength(sent);
  expect(diagnosed).toBeGreaterThan(0);
  expect(diagnosed).toBeLessThanOrEqual(perSecond * windows);
  expect(diagnosed + skipped).toBe(sent);
  expect(skipped).toBeGreaterThanOrEqual(sent - perSecond * windows);
}
