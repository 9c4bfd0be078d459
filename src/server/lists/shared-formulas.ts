/**
 * A shared formula given to another cell (ECMA-376 Part 1 §18.3.1.40, Excel's fill down): the
 * formula is written once, and each cell that refers to it reads it with its relative references
 * moved by the distance between the two cells; `$` keeps a column or row where it is. References
 * inside string literals and quoted sheet names stay as they are, and a name followed by `(` is a
 * function (`LOG10(`), not a cell.
 */

/** A cell's 0-based row and column. */
export type Ref = { row: number; column: number };

const reference = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/y;
const wordChar = /[\w.]/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** The formula moved `rows` down and `columns` right; null when a reference would leave the sheet. */
export function movedFormula(formula: string, rows: number, columns: number): string | null {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] ?? '';
    // A string literal ("" inside is a quote) or a quoted sheet name ('' likewise) is copied whole.
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch && formula[j + 1] === ch) j += 2;
        else if (formula[j] === ch) break;
        else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const before = i === 0 ? '' : (formula[i - 1] ?? '');
    reference.lastIndex = i;
    const m = wordChar.test(before) ? null : reference.exec(formula);
    const after = m ? (formula[i + m[0].length] ?? '') : '';
    if (!m || wordChar.test(after) || after === '(') {
      // Not a reference: copy the whole word, so its tail is not read as one (`LOG10`, `A1B`).
      let j = i + 1;
      if (wordChar.test(ch)) while (j < formula.length && wordChar.test(formula[j] ?? '')) j++;
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    const [, colAbs, letters = '', rowAbs, digits = ''] = m;
    const column = columnNumber(letters) + (colAbs ? 0 : columns);
    const row = Number(digits) + (rowAbs ? 0 : rows);
    if (column < 1 || column > 16_384 || row < 1 || row > 1_048_576) return null;
    out += `${colAbs ?? ''}${columnLetters(column)}${rowAbs ?? ''}${String(row)}`;
    i += m[0].length;
  }
  return out;
}
