/**
 * What reports read of each entity (issue 14, docs/reports.md "Report tables"): one typed row per
 * payment line, person and ID check, and the person's method and account status in the month of
 * the change. Pure: an entity's stored data in, rows out; data of another shape gives no row (the
 * entity store holds what the domain wrote, so that means a kind reports do not count).
 */
import type { Selectable } from 'kysely';
import { recordIssues } from '../../domain/record-checks';
import { vietnamMonth } from '../../lib/clock';
import type { ReportIdChecksTable, ReportLinesTable, ReportPeopleMonthsTable, ReportPeopleTable } from '../db/schema';
import { isRecord } from '../services/data-fields';

export type ReportRows = {
  line?: Selectable<ReportLinesTable>;
  person?: Selectable<ReportPeopleTable>;
  personMonth?: Selectable<ReportPeopleMonthsTable>;
  idCheck?: Selectable<ReportIdChecksTable>;
};

/** An entity as the store writes it. */
export type ProjectedEntity = { entity: string; id: string; communeCode: string | null; data: unknown };

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
/** The calendar day of a device timestamp as the device saw it (`2026-11-15T09:30:00+07:00`). */
const dayOf = (v: unknown): string | null => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}T/u.test(s) ? s.slice(0, 10) : null;
};

/** The rows of one entity; `now` (the server's clock) dates the person's month row. */
export function projectEntity(e: ProjectedEntity, now: number): ReportRows {
  if (e.communeCode === null || !isRecord(e.data)) return {};
  switch (e.entity) {
    case 'payment-line': {
      const line = projectLine(e.id, e.communeCode, e.data);
      return line ? { line } : {};
    }
    case 'beneficiary': {
      const person = projectPerson(e.id, e.communeCode, e.data);
      if (!person) return {};
      const { method, account_status: accountStatus } = person;
      const personMonth = {
        beneficiary_id: e.id,
        month: vietnamMonth(now),
        commune_code: e.communeCode,
        method,
        account_status: accountStatus,
      };
      return { person, personMonth };
    }
    case 'id-check': {
      const idCheck = projectIdCheck(e.id, e.communeCode, e.data);
      return idCheck ? { idCheck } : {};
    }
    default:
      return {};
  }
}

function projectLine(id: string, communeCode: string, d: Record<string, unknown>): Selectable<ReportLinesTable> | null {
  const periodId = str(d['periodId']);
  const beneficiaryId = str(d['beneficiaryId']);
  const method = str(d['method']);
  const status = str(d['status']);
  const amount = int(d['amount']);
  if (!periodId || !beneficiaryId || !method || !status || amount === null) return null;
  const payment = isRecord(d['payment']) ? d['payment'] : null;
  const receiver = payment && isRecord(payment['receiver']) ? payment['receiver'] : null;
  const visit = isRecord(d['lastVisit']) ? d['lastVisit'] : null;
  const transfers = Array.isArray(d['transfers']) ? d['transfers'].filter(isRecord) : [];
  const latest = transfers.at(-1);
  const outcomeOf = (t: Record<string, unknown>) => (isRecord(t['outcome']) ? str(t['outcome']['kind']) : 'waiting');
  return {
    line_id: id,
    commune_code: communeCode,
    period_id: periodId,
    beneficiary_id: beneficiaryId,
    method,
    status,
    amount,
    paid_amount: (payment && int(payment['amount'])) ?? 0,
    paid_date: payment ? dayOf(payment['recordedAt']) : null,
    paid_by: payment ? str(payment['actorId']) : null,
    receiver_kind: receiver ? str(receiver['kind']) : null,
    // Why the line is unpaid, while it is: a later payment makes the visit history.
    unpaid_reason: status === 'paid' || !visit ? null : str(visit['reason']),
    batch_id: latest ? str(latest['batchId']) : null,
    transfer_outcome: latest ? outcomeOf(latest) : null,
    failed_transfers: transfers.filter((t) => outcomeOf(t) === 'failed').length,
    voids: count(d['voids']),
    conflicts: count(d['conflicts']),
  };
}

function projectPerson(
  id: string,
  communeCode: string,
  d: Record<string, unknown>,
): Selectable<ReportPeopleTable> | null {
  const status = str(d['status']);
  const category = str(d['category']);
  const accountStatus = str(d['accountStatus']);
  if (!status || !category || !accountStatus) return null;
  const handover = isRecord(d['cardHandover']) ? d['cardHandover'] : null;
  const gender = str(d['gender']);
  const issues = recordIssues({
    idNumber: str(d['idNumber']),
    oldIdNumber: str(d['oldIdNumber']),
    birthDate: str(d['birthDate']),
    gender: gender === 'male' || gender === 'female' ? gender : null,
    phone: str(d['phone']),
  });
  return {
    beneficiary_id: id,
    commune_code: communeCode,
    village: str(d['village']) ?? '',
    status,
    category,
    method: str(d['paymentMethod']),
    account_status: accountStatus,
    card_handed_over_on: handover ? str(handover['date']) : null,
    bad_id_number: issues.badIdNumber ? 1 : 0,
    no_id_number: issues.noIdNumber ? 1 : 0,
    bad_phone: issues.badPhone ? 1 : 0,
  };
}

function projectIdCheck(
  id: string,
  communeCode: string,
  d: Record<string, unknown>,
): Selectable<ReportIdChecksTable> | null {
  const beneficiaryId = str(d['beneficiaryId']);
  const person = str(d['person']);
  const method = str(d['method']);
  const overall = str(d['overall']);
  const checkedDate = dayOf(d['recordedAt']);
  if (!beneficiaryId || !person || !method || !overall || !checkedDate) return null;
  return {
    check_id: id,
    commune_code: communeCode,
    beneficiary_id: beneficiaryId,
    line_id: str(d['lineId']),
    person,
    method,
    reason: str(d['reason']),
    overall,
    checked_date: checkedDate,
  };
}
