/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import base from './jest.config';

// The acceptance table against real runtimes (Express, Fastify, Hono, Fetch on Node, Bun, Deno, workerd,
// Next.js): `npm run test:runtimes`, after `npm run build` (Bun, Deno and Next.js load the built entry).
// Kept out of `npm test` because the runtimes take tens of seconds to start.
const config: Config = {
  ...base,
  roots: ['<rootDir>/test/runtimes'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/runtimes/harness/require-build.cjs',
  // Each file starts its runtime once; two at a time is what this 2-core machine takes.
  maxWorkers: 2,
  testTimeout: 30_000,
};

export default config;
