import { describe, expect, test } from 'vitest';
import { pilotCommunes } from './admin-units';
import { expandScope } from './user-scope';

describe('expandScope', () => {
  test('a former district gives exactly its communes', () => {
    const phuLoc = pilotCommunes.filter((u) => u.formerDistrictCode === '482').map((u) => u.code);
    expect(phuLoc.length).toBeGreaterThan(1);
    expect(expandScope({ kind: 'former-district', code: '482' })).toEqual([...phuLoc].sort());
    expect(expandScope({ kind: 'former-district', code: '482' })).not.toContain('19960');
  });

  test('the province gives every commune; communes are deduplicated and sorted', () => {
    expect(expandScope({ kind: 'province', code: '46' })).toHaveLength(pilotCommunes.length);
    expect(expandScope({ kind: 'communes', codes: ['20140', '19960', '20140'] })).toEqual(['19960', '20140']);
    expect(expandScope({ kind: 'communes', codes: [] })).toEqual([]);
  });

  test('an unknown commune, district or province is refused', () => {
    expect(expandScope({ kind: 'communes', codes: ['19960', '99999'] })).toBeNull();
    expect(expandScope({ kind: 'former-district', code: '999' })).toBeNull();
    expect(expandScope({ kind: 'province', code: '01' })).toBeNull();
  });

  test('only the units given count (the communes the server knows)', () => {
    const two = pilotCommunes.filter((u) => ['19960', '20140'].includes(u.code));
    expect(expandScope({ kind: 'province', code: '46' }, two)).toEqual(['19960', '20140']);
  });
});
