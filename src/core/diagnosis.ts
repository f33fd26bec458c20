import { type Logger, pickLogger } from './logger.js';
import { createRateBudget } from './rate-budget.js';

const DIAGNOSES_PER_SECOND = 20;

/** Explains one refused delivery (why its signature or token failed), when the budget allows. */
export type Diagnoser = (work: () => Promise<string>) => Promise<string>;

/**
 * Runs the diagnosis of refusals, at most `perSecond` a second per receiver: a forged signature makes it try a few
 * dozen HMACs, work a sender can cause at will, so a flood of forgeries is refused as cheaply as ever. A diagnosis
 * that fails (a key WebCrypto will not import) leaves the refusal a 401; it never becomes a 500.
 */
export function createDiagnoser(logger?: Logger | false, perSecond = DIAGNOSES_PER_SECOND): Diagnoser {
  const budget = createRateBudget(perSecond);
  // The error is a crypto or programming failure: it holds no key, and it is the only trace of what went wrong.
  const failed = (error: unknown) => {
    pickLogger(logger).warn({ err: error }, 'could not work out why a delivery was refused (the refusal stands)');
    return 'not worked out: the diagnosis itself failed';
  };
  return (work) => {
    if (!budget.take()) return Promise.resolve(`not worked out: more than ${perSecond} refusals were diagnosed this second`);
    return Promise.resolve().then(work).catch(failed);
  };
}

/**
 * The forms a secret copied by hand tends to take on the sender's side: with a trailing newline (Unix or Windows),
 * a trailing space, a leading space. Both providers' diagnoses try the same ones.
 */
export function paddedSecrets(secret: string): string[] {
  return [`${secret}\n`, `${secret}\r\n`, `${secret} `, ` ${secret}`];
}
