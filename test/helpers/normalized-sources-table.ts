import { MTA_EVENT_TYPES } from '../../src/mta/constants';
import { MTA_NORMALIZED_SOURCES, type MtaNormalizedSource } from '../../src/mta/normalized-sources';

const cell = (source: MtaNormalizedSource): string => {
  if (source === null) return '—';
  if (typeof source === 'string') return `\`${source}\``;
  return `\`${source.from}\` (${source.how})`;
};

/** MTA_NORMALIZED_SOURCES as the Markdown table docs/mta.md shows. */
export function renderNormalizedSources(): string {
  const rows = MTA_EVENT_TYPES.flatMap((type) =>
    Object.entries(MTA_NORMALIZED_SOURCES[type]).map(
      ([field, by]) => `| ${type} | \`${field}\` | ${cell(by[1])} | ${cell(by[2])} | ${cell(by[3])} |`,
    ),
  );
  return ['| event | normalized field | V1 | V2 | V3 |', '|---|---|---|---|---|', ...rows].join('\n');
}
