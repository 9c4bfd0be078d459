/**
 * Checks of a list file's container before the spreadsheet library parses it: the ZIP of an `.xlsx`
 * (sizes and CRCs, a zip bomb refused) and the OLE file of an `.xls` (encryption, hostile metadata).
 */
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import * as XLSX from '@e965/xlsx';
import { err, ok, type Result } from '../../lib/result';
import type { Run, SheetError } from './sheet-types';

/** The library's SSF and CFB helpers are typed `any`; the few calls made here, typed. */
type Cfb = { FileIndex: unknown[] };
const cfb = XLSX.CFB as {
  read: (data: Buffer, o: { type: 'buffer' }) => Cfb;
  write: (container: Cfb, o: { type: 'buffer' }) => Buffer;
  find: (container: Cfb, path: string) => object | null;
  utils: { cfb_del: (container: Cfb, path: string) => boolean };
};

/**
 * The library reports oddities with console.error, one line per unknown BIFF record: a crafted file
 * could write millions of lines, and server/logger.ts is the only writer of the console. Its parse is
 * synchronous, so nothing else can log while the console is muted.
 */
export function quietly<T>(parse: () => T): T {
  const { error, warn, log } = console;
  console.error = console.warn = console.log = () => undefined;
  try {
    return parse();
  } finally {
    Object.assign(console, { error, warn, log });
  }
}

/**
 * Walks the ZIP's central directory and inflates every entry with a cap before the library does: the
 * library trusts the declared sizes (and inflates without bound when they are zero), so a zip bomb or a
 * truncated or damaged entry is refused here. The inflated bytes are never kept; only sizes and CRCs count.
 */
export function checkZip(b: Buffer, run: Run): Result<Buffer, SheetError> {
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  if (eocd < 0 || eocd + 22 > b.length) return err('corrupted');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  let total = 0;
  let workbook = false;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return err('corrupted');
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const nameLength = b.readUInt16LE(p + 28);
    const extraLength = b.readUInt16LE(p + 30);
    const name = b.toString('latin1', p + 46, p + 46 + nameLength);
    const sizes = zip64Sizes(b, p + 46 + nameLength, extraLength, {
      compressed: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      offset: b.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + b.readUInt16LE(p + 32);
    if (flags & 0x2041) return err('encrypted'); // encrypted entry, strong encryption, masked directory
    if (!Number.isFinite(sizes.size + sizes.compressed + sizes.offset)) return err('corrupted');
    total += sizes.size;
    if (total > run.limits.maxUnzippedBytes) return err('too-large');
    if (/(^|\/)workbook\.xml$/i.test(name)) workbook = true;
    const local = sizes.offset;
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) return err('corrupted');
    // The library sizes its output buffer from the local header: it may not claim more than the directory.
    const localSize = b.readUInt32LE(local + 22);
    if (localSize !== 0xffffffff && localSize > sizes.size) return err('corrupted');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + sizes.compressed > b.length) return err('corrupted');
    const data = b.subarray(start, start + sizes.compressed);
    if (method !== 8 && method !== 0) return err('corrupted');
    const plain = method === 8 ? inflatedCrc(data, sizes.size) : { length: data.length, crc: crc32(data) };
    // Larger than declared, or a damaged deflate stream, or other bytes than the CRC says.
    if (plain === null || plain.length !== sizes.size || plain.crc !== crc) return err('corrupted');
    if (run.deadline.expired()) return err('timeout');
  }
  return workbook ? ok(b) : err('not-a-spreadsheet'); // a .docx, .ods, .xlsb or any other zip
}

/** Compressed bytes inflated at a time: the output of one push is at most about 16 MiB (DEFLATE's 1032:1). */
const PIECE = 16 * 1024;

/**
 * Inflates an entry a piece at a time, keeping only its length and CRC: an entry's inflated bytes
 * (56 MB for a 150,000-row sheet) are never held, and inflating stops past the declared size.
 * Null for a damaged stream or one longer than declared.
 */
function inflatedCrc(data: Buffer, declared: number): { length: number; crc: number } | null {
  let length = 0;
  let crc = 0;
  const inflater = new Inflate((piece) => {
    length += piece.length;
    if (length <= declared) crc = crc32(piece, crc);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length && length <= declared; at += PIECE) {
      inflater.push(data.subarray(at, at + PIECE), at + PIECE >= data.length);
    }
  } catch {
    return null;
  }
  return length > declared ? null : { length, crc };
}

type ZipSizes = { compressed: number; size: number; offset: number };

/** ZIP64 extra field (id 1): 8-byte values for exactly the fields whose 4-byte value is all ones. */
export function zip64Sizes(b: Buffer, at: number, length: number, sizes: ZipSizes): ZipSizes {
  const out = { ...sizes };
  for (let q = at; q + 4 <= at + length && q + 4 <= b.length;) {
    const id = b.readUInt16LE(q);
    const size = b.readUInt16LE(q + 2);
    let v = q + 4;
    const next = (): number => {
      const n = v + 8 <= Math.min(q + 4 + size, b.length) ? Number(b.readBigUInt64LE(v)) : Infinity;
      v += 8;
      return n;
    };
    if (id === 1) {
      if (out.size === 0xffffffff) out.size = next();
      if (out.compressed === 0xffffffff) out.compressed = next();
      if (out.offset === 0xffffffff) out.offset = next();
    }
    q += 4 + size;
  }
  return out;
}

/**
 * Opens the OLE container to tell an encrypted `.xlsx` from an `.xls`, and drops the two document
 * property streams before the library parses the file: SheetJS 0.20.3 trusts their property count
 * (a 5 KB file claiming 2^31 properties fills the heap and kills the process), and the list needs
 * none of that metadata (title, author). The container is then written back without them.
 */
export function checkCfb(b: Buffer): Result<Buffer, SheetError> {
  try {
    return quietly(() => {
      const container = cfb.read(b, { type: 'buffer' });
      // A password-protected .xlsx is an OLE file holding the encrypted package ([MS-OFFCRYPTO] 2.3.4).
      if (cfb.find(container, 'EncryptionInfo') || cfb.find(container, 'EncryptedPackage')) return err('encrypted');
      // BIFF8 keeps its records in "Workbook", BIFF5 in "Book"; a .doc or .msg has neither.
      if (!cfb.find(container, 'Workbook') && !cfb.find(container, 'Book')) return err('not-a-spreadsheet');
      let dropped = false;
      for (const stream of ['/!SummaryInformation', '/!DocumentSummaryInformation']) {
        while (cfb.utils.cfb_del(container, stream)) dropped = true;
      }
      return ok(dropped ? cfb.write(container, { type: 'buffer' }) : b);
    });
  } catch {
    return err('corrupted');
  }
}
