import type { ProviderDescriptor } from '../core/provider.js';
import type { MtaVersion } from '../mta/constants.js';
import { UsageError } from './io.js';
import { readBody } from './sign.js';

export type Provider = ProviderDescriptor<{ type: string }, never>;

export interface BodySpec {
  provider: Provider;
  event: string;
  version: MtaVersion;
  file?: string;
  sets: string[];
}

/**
 * The body to send: the file's exact bytes, or a realistic fixture of the event; `--set path=value` edits
 * either (a value is read as JSON when it parses, else as text; `tags.campaign=x` reaches into objects).
 */
export async function buildBody(spec: BodySpec, unique: boolean): Promise<string> {
  checkEvent(spec.provider, spec.event);
  if (spec.file && spec.sets.length === 0) return (await readBody(spec.file)).toString('utf8');
  const base = spec.file ? parseJsonFile((await readBody(spec.file)).toString('utf8'), spec.file) : fixture(spec, unique);
  for (const assignment of spec.sets) applySet(base, assignment);
  return JSON.stringify(base);
}

function fixture(spec: BodySpec, unique: boolean): Record<string, unknown> {
  return spec.provider.fixture(spec.event, { version: spec.version, unique });
}

function checkEvent(provider: Provider, event: string): void {
  const known = provider.eventTypes;
  if (!known.includes(event)) throw new UsageError(`unknown ${provider.name} event "${event}"; one of: ${known.join(', ')}`);
}

function parseJsonFile(text: string, file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError(`${file} must hold a JSON object to use --set on it`);
}

function applySet(target: Record<string, unknown>, assignment: string): void {
  const at = assignment.indexOf('=');
  if (at <= 0) throw new UsageError(`--set needs field=value, got "${assignment}"`);
  const path = assignment.slice(0, at).split('.');
  const raw = assignment.slice(at + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}
