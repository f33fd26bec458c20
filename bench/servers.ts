// One benchmark server per child process, so that its CPU time is its own. Started by run.ts.
import { expressServers } from './servers/express.js';
import { fastifyServers } from './servers/fastify.js';
import { honoServers } from './servers/hono.js';
import type { BenchServer } from './servers/types.js';

const SERVERS: Record<string, (redisPort: number) => Promise<BenchServer>> = { ...expressServers, ...honoServers, ...fastifyServers };

const variant = process.argv[2]!;
const start = SERVERS[variant];
if (!start) throw new Error(`unknown variant ${variant}`);
const server = await start(Number(process.argv[3]));
process.send?.({ port: server.port });

// The parent asks for CPU time and memory between rounds.
process.on('message', (message: { type: string }) => {
  if (message.type !== 'stats') return;
  const cpu = process.cpuUsage();
  void Promise.resolve(server.handled()).then((handled) => process.send?.({ cpuMicros: cpu.user + cpu.system, handled, rss: process.memoryUsage().rss }));
});

// Exit cleanly when the parent stops us, so that --cpu-prof can write its profile.
process.on('SIGTERM', () => process.exit(0));
