/**
 * Communes of the Huế pilot area after the 2025 reform, with the units they were formed from.
 *
 * Sources (docs/domain.md §6): NQ 1675/NQ-UBTVQH15 (16/06/2025) points 18–20 and 27–34 for the
 * merges; GSO letter 1027/CTK-CSCL for the new codes; the GSO list before 2025-07-01
 * (daohoangson/dvhcvn) for the old codes and kinds. Checked against each source by hand.
 *
 * Codes are data with a version, never logic: the same number can denote another unit in another
 * version (20137 was xã Lộc Vĩnh, it is now xã Chân Mây - Lăng Cô).
 */
import type { AdminUnit } from './admin-units';

/** Version of the current commune code list: in force from this date (QĐ 19/2025/QĐ-TTg). */
export const CURRENT_CODE_VERSION = '2025-07-01';
/** The list in force until 2025-06-30 (three tiers: province, district, commune). */
export const FORMER_CODE_VERSION = 'before-2025-07-01';

const base = { provinceCode: '46', codeVersion: CURRENT_CODE_VERSION } as const;

const HUONG_THUY = { formerDistrict: 'Thị xã Hương Thủy', formerDistrictCode: '479' } as const;
const PHU_LOC = { formerDistrict: 'Huyện Phú Lộc', formerDistrictCode: '482' } as const;
// Nam Đông district was merged into Phú Lộc on 2025-01-01 (NQ 1314/NQ-UBTVQH15), but ID cards
// and papers issued before then, the ones people hold, still print "Nam Đông".
const NAM_DONG = { formerDistrict: 'Huyện Nam Đông', formerDistrictCode: '483' } as const;

export const pilotCommunesData: readonly AdminUnit[] = [
  {
    ...base,
    ...HUONG_THUY,
    code: '19969',
    name: 'Phường Thanh Thủy',
    kind: 'phuong',
    formerUnits: [
      { code: '19969', name: 'Phường Thủy Dương', kind: 'phuong' },
      { code: '19972', name: 'Phường Thủy Phương', kind: 'phuong' },
      { code: '19966', name: 'Xã Thủy Thanh', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...HUONG_THUY,
    code: '19975',
    name: 'Phường Hương Thủy',
    kind: 'phuong',
    formerUnits: [
      { code: '19975', name: 'Phường Thủy Châu', kind: 'phuong' },
      { code: '19978', name: 'Phường Thủy Lương', kind: 'phuong' },
      { code: '19984', name: 'Xã Thủy Tân', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...HUONG_THUY,
    code: '19960',
    name: 'Phường Phú Bài',
    kind: 'phuong',
    formerUnits: [
      { code: '19960', name: 'Phường Phú Bài', kind: 'phuong' },
      { code: '19987', name: 'Xã Thủy Phù', kind: 'xa' },
      { code: '19990', name: 'Xã Phú Sơn', kind: 'xa' },
      { code: '19993', name: 'Xã Dương Hòa', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...PHU_LOC,
    code: '20122',
    name: 'Xã Vinh Lộc',
    kind: 'xa',
    formerUnits: [
      { code: '20116', name: 'Xã Vinh Hưng', kind: 'xa' },
      { code: '20113', name: 'Xã Vinh Mỹ', kind: 'xa' },
      { code: '20122', name: 'Xã Giang Hải', kind: 'xa' },
      { code: '20125', name: 'Xã Vinh Hiền', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...PHU_LOC,
    code: '20131',
    name: 'Xã Hưng Lộc',
    kind: 'xa',
    formerUnits: [
      // A xã in the GSO list until 2024; NQ 1675 already calls it a thị trấn.
      { code: '20131', name: 'Thị trấn Lộc Sơn', kind: 'thi-tran' },
      { code: '20128', name: 'Xã Lộc Bổn', kind: 'xa' },
      { code: '20158', name: 'Xã Xuân Lộc', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...PHU_LOC,
    code: '20140',
    name: 'Xã Lộc An',
    kind: 'xa',
    formerUnits: [
      { code: '20155', name: 'Xã Lộc Hòa', kind: 'xa' },
      { code: '20143', name: 'Xã Lộc Điền', kind: 'xa' },
      { code: '20140', name: 'Xã Lộc An', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...PHU_LOC,
    code: '20107',
    name: 'Xã Phú Lộc',
    kind: 'xa',
    formerUnits: [
      { code: '20107', name: 'Thị trấn Phú Lộc', kind: 'thi-tran' },
      { code: '20149', name: 'Xã Lộc Trì', kind: 'xa' },
      { code: '20134', name: 'Xã Lộc Bình', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...PHU_LOC,
    code: '20137',
    name: 'Xã Chân Mây - Lăng Cô',
    kind: 'xa',
    formerUnits: [
      { code: '20110', name: 'Thị trấn Lăng Cô', kind: 'thi-tran' },
      { code: '20152', name: 'Xã Lộc Tiến', kind: 'xa' },
      { code: '20137', name: 'Xã Lộc Vĩnh', kind: 'xa' },
      { code: '20146', name: 'Xã Lộc Thủy', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...NAM_DONG,
    code: '20182',
    name: 'Xã Long Quảng',
    kind: 'xa',
    formerUnits: [
      { code: '20173', name: 'Xã Thượng Quảng', kind: 'xa' },
      { code: '20188', name: 'Xã Thượng Long', kind: 'xa' },
      { code: '20182', name: 'Xã Hương Hữu', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...NAM_DONG,
    code: '20179',
    name: 'Xã Nam Đông',
    kind: 'xa',
    // NQ 1675 point 33 names exactly these three. The shared design notes added Hương Hòa (20176)
    // "per mapping"; that unit is neither in the resolution nor in the GSO list before 2025, so it
    // is left out (docs/domain.md §6).
    formerUnits: [
      { code: '20179', name: 'Xã Hương Xuân', kind: 'xa' },
      { code: '20191', name: 'Xã Thượng Nhật', kind: 'xa' },
      { code: '20167', name: 'Xã Hương Sơn', kind: 'xa' },
    ],
  },
  {
    ...base,
    ...NAM_DONG,
    code: '20161',
    name: 'Xã Khe Tre',
    kind: 'xa',
    formerUnits: [
      { code: '20161', name: 'Thị trấn Khe Tre', kind: 'thi-tran' },
      { code: '20164', name: 'Xã Hương Phú', kind: 'xa' },
      { code: '20170', name: 'Xã Hương Lộc', kind: 'xa' },
      { code: '20185', name: 'Xã Thượng Lộ', kind: 'xa' },
    ],
  },
];
