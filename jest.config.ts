/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  // The real runtimes run in their own step, after the build: `npm run test:runtimes` (jest.runtimes.config.ts).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/runtimes/'],
  // Sources import siblings as './x.js' (what the ESM build needs); jest resolves them to the .ts files.
  // The examples import the package by name, as users do; here that name means the sources.
  // The default logger prints to stderr; the suite refuses deliveries on purpose thousands of times.
  setupFilesAfterEnv: ['<rootDir>/test/helpers/quiet-default-logger.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^sms-webhooks$': '<rootDir>/src/index.ts',
    '^sms-webhooks/testing$': '<rootDir>/src/testing/index.ts',
    '^sms-webhooks/queue$': '<rootDir>/src/queue/index.ts',
    '^sms-webhooks/fetch$': '<rootDir>/src/fetch/index.ts',
    '^sms-webhooks/fastify$': '<rootDir>/src/fastify/index.ts',
    '^sms-webhooks/inspector$': '<rootDir>/src/inspector/index.ts',
    '^sms-webhooks/metrics$': '<rootDir>/src/metrics/index.ts',
    '^sms-webhooks/otel$': '<rootDir>/src/otel/index.ts',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  // Type checking is `npm run typecheck`'s job; ts-jest only transpiles, which keeps the suite quick.
  maxWorkers: 2,
};

export default config;
