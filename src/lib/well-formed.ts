/**
 * Text every store can hold (issue 13, finding 7): no NUL (PostgreSQL text refuses it) and no half
 * of a surrogate pair (not Unicode text; drivers would silently replace it).
 */
// eslint-disable-next-line no-control-regex -- a NUL is what it finds
const ILL_FORMED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export const isIllFormed = (text: string): boolean => ILL_FORMED.test(text);

/**
 * Each lone surrogate replaced by U+FFFD, as `String.prototype.toWellFormed` (ES2024, not in our
 * lib) and as the PostgreSQL driver's UTF-8 encoding would do silently. A JSON parameter would
 * not: `JSON.stringify` escapes a lone surrogate, which PostgreSQL's json refuses.
 */
export const toWellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/** At most `max` UTF-16 units, cut on a code point boundary (never between a surrogate pair). */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  const isSplitPair = high >= 0xd800 && high <= 0xdbff && isLowSurrogate(text.charCodeAt(max));
  return text.slice(0, isSplitPair ? max - 1 : max);
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
