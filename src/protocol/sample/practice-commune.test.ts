import { describe, expect, test } from 'vitest';
import { pilotCommunes } from '../../domain/admin-units';
import { parseCccdQr } from '../../domain/citizen-id';
import { beneficiaryDataSchema, communeDataSchema } from '../entities';
import { paymentLineWithHistorySchema } from '../payment-line-history';
import { practiceCommune, practiceSituations, PRACTICE_COMMUNE_CODE } from './practice-commune';

const sample = practiceCommune(17, '2026-12', '2026-12-07');

describe('the practice commune', () => {
  test.each(practiceSituations)('shows “%s” at least once', (situation) => {
    expect(sample.situations[situation].length).toBeGreaterThan(0);
  });

  test('the situations are what they say', () => {
    const person = (id: string | undefined) => sample.beneficiaries.find((b) => b.id === id)?.data;
    const line = (id: string | undefined) => sample.lines.find((l) => l.id === id)?.data;
    expect(person(sample.situations.guardian[0])?.representative?.kind).toBe('guardian');
    expect(person(sample.situations.authorized[0])?.representative?.kind).toBe('authorized');
    expect(person(sample.situations['old-cmnd'][0])).toMatchObject({
      idNumber: null,
      oldIdNumber: expect.stringMatching(/^\d{9}$/u) as unknown,
    });
    expect(line(sample.situations['failed-transfer'][0])).toMatchObject({ status: 'failed', method: 'bank' });
    expect(sample.paidElsewhere).toEqual(sample.situations['double-payment']);
    expect(line(sample.paidElsewhere[0])).toMatchObject({ status: 'due' });
  });

  test('is the same for the same seed, another for another seed', () => {
    expect(practiceCommune(17, '2026-12', '2026-12-07')).toEqual(sample);
    const other = practiceCommune(18, '2026-12', '2026-12-07');
    expect(other.beneficiaries.map((b) => b.data.fullName)).not.toEqual(
      sample.beneficiaries.map((b) => b.data.fullName),
    );
  });

  test('is wire data a device pulls, in a commune no real unit has', () => {
    expect(communeDataSchema.safeParse(sample.commune).success).toBe(true);
    for (const b of sample.beneficiaries) expect(beneficiaryDataSchema.safeParse(b.data).success).toBe(true);
    for (const l of sample.lines) expect(paymentLineWithHistorySchema.safeParse(l.data).success).toBe(true);
    expect(pilotCommunes.some((c) => c.code === PRACTICE_COMMUNE_CODE)).toBe(false);
    expect(new Set(sample.beneficiaries.map((b) => b.id)).size).toBe(sample.beneficiaries.length);
    expect(sample.beneficiaries.length).toBeGreaterThanOrEqual(40);
  });

  test('every practice card reads as a CCCD of its holder', () => {
    expect(sample.cards.length).toBeGreaterThan(10);
    for (const card of sample.cards) {
      const read = parseCccdQr(card.qr);
      expect(read.ok ? read.value.fullName : read.error).toBe(card.fullName);
    }
    expect(sample.cards.some((c) => c.holder === 'representative')).toBe(true);
  });
});
