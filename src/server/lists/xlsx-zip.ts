/**
 * The entries of an `.xlsx` (a ZIP) for the streaming reader (docs/protocol.md "Lists", step 3):
 * listed from the central directory, inflated whole (small parts) or a piece at a time with
 * `fflate` (worksheets), so a sheet's XML is never held whole. Only called after `checkZip`
 * (check-container.ts) has checked every entry's sizes and CRC.
 */
import { inflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';
import { zip64Sizes } from './check-container';

export type ZipEntry = { name: string; method: number; start: number; compressed: number; size: number };

/** Compressed bytes given to the inflater at a time: its output per push is about 64 KiB × the ratio. */
const PIECE = 16 * 1024;

export function zipEntries(b: Buffer): ZipEntry[] {
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = b.readUInt16LE(p + 10);
    const nameLength = b.readUInt16LE(p + 28);
    const extraLength = b.readUInt16LE(p + 30);
    const flags = b.readUInt16LE(p + 8);
    const raw = b.subarray(p + 46, p + 46 + nameLength);
    // The library reads names as UTF-8 when the entry says so (bit 11), else as Latin-1.
    const name = raw.toString(flags & 0x800 ? 'utf8' : 'latin1');
    const sizes = zip64Sizes(b, p + 46 + nameLength, extraLength, {
      compressed: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      offset: b.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + b.readUInt16LE(p + 32);
    const local = sizes.offset;
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    entries.push({ name, method, start, compressed: sizes.compressed, size: sizes.size });
  }
  return entries;
}

export function inflateEntry(b: Buffer, e: ZipEntry): Buffer {
  const data = b.subarray(e.start, e.start + e.compressed);
  return e.method === 8 ? inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) }) : data;
}

/** Gives the entry's bytes in order, a piece at a time; `onPiece` may not keep the array it is given. */
export function streamEntry(b: Buffer, e: ZipEntry, onPiece: (piece: Uint8Array) => void): void {
  const data = b.subarray(e.start, e.start + e.compressed);
  if (e.method !== 8) {
    for (let at = 0; at < data.length; at += PIECE) onPiece(data.subarray(at, at + PIECE));
    return;
  }
  const inflater = new Inflate((piece) => onPiece(piece));
  if (data.length === 0) inflater.push(data, true);
  for (let at = 0; at < data.length; at += PIECE)
    inflater.push(data.subarray(at, at + PIECE), at + PIECE >= data.length);
}
