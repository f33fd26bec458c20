import type { DeliveryObserver } from '../core/observe.js';
import type { WebhookReceiver } from '../core/receiver.js';
import { curlCommand, forwardDelivery } from './forward.js';
import { type DeliveryRecord, keepDelivery } from './record.js';
import { type ForwardAnswer, contextOf, createCapturingLogger, rememberContext } from './request-context.js';
import { type DeliveryRing, createDeliveryRing } from './ring.js';
import { signedSample } from './samples.js';

export interface InspectorCoreOptions {
  /**
   * The routes (or receivers) to watch: `[mtaRoute, httpsmsRoute]`. Several of one provider are fine: a replay goes
   * through the route that answered the delivery; a sample goes to the first listed route of its provider.
   */
  receivers: readonly (WebhookReceiver<unknown> | { receiver: WebhookReceiver<unknown> })[];
  /** How many deliveries are kept in memory, oldest dropped first. Default 500. */
  keep?: number;
  /**
   * Keys to sign samples with, by provider (`{ mta: secret, httpsms: signingKey }`): the key of the first listed route
   * of that provider. Unsigned samples get a 401.
   */
  keys?: Readonly<Record<string, string | undefined>>;
  /** The httpSMS audience samples are signed for, when the receiver checks one. */
  audience?: string;
  /** The user's app, by provider: where "replay to the app" sends a delivery. */
  forward?: Readonly<Record<string, string | undefined>>;
  /** Where warnings of replays and samples are echoed; default stderr. */
  echo?: NodeJS.WritableStream | false;
}

/** The inspector without HTTP: the ring of deliveries it fills from reports, and the actions the page offers. */
export interface InspectorCore {
  ring: DeliveryRing;
  providers: string[];
  forwardTargets: Readonly<Record<string, string | undefined>>;
  replay(id: number, to: 'receiver' | 'forward'): Promise<DeliveryRecord | ForwardAnswer>;
  curl(id: number, url: string): string | undefined;
  sendSample(provider: string, event: string, version?: number): Promise<void>;
  /** Stops listening to the receivers. */
  close(): void;
}

export function createInspectorCore(options: InspectorCoreOptions): InspectorCore {
  if (!Array.isArray(options?.receivers) || options.receivers.length === 0) {
    throw new TypeError('Option "receivers" must list the webhook routes to watch: webhookInspector({ receivers: [mtaRoute, httpsmsRoute] }).');
  }
  const receivers = options.receivers.map((item) => ('receiver' in item && item.receiver ? item.receiver : (item as WebhookReceiver<unknown>)));
  if (receivers.some((receiver) => typeof receiver?.observe !== 'function')) {
    throw new TypeError('Option "receivers" must hold routes or receivers of this package (they have observe()).');
  }
  // A route given twice (as a route and as its receiver) is watched once: one record per delivery.
  const watched = [...new Set(receivers)];
  const ring = createDeliveryRing(options.keep ?? 500);
  const echo = options.echo ?? process.stderr;
  const forwardTargets = options.forward ?? {};

  /** Each receiver has its own observer, so that every record knows which receiver answered it. */
  function observerFor(receiver: WebhookReceiver<unknown>): DeliveryObserver {
    return {
      finished(report) {
        const context = contextOf(report.log, report.request.header);
        const id = ring.nextId();
        const kept = keepDelivery(id, report, context, receiver);
        if (context) context.delivered = kept.record;
        if (context?.forward) {
          kept.record.forward = { pending: true };
          context.forward
            .then((answer) => ring.update(kept.record, { forward: answer }))
            .catch((error: unknown) => report.log.error({ provider: report.provider, err: error }, 'inspector: could not show the app\'s answer to a forwarded delivery'));
        }
        ring.add(kept);
      },
    };
  }
  const stops = watched.map((receiver) => receiver.observe(observerFor(receiver)));

  /** Runs bytes and headers through a receiver's own flow, as a request would; resolves with the record it made. */
  async function deliverLocally(receiver: WebhookReceiver<unknown>, headers: Record<string, string | string[] | undefined>, body: Uint8Array, mark: { replayOf?: number; sample?: boolean }): Promise<DeliveryRecord> {
    const lower: Record<string, string | string[] | undefined> = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    const { logger, context } = createCapturingLogger({ ...mark, headers: lower }, echo);
    const header = (name: string) => lower[name];
    rememberContext(header, context);
    await receiver.deliver({ header, readBody: () => body, requestLogger: logger });
    // Its own record, whatever else finished meanwhile; none only when the receiver gave up on it (closing).
    if (!context.delivered) throw new Error(`the ${receiver.provider} receiver answered without reporting the delivery (is it closing?)`);
    return context.delivered;
  }

  return {
    ring,
    providers: [...new Set(watched.map((receiver) => receiver.provider))],
    forwardTargets,
    async replay(id, to) {
      const kept = ring.get(id);
      if (!kept) throw new RangeError(`delivery #${id} is no longer kept (the last ${ring.capacity} are)`);
      const body = kept.rawBody ?? new Uint8Array();
      const marked = { ...kept.headers, 'x-sms-webhooks-replay': String(id) };
      if (to === 'receiver') return deliverLocally(kept.receiver, marked, body, { replayOf: id });
      const url = forwardTargets[kept.record.provider];
      if (!url) throw new RangeError(`no forward target for ${kept.record.provider}`);
      const answer = await forwardDelivery(url, kept.headers, body, { 'x-sms-webhooks-replay': String(id) });
      ring.update(kept.record, { forwardReplays: [...(kept.record.forwardReplays ?? []), answer] });
      return answer;
    },
    curl(id, url) {
      const kept = ring.get(id);
      return kept && curlCommand(url, kept.headers, kept.rawBody ?? new Uint8Array());
    },
    async sendSample(provider, event, version) {
      // A receiver cannot say which events it handles: samples go to the first listed route of their provider,
      // signed with that provider's key in `keys`.
      const receiver = watched.find((candidate) => candidate.provider === provider);
      if (!receiver) throw new RangeError(`no ${provider} receiver is watched by this inspector`);
      const sample = await signedSample(provider, event, version, options.keys?.[provider], options.audience);
      await deliverLocally(receiver, sample.headers, new TextEncoder().encode(sample.body), { sample: true });
    },
    close() {
      for (const stop of stops) stop();
    },
  };
}
