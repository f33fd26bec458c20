import type { DeliveryObserver } from '../core/observe.js';
import type { WebhookReceiver } from '../core/receiver.js';
import { curlCommand, forwardDelivery } from './forward.js';
import { type DeliveryRecord, keepDelivery } from './record.js';
import { type ForwardAnswer, contextOf, createCapturingLogger, rememberContext } from './request-context.js';
import { type DeliveryRing, createDeliveryRing } from './ring.js';
import { signedSample } from './samples.js';

export interface InspectorCoreOptions {
  /** The routes (or receivers) to watch: `[mtaRoute, httpsmsRoute]`. */
  receivers: readonly (WebhookReceiver<unknown> | { receiver: WebhookReceiver<unknown> })[];
  /** How many deliveries are kept in memory, oldest dropped first. Default 500. */
  keep?: number;
  /** Keys to sign samples with, by provider (`{ mta: secret, httpsms: signingKey }`); unsigned samples get a 401. */
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
  const byProvider = new Map(receivers.map((receiver) => [receiver.provider, receiver]));
  const ring = createDeliveryRing(options.keep ?? 500);
  const echo = options.echo ?? process.stderr;
  const forwardTargets = options.forward ?? {};

  const observer: DeliveryObserver = {
    finished(report) {
      const context = contextOf(report.log, report.request.header);
      const id = ring.nextId();
      const kept = keepDelivery(id, report, context);
      if (context?.forward) {
        kept.record.forward = { pending: true };
        context.forward
          .then((answer) => ring.update(id, { forward: answer }))
          .catch((error: unknown) => report.log.error({ provider: report.provider, err: error }, 'inspector: could not show the app\'s answer to a forwarded delivery'));
      }
      ring.add(kept);
    },
  };
  const stops = receivers.map((receiver) => receiver.observe(observer));

  /** Runs bytes and headers through a receiver's own flow, as a request would; the report lands in the ring. */
  async function deliverLocally(provider: string, headers: Record<string, string | string[] | undefined>, body: Uint8Array, mark: { replayOf?: number; sample?: boolean }): Promise<void> {
    const receiver = byProvider.get(provider);
    if (!receiver) throw new RangeError(`no ${provider} receiver is watched by this inspector`);
    const lower: Record<string, string | string[] | undefined> = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    const { logger, context } = createCapturingLogger({ ...mark, headers: lower }, echo);
    const header = (name: string) => lower[name];
    rememberContext(header, context);
    await receiver.deliver({ header, readBody: () => body, requestLogger: logger });
  }

  return {
    ring,
    providers: [...byProvider.keys()],
    forwardTargets,
    async replay(id, to) {
      const kept = ring.get(id);
      if (!kept) throw new RangeError(`delivery #${id} is no longer kept (the last ${ring.capacity} are)`);
      const body = kept.rawBody ?? new Uint8Array();
      const marked = { ...kept.headers, 'x-sms-webhooks-replay': String(id) };
      if (to === 'receiver') {
        await deliverLocally(kept.record.provider, marked, body, { replayOf: id });
        // The newest replay of this delivery (another delivery may have finished meanwhile).
        return ring.list().find((record) => record.replayOf === id) as DeliveryRecord;
      }
      const url = forwardTargets[kept.record.provider];
      if (!url) throw new RangeError(`no forward target for ${kept.record.provider}`);
      const answer = await forwardDelivery(url, kept.headers, body, { 'x-sms-webhooks-replay': String(id) });
      ring.update(id, { forwardReplays: [...(kept.record.forwardReplays ?? []), answer] });
      return answer;
    },
    curl(id, url) {
      const kept = ring.get(id);
      return kept && curlCommand(url, kept.headers, kept.record.body ?? '');
    },
    async sendSample(provider, event, version) {
      const sample = await signedSample(provider, event, version, options.keys?.[provider], options.audience);
      await deliverLocally(provider, sample.headers, new TextEncoder().encode(sample.body), { sample: true });
    },
    close() {
      for (const stop of stops) stop();
    },
  };
}
