/**
 * A provider's list of the accounts it opened (docs/protocol.md "Opened accounts"):
 * `POST /api/providers/{id}/opened-accounts` reads the file, matches each row to the commune's
 * roster by ID number and answers a review without changing anything;
 * `POST …/opened-accounts/{importId}/apply` then, in one transaction and once, records for each
 * row that applies (a match, or a differing name the supervisor accepted) the person's payment
 * method and account and the account status `opened`, as server-made roster ops, decided again
 * against the roster as it is then.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  currentAccount,
  guessOpenedAccountMapping,
  isApplied,
  matchOpenedAccounts,
  openedAccountOutcomes,
  openedMappingGaps,
  readOpenedAccountRows,
  type MatchedOpenedAccount,
  type OpenedAccountMapping,
  type OpenedAccountPerson,
  type OpenedAccountRow,
  type OpenedAccountScope,
} from '../../domain/opened-accounts';
import { err, ok, type Result } from '../../lib/result';
import type { Provider } from '../../protocol/batches';
import type { BeneficiaryData, PaymentDetails } from '../../protocol/entities';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { openedAccountMessagesVi, type OpenedAccountsReview } from '../../protocol/opened-accounts';
import { can } from '../../protocol/permissions';
import { lockKey } from '../db/dialect';
import type { Database } from '../db/schema';
import { readSheet } from '../lists/read-sheet';
import type { Cell } from '../lists/sheet-types';
import { sheetErrorCodes } from '../services/list-analysis';
import { StepRefused, opContext, runStep, serverOp, type Actor } from './batch-store';
import { getProvider, methodOf } from './providers';

type Stored = { headerRow: number; mapping: OpenedAccountMapping; rows: OpenedAccountRow[] };
type Review = Omit<OpenedAccountsReview, 'protocol'>;
type Person = OpenedAccountPerson & { data: BeneficiaryData };

/** Rows a header row is looked for in (provider files may open with a title). */
const HEADER_SEARCH = 20;

export async function readOpenedAccounts(
  db: Kysely<Database>,
  actor: Actor,
  input: { providerId: string; commune: string; bytes: Uint8Array; fileName: string },
): Promise<Result<Review, RequestErrorCode>> {
  if (!can(actor.user, 'batches.prepare', input.commune)) return err('forbidden');
  const provider = await getProvider(db, input.providerId);
  if (!provider || provider.disabled) return err('not-found');
  const sheet = readSheet(input.bytes, input.fileName);
  if (!sheet.ok) return err(sheetErrorCodes[sheet.error]);
  const found = findHeader(sheet.value.rows);
  if (!found) return err('result-mapping-needed');
  const stored: Stored = {
    headerRow: found.index + 1,
    mapping: found.mapping,
    rows: readOpenedAccountRows(sheet.value.rows.slice(found.index), found.mapping, found.index + 1),
  };
  const people = await rosterOf(db, input.commune);
  const importId = randomUUID();
  await db
    .insertInto('opened_account_imports')
    .values({
      id: importId,
      provider_id: provider.id,
      commune_code: input.commune,
      file_hash: createHash('sha256').update(input.bytes).digest('hex'),
      file_name: input.fileName,
      rows: JSON.stringify(stored),
      imported_by: actor.user.id,
      imported_at: actor.now,
      applied_by: null,
      applied_at: null,
      applied_rows: null,
    })
    .execute();
  const matched = matchOpenedAccounts(stored.rows, [...people.values()], scopeOf(provider));
  return ok(
    reviewOf({ importId, provider, commune: input.commune, fileName: input.fileName }, stored, matched, people),
  );
}

export async function applyOpenedAccounts(
  db: Kysely<Database>,
  actor: Actor,
  input: { providerId: string; importId: string; accept: readonly number[] },
): Promise<Result<Review, RequestErrorCode>> {
  const result = await runStep(db, async (trx) => {
    // Two applications of one import are one after the other: the second sees it applied.
    await lockKey(trx, `opened-accounts:${input.importId}`);
    const imported = await trx
      .selectFrom('opened_account_imports')
      .selectAll()
      .where('id', '=', input.importId)
      .where('provider_id', '=', input.providerId)
      .executeTakeFirst();
    if (!imported || !can(actor.user, 'batches.view', imported.commune_code)) throw new StepRefused('not-found');
    const commune = imported.commune_code;
    if (
      !can(actor.user, 'batches.prepare', commune) ||
      !can(actor.user, 'beneficiary.set-account-status', commune) ||
      !can(actor.user, 'beneficiary.set-payment-method', commune)
    )
      throw new StepRefused('forbidden');
    if (imported.applied_at !== null) throw new StepRefused('batch-step-out-of-order');
    const provider = await getProvider(trx, imported.provider_id);
    if (!provider) throw new StepRefused('not-found');

    const stored = JSON.parse(imported.rows) as Stored;
    const people = await rosterOf(trx, commune);
    const matched = matchOpenedAccounts(stored.rows, [...people.values()], scopeOf(provider));
    const accepted = new Set(input.accept);
    const ctx = opContext(actor);
    const applied: number[] = [];
    for (const row of matched) {
      const person = row.personId === null ? undefined : people.get(row.personId);
      if (!person || !isApplied(row, accepted)) continue;
      await setAccount(trx, ctx, { provider, person, row, fileName: imported.file_name });
      applied.push(row.row);
    }
    await trx
      .updateTable('opened_account_imports')
      .set({ applied_by: actor.user.id, applied_at: actor.now, applied_rows: JSON.stringify(applied) })
      .where('id', '=', imported.id)
      .execute();
    // The review shows each person as they were found; `applied` says which rows changed them.
    const review = reviewOf(
      { importId: imported.id, provider, commune, fileName: imported.file_name },
      stored,
      matched,
      people,
      new Set(applied),
    );
    return { ...review, appliedAt: new Date(actor.now).toISOString() };
  });
  return result.ok ? ok(result.value) : err(result.error);
}

/** The two roster ops of one row: the provider's method and account, then the status `opened`. */
async function setAccount(
  trx: Transaction<Database>,
  ctx: ReturnType<typeof opContext>,
  input: { provider: Provider; person: Person; row: MatchedOpenedAccount; fileName: string },
): Promise<void> {
  const { provider, person, row } = input;
  const method = methodOf(provider);
  const name = namesOf(provider)[0] ?? provider.name;
  const details: PaymentDetails = {
    ...(person.data.paymentDetails ?? {}),
    ...(method === 'bank'
      ? { bankName: name, accountNumber: row.accountNumber }
      : { provider: name, walletPhone: row.accountNumber }),
    accountHolder: row.holderName ?? person.fullName,
  };
  const opened = row.openedDate === null ? '' : `, mở ngày ${row.openedDate.split('-').reverse().join('/')}`;
  const note = `Theo tệp tài khoản đã mở của ${provider.name}: ${input.fileName}, dòng ${row.row}${opened}.`;
  const outcomes = [
    await serverOp(trx, ctx, 'beneficiary.set-payment-method', person.id, { method, details }),
    await serverOp(trx, ctx, 'beneficiary.set-account-status', person.id, {
      status: 'opened',
      note: note.slice(0, 500),
    }),
  ];
  // Scope and the person were checked in this transaction: a refusal here is the roster changing
  // under us (a person removed), and the whole import waits rather than half of it applying.
  for (const outcome of outcomes) {
    if (outcome.status === 'applied') continue;
    throw new StepRefused(outcome.status === 'rejected' && outcome.code === 'forbidden' ? 'forbidden' : 'not-found');
  }
}

/** The names a person's bank or wallet is recorded under for this provider: its aliases, else its name. */
const namesOf = (p: Provider): readonly string[] => (p.aliases.length > 0 ? p.aliases : [p.name]);

const scopeOf = (p: Provider): OpenedAccountScope => ({
  method: methodOf(p),
  names: namesOf(p),
  account: p.template.account,
});

/** The commune's people (not deleted), by id. */
async function rosterOf(db: Kysely<Database>, commune: string): Promise<Map<string, Person>> {
  const rows = await db
    .selectFrom('entities')
    .select(['id', 'data'])
    .where('entity', '=', 'beneficiary')
    .where('commune_code', '=', commune)
    .where('deleted', '=', 0)
    .execute();
  const people = new Map<string, Person>();
  for (const r of rows) {
    if (r.data === null) continue;
    const data = JSON.parse(r.data) as BeneficiaryData;
    people.set(r.id, {
      id: r.id,
      fullName: data.fullName,
      idNumber: data.idNumber,
      oldIdNumber: data.oldIdNumber,
      paymentMethod: data.paymentMethod,
      paymentDetails: data.paymentDetails,
      accountStatus: data.accountStatus,
      data,
    });
  }
  return people;
}

function reviewOf(
  head: { importId: string; provider: Provider; commune: string; fileName: string },
  stored: Stored,
  matched: readonly MatchedOpenedAccount[],
  people: ReadonlyMap<string, Person>,
  applied: ReadonlySet<number> = new Set(),
): Review {
  const method = methodOf(head.provider);
  const counts = Object.fromEntries(openedAccountOutcomes.map((o) => [o, 0])) as Review['counts'];
  for (const r of matched) counts[r.outcome] += 1;
  return {
    importId: head.importId,
    providerId: head.provider.id,
    commune: head.commune,
    fileName: head.fileName,
    headerRow: stored.headerRow,
    mapping: stored.mapping,
    counts,
    rows: matched.map((r) => {
      const p = r.personId === null ? undefined : people.get(r.personId);
      const d = p?.paymentDetails ?? {};
      return {
        row: r.row,
        idNumber: r.idNumber,
        fullName: r.fullName,
        accountNumber: r.accountNumber,
        holderName: r.holderName,
        openedDate: r.openedDate,
        outcome: r.outcome,
        message: openedAccountMessagesVi[r.outcome],
        person: p
          ? {
              id: p.id,
              fullName: p.fullName,
              paymentMethod: p.paymentMethod,
              bankName: (method === 'bank' ? d.bankName : d.provider) ?? null,
              account: currentAccount(p, method),
              accountStatus: p.accountStatus,
            }
          : null,
        applied: applied.has(r.row),
      };
    }),
    appliedAt: null,
    applied: applied.size,
  };
}

const textsOf = (row: readonly Cell[] | undefined) => (row ?? []).map((c) => c.text.normalize('NFC').trim());

/** The first row whose texts name the ID number, the name and the account. */
function findHeader(grid: readonly (readonly Cell[])[]): { index: number; mapping: OpenedAccountMapping } | undefined {
  for (let index = 0; index < Math.min(grid.length, HEADER_SEARCH); index++) {
    const headers = textsOf(grid[index]);
    const mapping = guessOpenedAccountMapping(headers);
    if (openedMappingGaps(mapping, headers).length === 0) return { index, mapping };
  }
  return undefined;
}
