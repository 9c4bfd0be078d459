/** Synthetic personal details: birth dates, ID numbers (docs/domain.md §2), phones (docs/domain.md §7.2). */
import type { Gender } from '../../domain/vocabulary';
import type { Rng } from './prng';

const DAY_MS = 86_400_000;

/**
 * A full birth date for someone who is `age` all through `month` (YYYY-MM): their last
 * birthday was at least 31 days before the month began and the next one comes after it
 * ends, so age-based categories and coefficients hold for the whole month.
 */
export function birthDateForAge(rng: Rng, month: string, age: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const monthStartAgeYearsAgo = Date.UTC(y - age, m - 1, 1);
  return new Date(monthStartAgeYearsAgo - rng.int(31, 330) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `PPP G YY NNNNNN`: province where the birth was registered, gender and century digit
 * (0/1 for 1900s, 2/3 for 2000s: even male, odd female), two-digit year, six random digits.
 */
export function idNumberFor(rng: Rng, provinceCode: string, birthYear: number, gender: Gender): string {
  const century = Math.floor(birthYear / 100) - 19;
  const digit = century * 2 + (gender === 'female' ? 1 : 0);
  return `${provinceCode.padStart(3, '0')}${digit}${String(birthYear % 100).padStart(2, '0')}${rng.digits(6)}`;
}

/** An ID number nobody else in the seed has (the serial is random, so draws can collide). */
export function uniqueIdNumber(
  rng: Rng,
  taken: Set<string>,
  provinceCode: string,
  birthYear: number,
  gender: Gender,
): string {
  for (;;) {
    const id = idNumberFor(rng, provinceCode, birthYear, gender);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A 9-digit CMND; Thừa Thiên Huế ones are believed to start with 19 (docs/domain.md §1.3). */
export function oldIdNumber(rng: Rng): string {
  return `19${rng.digits(7)}`;
}

/** Mobile prefixes that the libphonenumber VN pattern accepts (docs/domain.md §7.2). */
const mobilePrefixes = (
  '032 033 034 035 036 037 038 039 070 076 077 078 079 ' + '081 082 083 084 085 088 090 091 093 094 096 097 098'
).split(' ');
const viettelPrefixes = '032 033 034 035 036 037 038 039 096 097 098'.split(' ');

export function phoneNumber(rng: Rng): string {
  return `${rng.pick(mobilePrefixes)}${rng.digits(7)}`;
}

/** A Viettel number, needed for a Viettel Money wallet. */
export function viettelPhone(rng: Rng): string {
  return `${rng.pick(viettelPrefixes)}${rng.digits(7)}`;
}
