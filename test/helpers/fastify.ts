import fastify5 from 'fastify';
import fastify4 from 'fastify4';

/** Every Fastify test runs against both majors the plugin supports. */
export const FASTIFY_VERSIONS = [
  ['Fastify 5', fastify5],
  ['Fastify 4', fastify4 as unknown as typeof fastify5],
] as const;

export type FastifyFactory = typeof fastify5;
