/**
 * Administrative units of the pilot area (DOMAIN.md §6): lookup by current or pre-2025 code,
 * and recognition of a commune inside free-text addresses printed on older ID cards.
 */
import { CURRENT_CODE_VERSION, FORMER_CODE_VERSION, pilotCommunesData } from './admin-units.data';
import { foldVietnamese } from './vietnamese-text';

export { CURRENT_CODE_VERSION, FORMER_CODE_VERSION };

export type CodeVersion = typeof CURRENT_CODE_VERSION | typeof FORMER_CODE_VERSION;

export type FormerUnit = { code: string; name: string; kind: 'phuong' | 'xa' | 'thi-tran' };

export type AdminUnit = {
  /** 5-digit GSO commune code in `codeVersion`. */
  code: string;
  /** Full name with its unit word, e.g. 'Phường Phú Bài'. */
  name: string;
  kind: 'phuong' | 'xa';
  provinceCode: '46';
  codeVersion: typeof CURRENT_CODE_VERSION;
  /** District the former units belonged to (districts were abolished on 2025-07-01). */
  formerDistrict: string;
  formerDistrictCode: string;
  /** Units merged into this one on 2025-07-01, with their codes in FORMER_CODE_VERSION. */
  formerUnits: readonly FormerUnit[];
};

export type CommuneMatch = {
  /** The unit in force now. */
  commune: AdminUnit;
  /** Which list the code or name was found in. */
  matchedVersion: CodeVersion;
  /** The pre-2025 unit that matched, when the match was on a former code or name. */
  formerUnit: FormerUnit | null;
};

export const pilotCommunes: readonly AdminUnit[] = pilotCommunesData;

/** The current unit that has, or was formed from a unit that had, this code in this version. */
export function findCommune(code: string, codeVersion: CodeVersion = CURRENT_CODE_VERSION): CommuneMatch | undefined {
  for (const commune of pilotCommunes) {
    if (codeVersion === CURRENT_CODE_VERSION) {
      if (commune.code === code) return { commune, matchedVersion: codeVersion, formerUnit: null };
    } else {
      const formerUnit = commune.formerUnits.find((unit) => unit.code === code);
      if (formerUnit) return { commune, matchedVersion: codeVersion, formerUnit };
    }
  }
  return undefined;
}

/**
 * The current unit for a code from either list. A code found in both lists is read as a current
 * code unless `codeVersion` says otherwise: 20137 is Chân Mây - Lăng Cô now and was Lộc Vĩnh
 * before. Data that carries its version must pass it; without it the answer is a guess.
 */
export function lookupCommune(code: string, codeVersion?: CodeVersion): CommuneMatch | undefined {
  if (codeVersion) return findCommune(code, codeVersion);
  return findCommune(code, CURRENT_CODE_VERSION) ?? findCommune(code, FORMER_CODE_VERSION);
}

/** Unit words that prefix a commune-level name on cards and forms, longest first. */
const UNIT_WORDS = ['thi tran', 'phuong', 'xa', 'tt', 'p', 'x'];
/** Unit words of a district ("Thị xã Hương Thủy", "Huyện Phú Lộc"). */
const DISTRICT_WORDS = ['thanh pho', 'thi xa', 'huyen', 'quan', 'tp', 'tx', 'h', 'q'];
/** The province as addresses name it, before and after 2025 (folded, unit word included). */
const PROVINCE_PARTS = new Set([
  'thua thien hue',
  'tinh thua thien hue',
  'thua thien - hue',
  'hue',
  'thanh pho hue',
  'tp hue',
  'tp. hue',
]);

const fold = (text: string) => foldVietnamese(text.replace(/\./gu, ' ')).replace(/\s*-\s*/gu, ' - ');

/** The folded name without its leading unit word: 'Thị trấn Lăng Cô' → 'lang co'. */
function withoutUnitWord(folded: string, words: readonly string[]): { name: string; hadWord: boolean } {
  for (const word of words) {
    if (folded.startsWith(`${word} `)) return { name: folded.slice(word.length + 1), hadWord: true };
  }
  return { name: folded, hadWord: false };
}

const bareName = (name: string) => withoutUnitWord(fold(name), UNIT_WORDS).name;

/** Former districts of the pilot area, folded without their unit word ('huong thuy', 'phu loc', …). */
const formerDistricts = new Set(
  pilotCommunesData.map((c) => withoutUnitWord(fold(c.formerDistrict), DISTRICT_WORDS).name),
);

/**
 * Is this address part a district? "Huyện Phú Lộc" always is; a bare "Hương Thủy" is the former
 * district on a pre-2025 address, while "phường Hương Thủy" is today's commune of that name.
 */
function isDistrictPart(folded: string): boolean {
  const district = withoutUnitWord(folded, DISTRICT_WORDS);
  if (district.hadWord) return true;
  return !withoutUnitWord(folded, UNIT_WORDS).hadWord && formerDistricts.has(folded);
}

/**
 * The commune named in a free-text address such as a CCCD QR address
 * ("Tổ 5, Thủy Lương, Hương Thủy, Thừa Thiên Huế") or a new-style one
 * ("Tổ 5, phường Hương Thủy, thành phố Huế"). Only the commune's place is read: the part before
 * the district on a pre-2025 address, the part before the province otherwise. So a commune
 * outside the pilot list is not mistaken for a district of a similar name ("Thủy Bằng, Hương
 * Thủy" is not Phường Hương Thủy). Cards issued before 07/2025 carry pre-merger names; those
 * stay valid and are mapped here, not rejected (DOMAIN.md §1.1 rule 6).
 */
export function communeFromAddress(address: string): CommuneMatch | undefined {
  const parts = address
    .split(',')
    .map(fold)
    .filter((part) => part !== '');
  let preReform = false;
  while (parts.length > 0 && PROVINCE_PARTS.has(parts.at(-1) ?? '')) {
    preReform ||= (parts.pop() ?? '').includes('thua thien');
  }
  // Under the pre-2025 province name a bare "Hương Thủy" can only be the district.
  while ((parts.length > 1 || preReform) && parts.length > 0 && isDistrictPart(parts.at(-1) ?? '')) parts.pop();
  const last = parts.at(-1);
  if (last === undefined) return undefined;
  const part = withoutUnitWord(last, UNIT_WORDS).name;
  // A current name wins over an equal former one ("Lộc An" is both); the commune is the same.
  const current = pilotCommunes.find((commune) => bareName(commune.name) === part);
  if (current) return { commune: current, matchedVersion: CURRENT_CODE_VERSION, formerUnit: null };
  for (const commune of pilotCommunes) {
    const formerUnit = commune.formerUnits.find((unit) => bareName(unit.name) === part);
    if (formerUnit) return { commune, matchedVersion: FORMER_CODE_VERSION, formerUnit };
  }
  return undefined;
}
