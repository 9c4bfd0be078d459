/**
 * The practice server inside the app (issue 17, "Practice mode"): it serves the practice commune
 * (protocol/sample/practice-commune.ts) and applies pushed ops with the same family reducers as
 * the real server, so every workflow answers as in real use — applied, `already-paid` for the
 * line another payer took, `forbidden` for an op the role may not send — without a network.
 * Its state is the sample plus the ops it accepted, replayed at start from `store`; it never
 * reaches the real server.
 */
import { statusInMonth } from '../../domain/beneficiary-ops';
import { decideCashOp } from '../../domain/cash-ops';
import type { Role } from '../../domain/vocabulary';
import type { User } from '../../protocol/auth';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { opResultMessagesVi } from '../../protocol/op-messages.vi';
import { familyReducers } from '../../protocol/op-registry';
import { isOfFamily, parseOp, type Op } from '../../protocol/ops';
import { paymentLineStateOf } from '../../protocol/payment-line-history';
import { can } from '../../protocol/permissions';
import type { Change, EntityKind, PullResponse } from '../../protocol/pull';
import type { OpResultCode } from '../../protocol/push';
import { PRACTICE_COMMUNE_CODE, practiceCommune, type PracticeCommune } from '../../protocol/sample/practice-commune';
import type { PushAnswer, PushBody } from '../transport';

/** Where the practice server keeps what it accepted (the practice profile's local storage). */
export type PracticeStore = { load(): string | null; save(text: string): void };

/** What happened, in order: the ops accepted, and when another payer took the line. */
type Event = { kind: 'op'; userId: string; op: Record<string, unknown> } | { kind: 'other-paid' };
type Saved = { seed: number; month: string; today: string; events: Event[] };
type Stored = { kind: EntityKind; id: string; version: number; seq: number; data: Record<string, unknown> };
type Result = PushAnswer['results'][number];

/** The practice accounts: any password signs in. */
export const practiceUsers: readonly User[] = (
  [
    ['canbo', 'officer', 'Cán bộ luyện tập'],
    ['chitra', 'payer', 'Người chi trả luyện tập'],
    ['giamsat', 'supervisor', 'Giám sát luyện tập'],
  ] as const
).map(([username, role, displayName]: readonly [string, Role, string]) => ({
  id: `practice-${username}`,
  username,
  displayName,
  role,
  communes: [PRACTICE_COMMUNE_CODE],
}));
const OTHER_PAYER = 'practice-other-payer';

export type PracticeServer = ReturnType<typeof createPracticeServer>;

export function createPracticeServer(store: PracticeStore, start: { seed: number; month: string; today: string }) {
  const saved: Saved = readSaved(store) ?? { ...start, events: [] };
  const sample = practiceCommune(saved.seed, saved.month, saved.today);
  const entities = new Map<string, Stored>();
  const answered = new Map<string, Result>();
  let seq = 0;

  const key = (kind: EntityKind, id: string) => `${kind}:${id}`;
  const put = (kind: EntityKind, id: string, data: Record<string, unknown>) => {
    const before = entities.get(key(kind, id));
    const row = { kind, id, version: (before?.version ?? 0) + 1, seq: ++seq, data };
    entities.set(key(kind, id), row);
    return row;
  };
  const get = (kind: EntityKind, id: string) => entities.get(key(kind, id));

  put('commune', sample.commune.code, { ...sample.commune });
  put('period', sample.period.id, { ...sample.period });
  for (const b of sample.beneficiaries) put('beneficiary', b.id, { ...b.data });
  for (const l of sample.lines) put('payment-line', l.id, { ...l.data });
  for (const event of saved.events)
    if (event.kind === 'op') apply(userOf(event.userId), event.op);
    else payElsewhere(sample);
  let otherPaid = saved.events.some((e) => e.kind === 'other-paid');

  function userOf(id: string): User {
    return practiceUsers.find((u) => u.id === id) ?? (practiceUsers[0] as User);
  }

  /** Another payer pays the line the sample keeps for a double payment (after the first pull). */
  function payElsewhere(s: PracticeCommune) {
    for (const lineId of s.paidElsewhere) {
      const line = get('payment-line', lineId);
      const state = line && paymentLineStateOf(line.data);
      if (!line || !state || state.status !== 'due') continue;
      const applied = familyReducers['payment-line'](
        state,
        {
          id: `${lineId}-other`,
          actorId: OTHER_PAYER,
          recordedAt: `${saved.today}T08:00:00.000+07:00`,
          type: 'payment.record',
          payload: { amount: state.amount, receiver: { kind: 'self' } },
        },
        { beneficiaryStatus: 'active' },
      );
      put('payment-line', lineId, { ...line.data, ...applied.line });
    }
  }

  function reject(id: string, code: OpResultCode): Result {
    return { id, status: 'rejected', code, message: opResultMessagesVi[code] };
  }

  /** One op, decided as the server decides it (docs/protocol.md "How one push is applied"). */
  function apply(user: User, raw: Record<string, unknown>): Result {
    const id = typeof raw['id'] === 'string' ? raw['id'] : '';
    const first = answered.get(id);
    if (first) return { ...first, status: 'duplicate', code: first.status, firstCode: first.code };
    const parsed = parseOp(raw);
    const result = parsed.ok ? decide(user, parsed.value) : reject(id, 'invalid-payload');
    answered.set(id, result);
    return result;
  }

  function decide(user: User, op: Op): Result {
    if (op.actorId !== user.id || !can(user, op.type)) return reject(op.id, 'forbidden');
    if (isOfFamily(op, 'beneficiary')) {
      const before = get('beneficiary', op.entityId);
      const decided = familyReducers.beneficiary(before?.data, op);
      if (!decided.ok) return reject(op.id, decided.error);
      return { id: op.id, status: 'applied', version: put('beneficiary', op.entityId, decided.value.after).version };
    }
    if (isOfFamily(op, 'payment-line')) {
      const line = get('payment-line', op.entityId);
      const state = line && paymentLineStateOf(line.data);
      if (!line || !state) return reject(op.id, 'unknown-entity');
      const person = get('beneficiary', String(line.data['beneficiaryId']));
      const { outcome, line: next } = familyReducers['payment-line'](state, op, {
        beneficiaryStatus: statusInMonth(person?.data, String(line.data['periodId'])),
      });
      if (outcome.status === 'rejected') return reject(op.id, outcome.code);
      const version = put('payment-line', op.entityId, { ...line.data, ...next }).version;
      return outcome.status === 'conflict'
        ? { id: op.id, status: 'conflict', code: outcome.code, message: opResultMessagesVi[outcome.code], version }
        : { id: op.id, status: 'applied', version };
    }
    if (isOfFamily(op, 'id-check')) {
      const person = get('beneficiary', op.entityId);
      if (!person) return reject(op.id, 'unknown-entity');
      const where = { beneficiaryId: op.entityId, communeCode: PRACTICE_COMMUNE_CODE };
      return {
        id: op.id,
        status: 'applied',
        version: put('id-check', op.id, { ...familyReducers['id-check'](op.payload, op, where) }).version,
      };
    }
    const decided = decideCashOp(op, user.displayName);
    return decided.ok ? { id: op.id, status: 'applied', version: 1 } : reject(op.id, decided.error);
  }

  function persist(): void {
    store.save(JSON.stringify(saved));
  }

  return {
    sample,
    login(username: string): User | null {
      return practiceUsers.find((u) => u.username === username.trim().toLowerCase()) ?? null;
    },
    pull(cursor: string | null, limit: number): PullResponse {
      const after = Number(cursor ?? '0') || 0;
      const newer = [...entities.values()].filter((e) => e.seq > after).sort((a, b) => a.seq - b.seq);
      const page = newer.slice(0, limit);
      const changes: Change[] = page.map((e) => ({
        entity: e.kind,
        id: e.id,
        version: e.version,
        deleted: false,
        data: e.data,
      }));
      const last = page.at(-1)?.seq ?? after;
      const hasMore = newer.length > page.length;
      // The device now holds the line as due: another payer pays it meanwhile (a double payment).
      if (!hasMore && !otherPaid) {
        otherPaid = true;
        saved.events.push({ kind: 'other-paid' });
        payElsewhere(sample);
        persist();
      }
      return {
        protocol: PROTOCOL_VERSION,
        cursor: String(last),
        hasMore,
        remaining: newer.length - page.length,
        changes,
      };
    },
    push(user: User, body: PushBody): PushAnswer {
      const results = body.ops.map((op) => {
        const result = apply(user, op);
        if (result.status !== 'duplicate' && result.status !== 'rejected')
          saved.events.push({ kind: 'op', userId: user.id, op });
        return result;
      });
      persist();
      return { protocol: PROTOCOL_VERSION, serverTime: new Date().toISOString(), results };
    },
  };
}

function readSaved(store: PracticeStore): Saved | null {
  try {
    const text = store.load();
    const saved = text ? (JSON.parse(text) as Partial<Saved>) : null;
    return saved && Array.isArray(saved.events) ? (saved as Saved) : null;
  } catch {
    return null;
  }
}
