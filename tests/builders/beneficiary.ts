// Builders of valid wire data for tests: override only what a test is about.
import type { z } from 'zod';
import type {
  BeneficiaryData,
  beneficiaryDataSchema,
  PaymentLineData,
  paymentLineDataSchema,
} from '../../src/protocol/entities';
import type { Change } from '../../src/protocol/pull';

// Overrides are the wire's input shapes (amounts as plain numbers); the result is what the
// schemas give (amounts as the domain's Vnd): the same values, branded.
export function beneficiaryData(overrides: Partial<z.input<typeof beneficiaryDataSchema>> = {}): BeneficiaryData {
  return {
    communeCode: '19960',
    fullName: 'Trần Thị Hoa',
    birthDate: '1952-03-12',
    gender: 'female',
    idNumber: '046152999001',
    status: 'active',
    code: 'BTXH-0001',
    oldIdNumber: '191999001',
    village: 'Tổ 5',
    address: 'Tổ 5, phường Phú Bài, thành phố Huế',
    phone: '0912000111',
    category: 'k6',
    disabilitySeverity: 'severe',
    childrenCount: null,
    monthlyAmount: 1_000_000,
    paymentMethod: 'cash-point',
    paymentDetails: null,
    representative: null,
    accountStatus: 'none',
    decisionNo: null,
    startMonth: '2021-09',
    ...overrides,
  } as BeneficiaryData;
}

export function paymentLineData(overrides: Partial<z.input<typeof paymentLineDataSchema>> = {}): PaymentLineData {
  return {
    beneficiaryId: 'b-1',
    periodId: '2026-11',
    amount: 1_000_000,
    method: 'cash-point',
    status: 'due',
    communeCode: '19960',
    monthlyAmount: 1_000_000,
    arrearsAmount: 0,
    arrearsMonths: 0,
    ...overrides,
  } as PaymentLineData;
}

export function change(entity: Change['entity'], id: string, data: object | null, version = 1): Change {
  return { entity, id, version, deleted: data === null, data: data as Record<string, unknown> | null };
}
