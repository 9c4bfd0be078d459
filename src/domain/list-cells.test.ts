import { describe, expect, test } from 'vitest';
import {
  readAmount,
  readBirthDate,
  readCategory,
  readCoefficient,
  readGender,
  readMethod,
  readMonth,
  type ListCell,
} from './list-cells';

const text = (t: string): ListCell => ({ text: t, value: t, kind: 'string' });
const num = (n: number, kind: ListCell['kind'] = 'number'): ListCell => ({ text: String(n), value: n, kind });

describe('readBirthDate', () => {
  test.each([
    [text('12/03/1952'), '1952-03-12'],
    [text('1/2/1940'), '1940-02-01'],
    [text('12-03-1952'), '1952-03-12'],
    [text('12.03.1952'), '1952-03-12'],
    [text('1952-03-12'), '1952-03-12'],
    [text('1948'), '1948'],
    [num(1948), '1948'],
    [text('03/1952'), '1952-03-01'],
    // Excel serial numbers: 19065 is 12/03/1952; a date-formatted cell or a bare serial.
    [num(19065, 'date'), '1952-03-12'],
    [num(19065), '1952-03-12'],
    [text(' ２９/０２/１９５２ '), '1952-02-29'],
  ])('%j → %s', (cell, expected) => {
    expect(readBirthDate(cell)).toEqual({ ok: true, value: expected });
  });

  test.each([
    [text('31/02/1950'), 'not-a-real-date'],
    [text('mười hai'), 'not-a-date'],
    [text('12/3/52'), 'not-a-date'],
    [{ text: '#VALUE!', value: '#VALUE!', kind: 'error' as const }, 'formula-error'],
    [num(60, 'date'), 'not-a-real-date'],
  ])('%j is refused %s', (cell, code) => {
    expect(readBirthDate(cell)).toEqual({ ok: false, error: code });
  });
});

describe('readAmount', () => {
  test.each([
    [text('1.500.000'), 1_500_000],
    [text('1,500,000'), 1_500_000],
    [text('1 500 000'), 1_500_000],
    [text('750000'), 750_000],
    [text('750.000 đ'), 750_000],
    [text('750.000đồng'), 750_000],
    [num(750000), 750_000],
    [text(''), 0],
    [text('-'), 0],
  ])('%j → %i đồng', (cell, amount) => {
    expect(readAmount(cell)).toEqual({ ok: true, value: amount });
  });

  test.each([
    [text('1.500,5'), 'not-an-amount'],
    [text('1500,5'), 'not-whole-dong'],
    [num(1500.5), 'not-whole-dong'],
    [num(-500), 'negative-amount'],
    [text('1.50.000'), 'not-an-amount'],
    [text('một triệu'), 'not-an-amount'],
  ])('%j is refused %s', (cell, code) => {
    expect(readAmount(cell)).toEqual({ ok: false, error: code });
  });
});

describe('readCategory', () => {
  test.each([
    ['Khoản 5 điểm a', 'k5a'],
    ['Điều 5 khoản 6', 'k6'],
    ['K5c', 'k5c'],
    ['5a', 'k5a'],
    ['5.b', 'k5b'],
    ['khoản 1', 'k1'],
    ['k8', 'k8'],
  ])('%s → %s', (t, code) => {
    expect(readCategory(text(t))).toEqual({ ok: true, value: code });
  });

  test.each(['9', 'k5e', 'người cao tuổi', ''])('%j is not a group', (t) => {
    expect(readCategory(text(t))).toEqual({ ok: false, error: 'unknown-category' });
  });
});

describe('other cells', () => {
  test('months, coefficients, genders and methods as lists write them', () => {
    expect(readMonth(text('7/2025'))).toEqual({ ok: true, value: '2025-07' });
    expect(readMonth(text('2025-07'))).toEqual({ ok: true, value: '2025-07' });
    expect(readMonth(text('13/2025'))).toEqual({ ok: false, error: 'not-a-month' });
    expect(readCoefficient(text('1,5'))).toEqual({ ok: true, value: 15 });
    expect(readCoefficient(num(2.5))).toEqual({ ok: true, value: 25 });
    expect(readCoefficient(text('1,55'))).toEqual({ ok: false, error: 'not-a-coefficient' });
    expect(readGender(text('Nữ'))).toEqual({ ok: true, value: 'female' });
    expect(readGender(text('NAM'))).toEqual({ ok: true, value: 'male' });
    expect(readMethod(text('Chuyển khoản'))).toEqual({ ok: true, value: 'bank' });
    expect(readMethod(text('Tiền mặt'))).toEqual({ ok: true, value: 'cash-point' });
    expect(readMethod(text('Chi trả tại nhà'))).toEqual({ ok: true, value: 'home-delivery' });
    expect(readMethod(text('Viettel Money'))).toEqual({ ok: true, value: 'mobile-money' });
    expect(readMethod(text('Bưu điện'))).toEqual({ ok: false, error: 'unknown-method' });
  });
});
