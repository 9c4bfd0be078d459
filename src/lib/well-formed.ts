/**
 * Text every store can hold (issue 13, finding 7): no NUL (PostgreSQL text refuses it) and no half
 * of a surrogate pair (not Unicode text; drivers would silently replace it).
 */
// eslint-disable-next-line no-control-regex -- a NUL is what it finds
const ILL_FORMED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

export const isIllFormed = (text: string): boolean => ILL_FORMED.test(text);
