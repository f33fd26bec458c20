import { PROVIDERS, findProvider } from '../providers.js';

/** Every event and version the page offers as a sample, from the provider descriptors. */
export function sampleCatalog(): { provider: string; events: readonly string[]; versions: number[] }[] {
  return PROVIDERS.map((provider) => ({
    provider: provider.name,
    events: provider.eventTypes,
    // Only MTA has payload versions.
    versions: provider.name === 'mta' ? [1, 2, 3] : [],
  }));
}

/** A realistic, freshly numbered sample event, signed with `key` as the provider would sign it. */
export async function signedSample(
  providerName: string,
  event: string,
  version: number | undefined,
  key: string | undefined,
  audience?: string,
): Promise<{ body: string; headers: Record<string, string> }> {
  const provider = findProvider(providerName);
  if (!provider || !provider.eventTypes.includes(event)) throw new RangeError(`unknown sample ${providerName} ${event}`);
  const body = JSON.stringify(provider.fixture(event, { version, unique: true }));
  // Without the key the sample goes unsigned, and the page shows the 401 and its cause: still worth seeing.
  const headers = key ? await provider.sign(body, key, { audience }) : { 'Content-Type': 'application/json' };
  if (providerName === 'httpsms') headers['X-Event-Type'] ??= event;
  return { body, headers };
}
