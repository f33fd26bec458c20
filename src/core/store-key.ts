// A delivery key is any JavaScript string: an id from the body (a CloudEvents id, an MTA message id) or a user's
// deliveryKey. A lone surrogate cannot be written as UTF-8, so Redis (and any store that encodes keys as UTF-8)
// would receive U+FFFD in its place, and "\ud800x" and "\udc00x" would become one key: the second event would be
// taken for a duplicate of the first and never handled.

/** Starts every escape, so it is escaped itself. */
const ESCAPE = '%';
/** The escape character, or a surrogate that is not half of a pair (the regex reads UTF-16 code units). */
const NEEDS_ESCAPE = /%|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes a delivery key well-formed Unicode, injectively: "%" becomes "%25" and each lone surrogate "%uD800"
 * (its code unit in four upper-case hex digits). An escape always starts with "%" and its length follows from
 * its second character, so distinct keys stay distinct. A well-formed key without "%" is returned unchanged,
 * so the keys stores already hold keep matching.
 */
export function toStoreKey(key: string): string {
  NEEDS_ESCAPE.lastIndex = 0;
  if (!NEEDS_ESCAPE.test(key)) return key;
  return key.replace(NEEDS_ESCAPE, escapeUnit);
}

function escapeUnit(unit: string): string {
  if (unit === ESCAPE) return '%25';
  return `%u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
