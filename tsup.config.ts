import { defineConfig } from 'tsup';

// tsup's declaration build sets baseUrl, which TypeScript 6 deprecates; nothing here relies on it.
const dtsCompilerOptions = { ignoreDeprecations: '6.0' };

export default defineConfig([
  {
    // The library: ESM (.js) and CommonJS (.cjs), each with its own declarations.
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', queue: 'src/queue/index.ts', fetch: 'src/fetch/index.ts', fastify: 'src/fastify/index.ts', inspector: 'src/inspector/index.ts', metrics: 'src/metrics/index.ts', otel: 'src/otel/index.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: dtsCompilerOptions },
    target: 'node20',
    platform: 'node',
    // Shared code in shared chunks, so that every entry (sms-webhooks, /fetch, /queue, ...) uses one copy of
    // each module, WebhookError included.
    splitting: true,
    outDir: 'dist',
  },
  {
    // The `sms-webhooks` command: ESM only (it uses top-level await), no declarations.
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: false,
    outDir: 'dist',
  },
]);
