/**
 * `XLSX.read` as the list reader calls it (docs/protocol.md "Lists", step 3): dense cells, number
 * formats and formulas kept, one row past the row limit, the console muted. Used for `.xls`, for an
 * `.xlsx` the streaming reader does not cover, and for the rest of a streamed workbook.
 */
import * as XLSX from '@e965/xlsx';
import { err, ok, type Result } from '../../lib/result';
import { quietly } from './check-container';
import type { SheetError, SheetLimits } from './sheet-types';

export function readBook(
  input: Buffer,
  limits: SheetLimits,
  sheet: string | undefined,
): Result<XLSX.WorkBook, SheetError> {
  try {
    return ok(
      quietly(() =>
        XLSX.read(input, {
          type: 'buffer',
          dense: true,
          sheetRows: limits.maxRows + 1,
          cellNF: true, // the number format says which numbers are dates
          cellText: true,
          cellFormula: true,
          cellHTML: false, // no rich-text HTML: less work, and no markup in our data
          cellStyles: false,
          cellDates: false,
          bookVBA: false,
          dateNF: 'dd/mm/yyyy', // Excel's built-in date format 14 as a Vietnamese Excel shows it
          ...(sheet === undefined ? {} : { sheets: sheet }),
        }),
      ),
    );
  } catch (e) {
    // Thrown values are sometimes plain strings; only "which kind" matters here.
    return err(/password|encrypt/i.test(e instanceof Error ? e.message : String(e)) ? 'encrypted' : 'corrupted');
  }
}
