import type { ProviderDescriptor } from './core/provider.js';
import { httpsmsProvider } from './httpsms/provider.js';
import { mtaProvider } from './mta/provider.js';

/**
 * Every provider this package knows. The queue worker and the CLI read this list; a new provider is its own
 * folder and one line here.
 */
export const PROVIDERS = [mtaProvider, httpsmsProvider] as const;

export type ProviderName = (typeof PROVIDERS)[number]['name'];

export function findProvider(name: string): ProviderDescriptor<{ type: string }, never> | undefined {
  return PROVIDERS.find((provider) => provider.name === name) as ProviderDescriptor<{ type: string }, never> | undefined;
}
