/**
 * The words that make a reply an opt-out request when they are the whole message: the carriers' and CTIA's
 * standard set, plus the revocation words of the FCC's 2025 consent rules (REVOKE, OPTOUT, OPT OUT).
 */
export const MTA_OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT'] as const;

/** A full list that replaces the default keywords, or `{ add }` to extend them (other languages, brand words). */
export type OptOutKeywords = readonly string[] | { readonly add: readonly string[] };

/**
 * A reply as compared with the keywords: Unicode-normalized (fullwidth letters read as plain ones), punctuation
 * and whitespace removed at both ends, inner whitespace runs made one space, upper case. "Stop!", " stop. " and
 * "opt   out" match; "please stop", "STOP 2" and "stop-all" do not.
 */
export function optOutForm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
}

export type OptOutMatcher = (message: string) => boolean;

const DEFAULT_SET = new Set<string>(MTA_OPT_OUT_KEYWORDS);
const defaultMatcher: OptOutMatcher = (message) => DEFAULT_SET.has(optOutForm(message));
// Matchers of the option values seen, so that parseMtaEvent called with the same option builds its set once.
const matchers = new WeakMap<object, OptOutMatcher>();

/** The matcher for an `optOutKeywords` option (the default list when undefined); a bad option is a TypeError. */
export function optOutMatcher(keywords: OptOutKeywords | undefined): OptOutMatcher {
  if (keywords === undefined) return defaultMatcher;
  const known = typeof keywords === 'object' && keywords !== null ? matchers.get(keywords) : undefined;
  if (known) return known;
  const list = Array.isArray(keywords) ? keywords : (keywords as { add?: unknown })?.add;
  if (!Array.isArray(list) || list.some((word) => typeof word !== 'string' || optOutForm(word) === '')) {
    throw new TypeError('Option "optOutKeywords" must be a list of words, or { add: [...] } to extend the default list.');
  }
  const words = new Set<string>(Array.isArray(keywords) ? [] : MTA_OPT_OUT_KEYWORDS);
  for (const word of list as string[]) words.add(optOutForm(word));
  const matcher: OptOutMatcher = (message) => words.has(optOutForm(message));
  matchers.set(keywords, matcher);
  return matcher;
}
