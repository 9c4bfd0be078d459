/**
 * The name of an uploaded file as the client sends it (`X-Filename`, percent-encoded UTF-8): NFC,
 * without control characters or lone surrogates (a NUL would not fit PostgreSQL text), at most
 * 200 characters; `fallback` when absent or unreadable.
 */
import { isIllFormed } from '../../lib/well-formed';

// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL = /[\u0000-\u001f\u007f]/gu;

export function fileNameOf(header: string | undefined, fallback: string): string {
  if (!header) return fallback;
  try {
    const name = decodeURIComponent(header).replace(CONTROL, '').normalize('NFC').slice(0, 200);
    return name === '' || isIllFormed(name) ? fallback : name;
  } catch {
    return fallback;
  }
}
