/**
 * The domain's checks of a person's record, for the quality report (docs/reports.md "quality"):
 * an ID number whose digits contradict the record (docs/domain.md §2.3), no ID number at all, or
 * a phone number that cannot be dialled as written. Pure; only errors count, never warnings.
 * The age-for-group check is left out: it depends on the month, and a record's row is written
 * once per change, not once a month.
 */
import { checkIdNumber } from './citizen-id-number';
import { checkPhone } from './phone';
import type { Gender } from './vocabulary';

export type RecordFacts = {
  idNumber: string | null;
  oldIdNumber: string | null;
  birthDate: string | null;
  gender: Gender | null;
  phone: string | null;
};

export type RecordIssues = { badIdNumber: boolean; noIdNumber: boolean; badPhone: boolean };

export function recordIssues(facts: RecordFacts): RecordIssues {
  const errors = (issues: readonly { severity: string }[]) => issues.some((i) => i.severity === 'error');
  return {
    badIdNumber:
      facts.idNumber !== null &&
      errors(checkIdNumber(facts.idNumber, { gender: facts.gender, birthDate: facts.birthDate })),
    noIdNumber: facts.idNumber === null && facts.oldIdNumber === null,
    badPhone: facts.phone !== null && facts.phone.trim() !== '' && errors(checkPhone(facts.phone).issues),
  };
}
