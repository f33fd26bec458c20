import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One ```ts block of a Markdown page, with where it starts so a failure can point at it. */
export interface MarkdownExample {
  page: string;
  /** The 1-based line of the page where the block's code starts. */
  line: number;
  code: string;
  /** Marked ```ts fragment: a piece of a larger example that cannot compile alone. */
  fragment: boolean;
}

const fence = /^```(ts|typescript)([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;

/** Every TypeScript block of one Markdown text. */
export function extractExamples(page: string, markdown: string): MarkdownExample[] {
  return [...markdown.matchAll(fence)].map((match) => ({
    page,
    line: markdown.slice(0, match.index).split('\n').length + 1,
    code: match[3] ?? '',
    fragment: /\bfragment\b/.test(match[2] ?? ''),
  }));
}

/** The pages users read: the README and every page under docs/. */
export function documentationPages(root: string): string[] {
  const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
  return ['README.md', ...docs.sort()];
}

export function readExamples(root: string): MarkdownExample[] {
  return documentationPages(root).flatMap((page) => extractExamples(page, readFileSync(join(root, page), 'utf8')));
}
