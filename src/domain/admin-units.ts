/**
 * Administrative units of the pilot area (docs/domain.md §6): lookup by current or pre-2025 code,
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
/** Is this folded address part the province, as addresses name it before and after 2025? */
function isProvincePart(folded: string): boolean {
  return folded.includes('thua thien') || /^(?:(?:tinh|thanh pho|tp|t) )?hue$/u.test(folded);
}

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
 * Is this address part a district? "Huyện Phú Lộc" always is. A bare "Phú Lộc" is the former
 * district only where districts were still written: under the pre-2025 province name, or with no
 * province at all (older cards: "…, TT. Khe Tre, Nam Đông"). Under today's "Huế" it is the
 * commune of that name.
 */
function isDistrictPart(folded: string, districtsWritten: boolean): boolean {
  if (withoutUnitWord(folded, DISTRICT_WORDS).hadWord) return true;
  return districtsWritten && !withoutUnitWord(folded, UNIT_WORDS).hadWord && formerDistricts.has(folded);
}

/** The pilot commune with this name (today's or a former unit's), given without its unit word. */
function communeNamed(name: string): CommuneMatch | undefined {
  // A current name wins over an equal former one ("Lộc An" is both); the commune is the same.
  const current = pilotCommunes.find((commune) => bareName(commune.name) === name);
  if (current) return { commune: current, matchedVersion: CURRENT_CODE_VERSION, formerUnit: null };
  for (const commune of pilotCommunes) {
    const formerUnit = commune.formerUnits.find((unit) => bareName(unit.name) === name);
    if (formerUnit) return { commune, matchedVersion: FORMER_CODE_VERSION, formerUnit };
  }
  return undefined;
}

/**
 * The commune named in a free-text address such as a CCCD QR address
 * ("Tổ 5, Thủy Lương, Hương Thủy, Thừa Thiên Huế") or a new-style one
 * ("Tổ 5, phường Hương Thủy, thành phố Huế"). The province and, where districts were written,
 * the district are taken off the end first, so a commune outside the pilot list is never
 * mistaken for a district of a similar name ("Thủy Bằng, Hương Thủy" is not Phường Hương Thủy);
 * then the commune's place is read, and the parts before it. Cards issued before 07/2025 carry pre-merger names; those
 * stay valid and are mapped here, not rejected (docs/domain.md §1.1 rule 6).
 */
export function communeFromAddress(address: string): CommuneMatch | undefined {
  const parts = address
    .split(',')
    .map(fold)
    .filter((part) => part !== '');
  let preReform = false;
  let provinceGiven = false;
  while (parts.length > 0 && isProvincePart(parts.at(-1) ?? '')) {
    provinceGiven = true;
    preReform ||= (parts.pop() ?? '').includes('thua thien');
  }
  const districtsWritten = preReform || !provinceGiven;
  while (parts.length > 0 && isDistrictPart(parts.at(-1) ?? '', districtsWritten)) parts.pop();
  // The commune's place first; then, right to left, the parts before it (a hamlet rarely shares
  // a commune's name, and a district was removed above).
  for (let i = parts.length - 1; i >= 0; i--) {
    const match = communeNamed(withoutUnitWord(parts[i] ?? '', UNIT_WORDS).name);
    if (match) return match;
  }
  return undefined;
}
