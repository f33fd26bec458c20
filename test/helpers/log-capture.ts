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
 * Checks a flood of `sent` refusals against a budget of `perSecond` diagnoses a second: exactly `perSecond` were
 * diagnosed for real and the rest say they were not worked out. The budget's window opens at the first refusal,
 * so a flood shorter than a second falls in that one window. A slower one could not tell a working budget from
 * none, and fails rather than pass without checking.
 */
export function expectDiagnosisBudget(diagnoses: readonly string[], real: RegExp, sent: number, perSecond: number, elapsedMs: number): void {
  if (elapsedMs >= 1000) throw new Error(`the flood of ${sent} refusals took ${elapsedMs} ms, too long to check a budget of ${perSecond} a second`);
  expect(diagnoses).toHaveLength(sent);
  expect(diagnoses.filter((text) => real.test(text))).toHaveLength(perSecond);
  expect(diagnoses.filter((text) => text.startsWith('not worked out'))).toHaveLength(sent - perSecond);
}
