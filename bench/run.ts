// npm run bench: throughput of the webhook route against baselines measured in the same run, plus a
// micro-benchmark of receive() against the floor of one HMAC and one JSON.parse. Ratios, not absolute numbers,
// are what to compare across machines.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { makeDeliveries, type BenchDelivery } from './deliveries.js';
import { runMicro } from './micro.js';
import { RedisServer } from '../tools/redis-server.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

/** Each group runs on one framework; ratios compare routes of the same group, measured in the same rounds. */
interface Group {
  title: string;
  baseline: string;
  /** The competitor our route is compared with, where there is one. */
  rival?: string;
  variants: Array<[variant: string, label: string]>;
}

const GROUPS: Group[] = [
  {
    title: 'Express 5',
    baseline: 'bare',
    rival: 'octokit',
    variants: [
      ['bare', 'bare express.json() route'],
      ['mta', 'mtaWebhooks (sms-webhooks)'],
      ['octokit', 'octokit createNodeMiddleware'],
      ['floor', 'floor: HMAC + compare + JSON.parse only'],
      ['handwritten', 'hand-written crypto + zod route'],
    ],
  },
  {
    title: 'Hono 4 on @hono/node-server',
    baseline: 'hono-bare',
    rival: 'hono-octokit',
    variants: [
      ['hono-bare', 'bare Hono route (c.req.text())'],
      ['hono-mta', 'sms-webhooks/fetch mtaWebhooks'],
      ['hono-octokit', 'octokit createWebMiddleware'],
      ['hono-floor', 'floor: HMAC + compare + JSON.parse only'],
    ],
  },
  {
    title: 'Fastify 5',
    baseline: 'fastify-bare',
    variants: [
      ['fastify-bare', 'bare Fastify route (its JSON parser)'],
      ['fastify-mta', 'sms-webhooks/fastify mtaWebhooks'],
      ['fastify-floor', 'floor: HMAC + compare + JSON.parse only'],
    ],
  },
  {
    // The cost of observability: the same route with Prometheus metrics and a span per delivery (exported to
    // memory), against the route without. Target: 0.95x or better. The bare-span row is the SDK's share alone.
    title: 'Express 5, metrics + tracing',
    baseline: 'mta',
    variants: [
      ['mta', 'mtaWebhooks, no metrics or tracing'],
      ['mta-observed', 'mtaWebhooks + createWebhookMetrics + createWebhookTracing'],
      ['mta-span', 'mtaWebhooks + one bare SDK span per delivery'],
    ],
  },
];
const OURS = new Set(['mta', 'hono-mta', 'fastify-mta']);
// BENCH_ONLY=<part of a group title>: that group alone, without the reliability runs and the micro-benchmark.
const ONLY = process.env.BENCH_ONLY;

interface Server {
  child: ChildProcess;
  port: number;
}

interface Stats {
  cpuMicros: number;
  handled: number;
  rss: number;
}

async function startServer(variant: string, redisPort = 0): Promise<Server> {
  const child = fork(fileURLToPath(new URL('./servers.ts', import.meta.url)), [variant, String(redisPort)], {
    execArgv: ['--import', 'tsx'], // TSX_TSCONFIG_PATH is inherited: the build is measured
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { child, port: message.port };
}

async function stats(server: Server): Promise<Stats> {
  server.child.send({ type: 'stats' });
  const [message] = (await once(server.child, 'message')) as [Stats];
  return message;
}

function load(port: number, deliveries: BenchDelivery[], seconds: number, amount?: number, connections = CONNECTIONS): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}/hook`,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const delivery = deliveries[next++ % deliveries.length]!;
          return { ...request, method: 'POST', headers: delivery.headers, body: delivery.body };
        },
      },
    ],
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main(): Promise<void> {
  const deliveries = makeDeliveries(50_000);
  console.log(`sms-webhooks bench: ${deliveries.length} distinct signed V3 delivery-status bodies of ~${deliveries[0]!.body.length} bytes`);
  console.log(`${ROUNDS} interleaved rounds of ${SECONDS}s per route, ${CONNECTIONS} connections, loopback, autocannon\n`);

  for (const group of GROUPS) if (!ONLY || group.title.includes(ONLY)) await runGroup(group, deliveries);
  if (ONLY) return;
  console.log('');
  await runReliability(deliveries);
  console.log('');
  await runMicro(deliveries);
}

/** Interleaved rounds over every route of a group, then one table of medians and ratios. */
async function runGroup(group: Group, deliveries: BenchDelivery[]): Promise<void> {
  console.log(`== ${group.title}`);
  const servers = new Map<string, Server>();
  const results = new Map<string, Array<{ rps: number; p99: number; cpuPerRequest: number; non2xx: number }>>();
  try {
    for (const [variant] of group.variants) servers.set(variant, await startServer(variant));
    for (const [variant] of group.variants) await load(servers.get(variant)!.port, deliveries, 1); // warm-up
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [variant, label] of group.variants) {
        const server = servers.get(variant)!;
        const before = await stats(server);
        const result = await load(server.port, deliveries, SECONDS);
        const after = await stats(server);
        const row = {
          rps: result.requests.average,
          p99: result.latency.p99,
          cpuPerRequest: (after.cpuMicros - before.cpuMicros) / Math.max(1, result.requests.total),
          non2xx: result.non2xx + result.errors,
        };
        results.set(variant, [...(results.get(variant) ?? []), row]);
        console.log(`round ${round} ${label.padEnd(34)} ${row.rps.toFixed(0).padStart(7)} req/s  p99 ${row.p99} ms`);
      }
    }
  } finally {
    for (const server of servers.values()) server.child.kill();
  }
  const rpsOf = (variant: string) => median(results.get(variant)!.map((row) => row.rps));
  const rivalRps = group.rival ? rpsOf(group.rival) : undefined;
  console.log(`\n| ${group.title} route | req/s (median) | ratio to ${group.baseline} | ratio to octokit | p99 ms (median) | server CPU µs/req | non-2xx + errors |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const [variant, label] of group.variants) {
    const rows = results.get(variant)!;
    const rps = rpsOf(variant);
    const toRival = rivalRps && OURS.has(variant) ? `**${(rps / rivalRps).toFixed(2)}x**` : '';
    console.log(
      `| ${label} | ${rps.toFixed(0)} | ${(rps / rpsOf(group.baseline)).toFixed(2)}x | ${toRival} | ${median(rows.map((row) => row.p99))} | ` +
        `${median(rows.map((row) => row.cpuPerRequest)).toFixed(1)} | ${rows.reduce((sum, row) => sum + row.non2xx, 0)} |`,
    );
  }
  console.log('');
}

const LOAD_DELIVERIES = Number(process.env.BENCH_LOAD_DELIVERIES ?? 20_000);
const LOAD_CONNECTIONS = 64;

/**
 * The reliability runs: exactly LOAD_DELIVERIES distinct deliveries over 64 connections to the in-memory,
 * Redis-store and queue hand-off receivers. Each must answer every one with 200 and account for every one
 * (handled, or held by Redis as a job): a shortfall is a lost event.
 */
async function runReliability(deliveries: BenchDelivery[]): Promise<void> {
  const redis = await new RedisServer().start();
  const variants = [
    ['mta', 'in-memory de-duplication'],
    ['mta-redis', 'Redis store de-duplication'],
    ['mta-queue', 'queue hand-off (BullMQ)'],
  ] as const;
  console.log(`reliability runs: ${LOAD_DELIVERIES} distinct deliveries, ${LOAD_CONNECTIONS} connections, each route once`);
  console.log('| receiver | req/s | p99 ms | non-200 + errors | lost events | server RSS before → after |');
  console.log('|---|---|---|---|---|---|');
  try {
    for (const [variant, label] of variants) {
      const server = await startServer(variant, redis.port);
      try {
        const slice = deliveries.slice(0, LOAD_DELIVERIES);
        const before = await stats(server);
        const result = await load(server.port, slice, 0, LOAD_DELIVERIES, LOAD_CONNECTIONS);
        const after = await stats(server);
        const lost = LOAD_DELIVERIES - (after.handled - before.handled);
        const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
        console.log(
          `| ${label} | ${result.requests.average.toFixed(0)} | ${result.latency.p99} | ${result.non2xx + result.errors} | ${lost} | ` +
            `${mb(before.rss)} → ${mb(after.rss)} |`,
        );
      } finally {
        server.child.kill();
      }
    }
  } finally {
    await redis.destroy();
  }
}

await main();
