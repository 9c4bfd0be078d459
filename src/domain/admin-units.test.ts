import { describe, expect, test } from 'vitest';
import beneficiaries from '../../tests/fixtures/beneficiaries.json';
import {
  communeFromAddress,
  CURRENT_CODE_VERSION,
  findCommune,
  FORMER_CODE_VERSION,
  lookupCommune,
  pilotCommunes,
} from './admin-units';

describe('pilotCommunes', () => {
  test('lists the eleven pilot communes of docs/domain.md §6 with 2025 codes in province 46', () => {
    expect(pilotCommunes.map((c) => c.code)).toEqual([
      '19969',
      '19975',
      '19960',
      '20122',
      '20131',
      '20140',
      '20107',
      '20137',
      '20182',
      '20179',
      '20161',
    ]);
    for (const commune of pilotCommunes) {
      expect(commune.provinceCode).toBe('46');
      expect(commune.codeVersion).toBe(CURRENT_CODE_VERSION);
      expect(commune.name.startsWith(commune.kind === 'phuong' ? 'Phường ' : 'Xã ')).toBe(true);
    }
  });

  test('has no code twice within one version', () => {
    const current = pilotCommunes.map((c) => c.code);
    const former = pilotCommunes.flatMap((c) => c.formerUnits.map((u) => u.code));
    expect(new Set(current).size).toBe(current.length);
    expect(new Set(former).size).toBe(former.length);
    expect(former).toHaveLength(37);
  });
});

describe('findCommune', () => {
  test.each([
    ['19960', CURRENT_CODE_VERSION, 'Phường Phú Bài', null],
    ['20137', CURRENT_CODE_VERSION, 'Xã Chân Mây - Lăng Cô', null],
    ['20137', FORMER_CODE_VERSION, 'Xã Chân Mây - Lăng Cô', 'Xã Lộc Vĩnh'],
    ['20110', FORMER_CODE_VERSION, 'Xã Chân Mây - Lăng Cô', 'Thị trấn Lăng Cô'],
    ['19978', FORMER_CODE_VERSION, 'Phường Hương Thủy', 'Phường Thủy Lương'],
  ] as const)('%s in %s → %s (former %s)', (code, version, name, former) => {
    const match = findCommune(code, version);
    expect(match?.commune.name).toBe(name);
    expect(match?.matchedVersion).toBe(version);
    expect(match?.formerUnit?.name ?? null).toBe(former);
  });

  test.each([
    ['20110', CURRENT_CODE_VERSION],
    ['19978', CURRENT_CODE_VERSION],
    ['20176', FORMER_CODE_VERSION],
    ['00070', CURRENT_CODE_VERSION],
  ] as const)('finds nothing for %s in %s', (code, version) => {
    expect(findCommune(code, version)).toBeUndefined();
  });
});

describe('lookupCommune', () => {
  test('reads a code present in both lists as current unless the version is given', () => {
    expect(lookupCommune('20137')).toMatchObject({ matchedVersion: CURRENT_CODE_VERSION, formerUnit: null });
    expect(lookupCommune('20137', FORMER_CODE_VERSION)?.formerUnit?.name).toBe('Xã Lộc Vĩnh');
  });

  test.each(beneficiaries.filter((b) => 'ma_xa_cu' in b).map((b) => [b.id, b.ma_xa_cu, b.ma_xa_moi]))(
    '%s: old code %s maps to new commune %s',
    (_id, oldCode, newCode) => {
      expect(lookupCommune(String(oldCode), FORMER_CODE_VERSION)?.commune.code).toBe(newCode);
      expect(lookupCommune(String(oldCode))?.commune.code).toBe(newCode);
    },
  );

  test('falls back to the former list for an old-only code', () => {
    expect(lookupCommune('19987')).toMatchObject({
      commune: { code: '19960' },
      matchedVersion: FORMER_CODE_VERSION,
      formerUnit: { name: 'Xã Thủy Phù' },
    });
    expect(lookupCommune('99999')).toBeUndefined();
  });
});

describe('communeFromAddress', () => {
  test.each([
    ['Tổ 5, Thủy Lương, Hương Thủy, Thừa Thiên Huế', '19975', 'Phường Thủy Lương'],
    ['Thôn 3, Lộc An, Phú Lộc, Thừa Thiên Huế', '20140', null],
    ['Tổ 2, Phú Bài, Hương Thủy, Thừa Thiên Huế', '19960', null],
    ['Thôn 1, Lăng Cô, Phú Lộc, Thừa Thiên Huế', '20137', 'Thị trấn Lăng Cô'],
    ['Tổ 5, phường Hương Thủy, thành phố Huế', '19975', null],
    ['Thôn 1, xã Chân Mây-Lăng Cô, thành phố Huế', '20137', null],
    ['Thôn 1, TT. Khe Tre, Nam Đông', '20161', null],
    ['thon 4, xa thuong nhat, nam dong', '20179', 'Xã Thượng Nhật'],
  ])('%j → %s', (address, code, former) => {
    const match = communeFromAddress(address);
    expect(match?.commune.code).toBe(code);
    expect(match?.formerUnit?.name ?? null).toBe(former);
  });

  test('finds nothing outside the pilot area', () => {
    expect(communeFromAddress('Thôn Lai Ổn, An Quý, Quỳnh Phụ, Thái Bình')).toBeUndefined();
  });

  test.each([
    'Tổ 1, Thủy Bằng, Hương Thủy, Thừa Thiên Huế',
    'Thôn 2, Lộc Hải, Phú Lộc, Thừa Thiên Huế',
    'Thôn 2, Lộc Hải, huyện Phú Lộc, tỉnh Thừa Thiên Huế',
    'Hương Thủy, Thừa Thiên Huế',
    'Thừa Thiên Huế',
    '',
  ])('never takes a district for the commune: %j → nothing', (address) => {
    expect(communeFromAddress(address)).toBeUndefined();
  });

  test('a district with its unit word, and the province in either form, are skipped', () => {
    expect(communeFromAddress('Tổ 2, Phú Bài, thị xã Hương Thủy, tỉnh Thừa Thiên Huế')?.commune.code).toBe('19960');
    expect(communeFromAddress('Tổ 2, P. Phú Bài, TP. Huế')?.commune.code).toBe('19960');
    // Today's communes named like a former district, written with their unit word.
    expect(communeFromAddress('Thôn 1, xã Phú Lộc, thành phố Huế')?.commune.name).toBe('Xã Phú Lộc');
    expect(communeFromAddress('Tổ 3, phường Hương Thủy, Huế')?.commune.name).toBe('Phường Hương Thủy');
    // …and without it: after 2025 no district is written, so a bare name under "Huế" is the commune.
    expect(communeFromAddress('Thôn 1, Phú Lộc, TP Huế')?.commune.name).toBe('Xã Phú Lộc');
    expect(communeFromAddress('Tổ 3, Hương Thủy, Huế')?.commune.name).toBe('Phường Hương Thủy');
    // Abbreviated unit words on both the district and the province.
    expect(communeFromAddress('Thôn 2, Lộc Bổn, H. Phú Lộc, T. Thừa Thiên Huế')?.formerUnit?.name).toBe('Xã Lộc Bổn');
  });
});
