import { expect, test } from 'vitest';
import { movedFormula } from './shared-formulas';

test('relative references move with the cell; $ keeps a column or a row', () => {
  expect(movedFormula('A1+B1*$B$1', 2, 0)).toBe('A3+B3*$B$1');
  expect(movedFormula('SUM($A$1:A1)', 3, 1)).toBe('SUM($A$1:B4)');
  expect(movedFormula('$A1+A$1', 1, 1)).toBe('$A2+B$1');
  expect(movedFormula('Z9', 0, 1)).toBe('AA9');
});

test('text, quoted sheet names, functions and names are not references', () => {
  expect(movedFormula('A1&"B2 và A1"', 1, 0)).toBe('A2&"B2 và A1"');
  expect(movedFormula("'Tháng A1'!B2+LOG10(C3)", 1, 0)).toBe("'Tháng A1'!B3+LOG10(C4)");
  expect(movedFormula('A1B+_A1+x.A1', 1, 0)).toBe('A1B+_A1+x.A1');
  expect(movedFormula('"say ""A1"""&A1', 1, 0)).toBe('"say ""A1"""&A2');
});

test('a reference moved off the sheet is none', () => {
  expect(movedFormula('A2', -2, 0)).toBeNull();
  expect(movedFormula('B1', 0, -2)).toBeNull();
});
