import { createRecorder, receiverOptions } from '../../apps/settings';

// One recorder for every route of the server: Next.js may load a shared module once per route bundle, so the
// instance lives on globalThis.
const shared = globalThis as { smsWebhooksRecorder?: ReturnType<typeof createRecorder> };
export const recorder = (shared.smsWebhooksRecorder ??= createRecorder());
export const options = receiverOptions(recorder);
