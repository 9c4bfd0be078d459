/**
 * A worksheet's XML cut around its `<sheetData>` as `@e965/xlsx` cuts it (the first opening tag,
 * then the first closing one): what comes before and after is small and kept; the rows between are
 * only located (docs/protocol.md "Lists", step 3). The text is the bytes as Latin-1, as the library
 * reads them.
 */
import type { ZipEntry } from './xlsx-zip';
import { streamEntry } from './xlsx-zip';

export type SheetParts = {
  /** Everything up to and including the opening `<sheetData …>`. */
  head: string;
  /** The closing `</sheetData>` and everything after it. */
  tail: string;
  /** The rows' byte range in the inflated entry. */
  start: number;
  end: number;
};

const OPEN = /<(?:\w+:)?sheetData\b[^<>]*>/g;
const CLOSE = /<\/(?:\w+:)?sheetData>/g;

/** Null when the sheet has no `<sheetData>…</sheetData>` (the library then reads no cells). */
export function sheetParts(zip: Buffer, entry: ZipEntry, expired: () => boolean): SheetParts | null | 'timeout' {
  let head = '';
  let headSearched = 0;
  let start = -1;
  let end = -1;
  let pending = ''; // row text since the last '<', where a closing tag may begin
  let pendingAt = 0;
  const tail: string[] = [];
  let offset = 0;
  let pieces = 0;
  let late = false;
  streamEntry(zip, entry, (piece) => {
    if (late || (++pieces % 64 === 0 && expired())) {
      late = true;
      return;
    }
    const text = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('latin1');
    const at = offset;
    offset += piece.byteLength;
    if (end >= 0) {
      tail.push(text);
      return;
    }
    let rows = text;
    let rowsAt = at;
    if (start < 0) {
      head += text;
      OPEN.lastIndex = headSearched;
      const open = OPEN.exec(head);
      if (!open) {
        // An unfinished opening tag can only begin at the last '<'.
        headSearched = Math.max(0, head.lastIndexOf('<'));
        return;
      }
      start = OPEN.lastIndex;
      rows = head.slice(start);
      rowsAt = start;
      head = head.slice(0, start);
      pendingAt = start;
    }
    const all = pending + rows;
    CLOSE.lastIndex = 0;
    const close = CLOSE.exec(all);
    if (close) {
      end = pendingAt + close.index;
      tail.push(all.slice(close.index));
      pending = '';
      return;
    }
    const lt = all.lastIndexOf('<');
    pending = lt < 0 ? '' : all.slice(lt);
    pendingAt = lt < 0 ? rowsAt + rows.length : pendingAt + lt;
  });
  if (late) return 'timeout';
  if (start < 0 || end < 0) return null;
  return { head, tail: tail.join(''), start, end };
}
