/** Random rosters, writes, queries and views for the roster's property tests. */
import fc from 'fast-check';
import type { RosterView } from '../domain/roster-filter';
import type { BeneficiaryData } from '../protocol/entities';

export const givenNames = ['Bình', 'Hoà', 'Hòa', 'An', 'Anh', 'Bảo', 'Lan', 'Lâm', 'Nga', 'Ngân'];
export const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Ngô', 'Đặng'];
export const middleNames = ['Văn', 'Thị', 'Gia', 'Ngọc'];
export const villages = ['Tổ 1', 'Tổ 2', 'Tổ 10', 'Thôn Đông', 'Thôn Tây'];

export const personArb = fc.record({
  fullName: fc
    .tuple(fc.constantFrom(...familyNames), fc.constantFrom(...middleNames), fc.constantFrom(...givenNames))
    .map((parts) => parts.join(' ')),
  village: fc.constantFrom(...villages),
  category: fc.constantFrom('k1', 'k5c', 'k6'),
  paymentMethod: fc.constantFrom('bank', 'cash-point', 'mobile-money', null),
  status: fc.constantFrom('active', 'suspended', 'deceased'),
  idNumber: fc.option(fc.constantFrom('046152999001', '046045999002', '046222999003'), { nil: null }),
  phone: fc.option(fc.constantFrom('0912000111', '0399000444'), { nil: null }),
}) as fc.Arbitrary<Partial<BeneficiaryData>>;

export const idArb = fc.integer({ min: 0, max: 40 }).map((i) => `id-${String(i).padStart(2, '0')}`);
export const rosterArb = fc.uniqueArray(fc.tuple(idArb, personArb), { selector: ([id]) => id, maxLength: 30 });
export const writeArb = fc.oneof(
  fc.tuple(fc.constant('put' as const), idArb, personArb),
  fc.tuple(fc.constant('delete' as const), idArb, fc.constant(null)),
);
export const queryArb = fc.oneof(
  fc.constantFrom('ng', 'nguyen', 'ng v', 'hoa', 'HOÀ', 'an', 'lam ng', 'thi b', '046', '046 152', '0399', 'x', 'ba'),
  fc
    .tuple(fc.constantFrom(...givenNames, ...familyNames, ...middleNames), fc.integer({ min: 1, max: 4 }))
    .map(([w, n]) => w.slice(0, n)),
);
export const filtersArb: fc.Arbitrary<RosterView> = fc.record({
  filters: fc.record({
    village: fc.option(fc.constantFrom(...villages, 'Tổ 99'), { nil: null }),
    category: fc.option(fc.constantFrom('k1', 'k5c', 'k2'), { nil: null }),
    method: fc.option(fc.constantFrom('bank', 'cash-point', 'none'), { nil: null }),
    status: fc.option(fc.constantFrom('active', 'deceased'), { nil: null }),
    readiness: fc.option(fc.constantFrom('ready', 'missing-papers', 'not-needed', 'needs-new-id-card'), { nil: null }),
  }),
  sort: fc.constantFrom('name', 'village'),
});
