/**
 * What each op does to the device's own copy of an entity (optimistic application). Every op is
 * decided by its family's reducer from the op registry (protocol/op-registry.ts), the same pure
 * rule the server applies, so the device shows what the server will decide. The same reducers
 * re-apply pending ops on top of freshly pulled rows, so a pull never hides a change the server
 * has not answered yet (docs/protocol.md "Pull").
 */
import { assert } from '../lib/assert';
import { err, ok, type Result } from '../lib/result';
import { statusInMonth, type BeneficiaryRefusal } from '../domain/beneficiary-ops';
import type { CashRefusal } from '../domain/cash-ops';
import { lineHasOp, type PaymentLineState, type PaymentRejectCode } from '../domain/payment-line';
import type { BeneficiaryData } from '../protocol/entities';
import { familyOf, familyReducers, isOpType, type OpFamily } from '../protocol/op-registry';
import { isOfFamily, parseOp, type Op } from '../protocol/ops';
import { lineStateFrom, paymentLineStateOf } from '../protocol/payment-line-history';
import type { AppDb, BeneficiaryRow, IdCheckRow, OutboxRow, PaymentLineRow } from './app-db';
import { readPerson } from './roster-pages';
import { toBeneficiaryRow } from './roster-row';

export type LocalTable = 'beneficiaries' | 'paymentLines' | 'idChecks';
export type LocalRow = BeneficiaryRow | PaymentLineRow | IdCheckRow;
type Row = LocalRow;

/**
 * The local table each family changes. A payer's cash ledger has none: its ops are its record,
 * read from the outbox (cash-ledger.ts).
 */
const familyTables = {
  beneficiary: 'beneficiaries',
  'payment-line': 'paymentLines',
  'id-check': 'idChecks',
  'cash-custody': null,
} as const satisfies Record<OpFamily, LocalTable | null>;

/** The local table an op type changes (null: none). An op type the registry does not know is a bug. */
export function tableOf(type: string): LocalTable | null {
  assert(isOpType(type), `no op type ${type} in the registry`);
  return familyTables[familyOf(type)];
}

/** Why the device's reducer refused an op (the server would refuse it the same way). */
export type LocalRefusal = BeneficiaryRefusal | PaymentRejectCode | CashRefusal | 'invalid-payload';

/** What the device knows besides the row: the status of the beneficiary a line or a check is about. */
export type LocalContext = { beneficiary: BeneficiaryRow | undefined };

/** An outbox row's envelope read back as a typed op; an op this app cannot read changes nothing. */
export function opOf(row: OutboxRow): Op | undefined {
  const parsed = parseOp(row.envelope);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The row after `op` (undefined: no row), or the reducer's refusal. `row` is the op's entity in
 * its family's table (for an `id-check.record`, there is none: its record is new).
 */
export function reduceLocal(
  op: Op,
  row: Row | undefined,
  context: LocalContext,
): Result<Row | undefined, LocalRefusal> {
  if (isOfFamily(op, 'beneficiary')) {
    const before = row ? beneficiaryData(row as BeneficiaryRow) : undefined;
    const decided = familyReducers.beneficiary(before, op);
    if (!decided.ok) return decided;
    const { id = op.entityId, version = 0 } = (row ?? {}) as Partial<BeneficiaryRow>;
    return ok(toBeneficiaryRow(id, version, decided.value.after as BeneficiaryData));
  }
  if (isOfFamily(op, 'payment-line')) {
    if (!row) return err('unknown-entity');
    const line = row as PaymentLineRow;
    // Judged with this device's copy of the person, as it bears on the line's month; the server
    // judges again with its own copy.
    const { outcome, line: next } = familyReducers['payment-line'](stateOf(line), op, {
      beneficiaryStatus: statusInMonth(context.beneficiary, line.periodId),
    });
    if (outcome.status === 'rejected') return err(outcome.code);
    return ok({ ...line, ...lineStateFrom(next), localOpId: op.id });
  }
  if (isOfFamily(op, 'cash-custody')) {
    const decided = familyReducers['cash-custody'](op);
    return decided.ok ? ok(undefined) : decided;
  }
  assert(isOfFamily(op, 'id-check'), `no local reducer for ${op.type}`);
  // A check of a person nobody holds is refused, as on the server.
  if (!context.beneficiary) return err('unknown-entity');
  return ok(idCheckRow(op, op.payload, { beneficiaryId: op.entityId, communeCode: communeOf(context) }));
}

/** The check carried by an op (an `id-check.record`, or a payment op's `idCheck`) as its local row. */
export function idCheckRow(
  op: Op,
  check: Parameters<(typeof familyReducers)['id-check']>[0],
  place: Parameters<(typeof familyReducers)['id-check']>[2],
): IdCheckRow {
  // Its id is the op's id, as on the server: the pulled record replaces this one.
  return { id: op.id, version: 0, ...familyReducers['id-check'](check, op, place) };
}

const communeOf = (context: LocalContext) => context.beneficiary?.communeCode ?? null;

/**
 * A newer server may write history this app cannot read (a new conflict code, say): the line's
 * own amount and status still decide, so a payment never leaves the line payable again.
 */
function stateOf(row: PaymentLineRow): PaymentLineState {
  return (
    paymentLineStateOf(row) ?? {
      amount: row.amount,
      status: row.status,
      payment: null,
      lastVisit: null,
      conflicts: [],
      voids: [],
      method: row.method,
      transfers: [],
      reroute: null,
      assignee: null,
    }
  );
}

function beneficiaryData(row: BeneficiaryRow): Record<string, unknown> {
  const { searchTokens: _t, sortKey: _s, id: _id, version: _v, ...data } = row;
  return data;
}

/** What a reducer needs to know besides the row: the beneficiary a line or a check is about. */
export async function localContext(db: AppDb, op: Op, row: Row | undefined): Promise<LocalContext> {
  const family = familyOf(op.type);
  if (family === 'beneficiary' || family === 'cash-custody') return { beneficiary: undefined };
  const beneficiaryId = family === 'id-check' ? op.entityId : (row as PaymentLineRow | undefined)?.beneficiaryId;
  return { beneficiary: beneficiaryId === undefined ? undefined : await readPerson(db, beneficiaryId) };
}

/** Key of the server copy kept while an entity has unanswered ops. */
export const shadowKey = (table: LocalTable, id: string) => `${table}:${id}`;

/**
 * Rebuilds an entity from its server copy plus every op on it since the copy was taken that the
 * server did not reject, in seq order. Used after a pull (a new server copy) and after a
 * rejection (the rejected op's effect must go away). The copy is dropped once nothing is pending.
 */
export async function rebuildEntity(db: AppDb, table: LocalTable, id: string): Promise<void> {
  const key = shadowKey(table, id);
  const shadow = await db.shadows.get(key);
  if (!shadow) return;
  const ops = await db.outbox
    .where('entityId')
    .equals(id)
    .filter((o) => o.seq >= shadow.fromSeq && o.state !== 'rejected' && tableOf(o.type) === table)
    .sortBy('seq');
  let row = (shadow.row ?? undefined) as Row | undefined;
  // Ops the server applied but whose answer was lost are already in a pulled line's history: it
  // applies a device's ops in seq order, so every op up to the last one it holds is skipped (else
  // the device's own payment would conflict with itself).
  const held = table === 'paymentLines' && row ? stateOf(row as PaymentLineRow) : undefined;
  const appliedUpTo = ops.filter((o) => held && lineHasOp(held, o.id)).reduce((max, o) => Math.max(max, o.seq), 0);
  for (const outboxRow of ops.filter((o) => o.seq > appliedUpTo)) {
    const op = opOf(outboxRow);
    if (!op) continue;
    const next = reduceLocal(op, row, await localContext(db, op, row));
    // A refused op leaves the row as it is, as the server leaves its copy.
    if (next.ok) row = next.value;
  }
  // A person's rebuilt row is their edited record (roster-pages.ts); the pulled copy is in a page.
  if (row) await db.table(table).put(row);
  else await db.table(table).delete(id);
  if (!ops.some((o) => o.state === 'pending')) await db.shadows.delete(key);
}

/** The device's current row of an entity (a person: their edited record, else their page copy). */
export function readLocal(db: AppDb, table: LocalTable, id: string): Promise<Row | undefined> {
  return table === 'beneficiaries' ? readPerson(db, id) : (db.table(table).get(id) as Promise<Row | undefined>);
}
