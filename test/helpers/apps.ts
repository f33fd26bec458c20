import express5 from 'express';
import express4 from 'express4';

export const SECRET = 'test-secret-5f0c8e1d9a7b4c3e2f1a0b9c8d7e6f5a';

/** Every HTTP test runs against both Express majors. */
export const EXPRESS_VERSIONS = [
  ['Express 5', express5],
  ['Express 4', express4],
] as const;

export type ExpressFactory = typeof express5;
