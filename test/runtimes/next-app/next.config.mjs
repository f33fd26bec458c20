import { fileURLToPath } from 'node:url';

// The fixture app imports the built package (dist/) and the shared fixture settings from above its own folder,
// so Turbopack's root is the repository.
const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** @type {import('next').NextConfig} */
export default {
  turbopack: { root: repo, resolveAlias: { 'sms-webhooks/fetch': '../../../dist/fetch.js' } },
  outputFileTracingRoot: repo,
  // Type checking is the repository's `npm run typecheck`; here it would only slow the build.
  typescript: { ignoreBuildErrors: true },
};
