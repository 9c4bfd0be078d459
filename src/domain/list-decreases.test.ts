import { describe, expect, test } from 'vitest';
import { decreaseDecision, fieldSuggestion, reasonsMissing, type FieldLine } from './list-decreases';

const line = (periodId: string, status: FieldLine['status'], visitReason: FieldLine['visitReason'] = null) => ({
  periodId,
  status,
  visitReason,
});

describe('decrease reasons', () => {
  test('"other" needs a note; a note is trimmed, an empty one is none', () => {
    expect(decreaseDecision('other', '  ')).toEqual({ ok: false, error: 'note-needed' });
    expect(decreaseDecision('other', ' chuyển về ở với con ')).toEqual({
      ok: true,
      value: { reason: 'other', note: 'chuyển về ở với con' },
    });
    expect(decreaseDecision('deceased', '')).toEqual({ ok: true, value: { reason: 'deceased', note: null } });
  });

  test('the decreases still without a reason', () => {
    expect(reasonsMissing(['b-1', 'b-2', 'b-3'], new Set(['b-2']))).toEqual(['b-1', 'b-3']);
  });
});

describe('fieldSuggestion', () => {
  test('last month’s visit that found the person dead or moved away', () => {
    expect(fieldSuggestion([line('2026-11', 'unpaid', 'deceased')], '2026-12')).toBe('deceased');
    expect(fieldSuggestion([line('2026-11', 'unpaid', 'moved')], '2026-12')).toBe('moved-away');
    // An older visit does not speak for last month.
    expect(fieldSuggestion([line('2026-10', 'unpaid', 'deceased'), line('2026-11', 'paid')], '2026-12')).toBeNull();
  });

  test('three months in a row not collected suggest a suspension; two, or a gap, do not', () => {
    const three = [line('2026-09', 'due'), line('2026-10', 'unpaid', 'absent'), line('2026-11', 'void')];
    expect(fieldSuggestion(three, '2026-12')).toBe('missed-payments');
    expect(fieldSuggestion(three.slice(1), '2026-12')).toBeNull();
    expect(fieldSuggestion([...three.slice(0, 2), line('2026-11', 'paid')], '2026-12')).toBeNull();
    expect(
      fieldSuggestion([line('2026-08', 'due'), line('2026-10', 'due'), line('2026-11', 'due')], '2026-12'),
    ).toBeNull();
  });
});
