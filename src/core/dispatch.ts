import { type Admission, admit, settle } from './dedupe.js';
import { DeliveryContext } from './delivery-context.js';
import { WebhookError } from './errors.js';
import type { Delivery, ProviderSpec } from './provider.js';
import { type HandlerTable, runHandlers } from './handlers.js';
import { type HandoffJob, traceCarrier } from './handoff.js';
import type { InFlightEntry } from './in-flight.js';
import type { Logger } from './logger.js';
import { ranOutcome } from './outcome.js';
import type { CheckedReliability } from './reliability.js';
import { isThenable } from './thenable.js';
import type { HandlerContext } from './delivery-context.js';
import type { StatusChange } from '../status/types.js';
import { type StatusStep, isSkipped, recordStatus } from './status-step.js';

export type Outcome = 'handled' | 'no_handler' | 'duplicate' | 'stale' | 'queued';

/** What dispatching did, for the answer and the delivery's report. */
export interface Dispatched {
  outcome: Outcome;
  redelivery?: boolean;
  statusChange?: StatusChange;
}

export interface DispatchOptions<E extends { type: string }> {
  spec: ProviderSpec<E>;
  handlers: HandlerTable<HandlerContext>;
  reliability: CheckedReliability<E>;
  handlerBudgetMs?: number;
  status?: StatusStep;
}

const NO_DEDUPE: Admission = { run: true, redelivery: false };
// The common results, made once: most deliveries allocate nothing for their result.
const HANDLED: Dispatched = { outcome: 'handled' };
const NO_HANDLER: Dispatched = { outcome: 'no_handler' };
const DUPLICATE: Dispatched = { outcome: 'duplicate' };
const QUEUED: Dispatched = { outcome: 'queued' };
const decoder = new TextDecoder();

/**
 * The steps after validation: claim the key, run the handlers, record the end (done, or released for the retry).
 * Plain values from the store and the handlers cost no turn of the event loop; thenables are awaited.
 */
export function createDispatcher<E extends { type: string }>(options: DispatchOptions<E>) {
  const { spec, reliability } = options;
  const { dedupe, handoff } = reliability;

  async function admitAndDispatch(event: E, key: string, log: Logger, entry: InFlightEntry | undefined): Promise<Dispatched> {
    const describe = () => ({ provider: spec.name, ...spec.summary(event), key });
    const admitted = dedupe ? admit(dedupe, key, log, describe) : NO_DEDUPE;
    const admission = isThenable(admitted) ? await admitted : admitted;
    if (!admission.run) return DUPLICATE;
    const finish = (succeeded: boolean) => (dedupe ? settle(dedupe, key, admission, succeeded, log, describe) : undefined);
    if (entry) entry.release = () => finish(false);
    const context = new DeliveryContext(log, spec.name, event.type, key, admission.redelivery, Date.now());
    let ran: number | 'stale' = 'stale';
    try {
      if (options.status) context.status = await recordStatus(options.status, event, log, describe);
      if (!isSkipped(options.status, context.status)) {
        const work = dispatch(event, context, log);
        ran = typeof work === 'number' ? work : await work;
      }
    } catch (error) {
      if (entry) entry.release = undefined;
      await finish(false);
      throw error;
    }
    // Done: the claim is ours to complete now, no longer close()'s to give back.
    if (entry) entry.release = undefined;
    const settled = finish(true);
    if (settled) await settled;
    const outcome = ranOutcome(ran);
    if (!context.status && !admission.redelivery && outcome !== 'stale') return outcome === 'handled' ? HANDLED : NO_HANDLER;
    return { outcome, redelivery: admission.redelivery, statusChange: context.status };
  }

  /** Runs the handlers; whatever they throw, synchronously or not, becomes a handler.failed. */
  function dispatch(event: E, context: DeliveryContext, log: Logger): number | Promise<number> {
    const startedAt = performance.now();
    const budget = () => warnIfSlow(log, event, context.key, performance.now() - startedAt);
    try {
      const ran = runHandlers(options.handlers, event, context);
      if (typeof ran === 'number') {
        budget();
        return ran;
      }
      return ran.then(
        (count) => (budget(), count),
        (cause: unknown) => Promise.reject(handlerFailed(event.type, cause)),
      );
    } catch (cause) {
      throw handlerFailed(event.type, cause);
    }
  }

  async function handOff(event: E, delivery: Delivery, key: string): Promise<Dispatched> {
    const job: HandoffJob = {
      provider: spec.name,
      key,
      type: event.type,
      body: decoder.decode(delivery.rawBody),
      hints: spec.handoffHints(event, delivery),
      receivedAt: Date.now(),
      trace: traceCarrier(),
    };
    try {
      return (await handoff!.enqueue(job)) === 'duplicate' ? DUPLICATE : QUEUED;
    } catch (cause) {
      throw new WebhookError('store.unavailable', 'The delivery queue cannot be reached; the provider will retry the delivery.', { cause, store: 'queue' });
    }
  }

  function warnIfSlow(log: Logger, event: E, key: string, handlerMs: number): void {
    if (options.handlerBudgetMs === undefined || handlerMs <= options.handlerBudgetMs) return;
    log.warn(
      { provider: spec.name, ...spec.summary(event), key, handlerMs: Math.round(handlerMs), budgetMs: options.handlerBudgetMs },
      `webhook handlers took longer than ${options.handlerBudgetMs} ms: the provider may time out and send the delivery again`,
    );
  }

  return (event: E, delivery: Delivery, key: string, log: Logger, entry?: InFlightEntry): Promise<Dispatched> =>
    handoff ? handOff(event, delivery, key) : admitAndDispatch(event, key, log, entry);
}

function handlerFailed(type: string, cause: unknown): WebhookError {
  return new WebhookError(
    'handler.failed',
    `A "${type}" handler failed, so the delivery is answered with 500 and the provider will retry it.`,
    { cause },
  );
}
