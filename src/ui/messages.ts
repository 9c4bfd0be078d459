/**
 * The interface language: Vietnamese by default, English on request. Screens read `t`, a live
 * binding that `setLanguage` switches (the app re-renders from the root when it changes).
 */
import { guidesMessages as guidesEn } from './messages-guides.en';
import { guidesMessages as guidesVi } from './messages-guides.vi';
import { outreachMessages as outreachEn } from './messages-outreach.en';
import { outreachMessages as outreachVi } from './messages-outreach.vi';
import { practiceMessages as practiceEn } from './messages-practice.en';
import { practiceMessages as practiceVi } from './messages-practice.vi';
import { cashMessages as cashEn } from './messages-cash.en';
import { cashMessages as cashVi } from './messages-cash.vi';
import { handoverMessages as handoverEn } from './messages-handover.en';
import { handoverMessages as handoverVi } from './messages-handover.vi';
import { importedMessages as importedEn } from './messages-imported.en';
import { importedMessages as importedVi } from './messages-imported.vi';
import { leasesMessages as leasesEn } from './messages-leases.en';
import { lockMessages as lockEn } from './messages-lock.en';
import { lockMessages as lockVi } from './messages-lock.vi';
import { leasesMessages as leasesVi } from './messages-leases.vi';
import { payoutAccountsMessages as payoutAccountsEn } from './messages-payout-accounts.en';
import { payoutAccountsMessages as payoutAccountsVi } from './messages-payout-accounts.vi';
import { payoutMessages as payoutEn } from './messages-payout.en';
import { payoutMessages as payoutVi } from './messages-payout.vi';
import { receiptsMessages as receiptsEn } from './messages-receipts.en';
import { receiptsMessages as receiptsVi } from './messages-receipts.vi';
import { reportsMessages as reportsEn } from './messages-reports.en';
import { roundMessages as roundEn } from './messages-round.en';
import { roundMessages as roundVi } from './messages-round.vi';
import { reportsMessages as reportsVi } from './messages-reports.vi';
import { sealMessages as sealEn } from './messages-seal.en';
import { sealMessages as sealVi } from './messages-seal.vi';
import { usersMessages as usersEn } from './messages-users.en';
import { usersMessages as usersVi } from './messages-users.vi';
import { en } from './messages.en';
import { vi } from './messages.vi';

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : { [K in keyof T]: Widen<T[K]> };

/** The shape every catalogue has: the Vietnamese one, with its texts widened to `string`. */
export type Messages = Widen<typeof vi>;
/** The card hand-over's texts (messages-handover.*.ts), joined to every catalogue here. */
export type HandoverMessages = Widen<typeof handoverVi>;
/** The non-cash payout's texts (messages-payout.*.ts). */
export type PayoutMessages = Widen<typeof payoutVi>;
/** The opened-accounts review's texts (messages-payout-accounts.*.ts), joined to every catalogue here. */
export type PayoutAccountsMessages = Widen<typeof payoutAccountsVi>;
/** The sealed export's texts (messages-seal.*.ts): sign-out with work unsent, opening such a file. */
export type SealMessages = Widen<typeof sealVi>;
/** The offline-lease screen's texts (messages-leases.*.ts), joined to every catalogue here. */
export type LeasesMessages = Widen<typeof leasesVi>;
/** Which facts came from a tablet's file, and who imported them (messages-imported.*.ts). */
export type ImportedMessages = Widen<typeof importedVi>;
/** The users screen and the password a user sets (messages-users.*.ts), joined to every catalogue here. */
export type UsersMessages = Widen<typeof usersVi>;
/** The reports screen and the printed monthly report (messages-reports.*.ts). */
export type ReportsMessages = Widen<typeof reportsVi>;
/** The device lock: PIN step, lock screen, password unlock (messages-lock.*.ts). */
export type LockMessages = Widen<typeof lockVi>;
/** Assigning lines to payers and the payer's round (messages-round.*.ts). */
export type RoundMessages = Widen<typeof roundVi>;
/** A payer's cash: ledger, count, statement, supervisor's view (messages-cash.*.ts). */
export type CashMessages = Widen<typeof cashVi>;
/** Practice mode: banner, entering, leaving, starting again (messages-practice.*.ts). */
export type PracticeMessages = Widen<typeof practiceVi>;
/** Communication days: queue, fast path, slip, counts, ID card follow-up (messages-outreach.*.ts). */
export type OutreachMessages = Widen<typeof outreachVi>;
/** Guides: steps per workflow, the first sign-in tour, about the pilot (messages-guides.*.ts). */
export type GuidesMessages = Widen<typeof guidesVi>;
/** Verifiable receipts: check code, QR, the verify screen, flags (messages-receipts.*.ts). */
export type ReceiptsMessages = Widen<typeof receiptsVi>;
/** What screens read: a catalogue with the texts joined to it here. */
export type Catalogue = Messages &
  HandoverMessages &
  PayoutMessages &
  PayoutAccountsMessages &
  SealMessages &
  LeasesMessages &
  ImportedMessages &
  UsersMessages &
  ReportsMessages &
  LockMessages &
  RoundMessages &
  CashMessages &
  PracticeMessages &
  OutreachMessages &
  GuidesMessages &
  ReceiptsMessages;

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];

const catalogues: Record<Language, Catalogue> = {
  vi: {
    ...vi,
    ...handoverVi,
    ...payoutVi,
    ...payoutAccountsVi,
    ...sealVi,
    ...leasesVi,
    ...importedVi,
    ...usersVi,
    ...reportsVi,
    ...lockVi,
    ...roundVi,
    ...cashVi,
    ...practiceVi,
    ...outreachVi,
    ...guidesVi,
    ...receiptsVi,
  },
  en: {
    ...en,
    ...handoverEn,
    ...payoutEn,
    ...payoutAccountsEn,
    ...sealEn,
    ...leasesEn,
    ...importedEn,
    ...usersEn,
    ...reportsEn,
    ...lockEn,
    ...roundEn,
    ...cashEn,
    ...practiceEn,
    ...outreachEn,
    ...guidesEn,
    ...receiptsEn,
  },
};

export let t: Catalogue = catalogues.vi;
export let language: Language = 'vi';

export function setLanguage(next: Language): void {
  language = next;
  t = catalogues[next];
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/**
 * Text for an error code from the server (a request error) or from the transport (`network`,
 * `bad-response`), in the current language; any other code gets the general "something went
 * wrong". Screens show this, never the server's `message`, which is always Vietnamese.
 */
export function errorMessage(code: string): string {
  if (Object.hasOwn(t.requestErrors, code)) return t.requestErrors[code as keyof Messages['requestErrors']];
  if (Object.hasOwn(t.transportErrors, code)) return t.transportErrors[code as keyof Messages['transportErrors']];
  return t.transportErrors.unexpected;
}
