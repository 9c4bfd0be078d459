/**
 * A cell as `@e965/xlsx` parses it, turned into the grid's `Cell` (sheet-types.ts): shared by the
 * library's path and the streaming reader (docs/protocol.md "Lists", step 3), so both give one output.
 */
import * as XLSX from '@e965/xlsx';
import { EMPTY, type Cell } from './sheet-types';

/** The library's SSF helpers are typed `any`; the calls made here, typed. */
export const ssf = XLSX.SSF as {
  is_date: (format: string) => boolean;
  get_table: () => Record<number, string>;
  format: (format: string | number, value: unknown, options?: object) => string;
};

export const blank = (c: XLSX.CellObject | undefined): boolean =>
  !c || (c.f === undefined && (c.t === 'z' || c.v === undefined || c.v === null || c.v === ''));

/** Excel's error codes ([MS-XLSB] 2.5.97.2) for an error cell without its text. */
const errorTexts: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};
/** Days between Excel's 1900 and 1904 date systems. */
const DAYS_1904 = 1462;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

export function toCell(c: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!c || blank(c)) return EMPTY;
  const f = c.f === undefined ? {} : { formula: c.f };
  const v = c.v;
  switch (c.t) {
    case 'n': {
      if (typeof v !== 'number') return { text: c.w ?? '', value: null, kind: 'empty', ...f };
      const format = typeof c.z === 'number' ? ssf.get_table()[c.z] : c.z;
      const date = format !== undefined && ssf.is_date(format);
      return {
        text: c.w ?? String(v),
        value: date && date1904 ? v + DAYS_1904 : v,
        kind: date ? 'date' : 'number',
        ...f,
      };
    }
    case 'd': {
      const time = v instanceof Date ? v.getTime() : Date.parse(String(v));
      if (Number.isNaN(time)) return { text: c.w ?? String(v), value: String(v), kind: 'string', ...f };
      const serial = (time - EPOCH_1900) / 86_400_000;
      return { text: c.w ?? String(serial), value: serial, kind: 'date', ...f };
    }
    case 'b':
      return { text: c.w ?? (v ? 'TRUE' : 'FALSE'), value: Boolean(v), kind: 'bool', ...f };
    case 'e': {
      const error = c.w ?? errorTexts[Number(v)] ?? '#VALUE!';
      return { text: error, value: null, kind: 'error', error, ...f };
    }
    case 's':
    case 'z':
      return {
        text: c.w ?? String(v ?? ''),
        value: String(v ?? ''),
        kind: v === '' || v == null ? 'empty' : 'string',
        ...f,
      };
  }
}
