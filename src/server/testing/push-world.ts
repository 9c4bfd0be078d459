/**
 * A small world for push tests over the real app: two communes, users of every role with a
 * device each, beneficiaries and payment lines, an op builder that numbers seqs per device,
 * and helpers to push and pull.
 */
import type { BlobPolicy } from '../services/blobs';
import { beneficiaryData, paymentLineData } from '../../../tests/builders/beneficiary';
import type { Role } from '../../domain/vocabulary';
import { parsePayload, type OpType } from '../../protocol/ops';
import { pullResponseSchema, type Change } from '../../protocol/pull';
import { pushResponseSchema, type PushResponse } from '../../protocol/push';
import type { Kysely } from 'kysely';
import type { AppDatabase } from '../db/database';
import type { Database } from '../db/schema';
import { putEntities } from '../services/entity-store';
import { createHarness, type Harness } from './harness';

export const PHU_BAI = '19960';
export const LOC_AN = '20140';
export const AMOUNT = 1_000_000;

/** Payment lines of the world: `line-1` … in Phú Bài, `line-la` in Lộc An. */
export const LINES = {
  due: 'line-1',
  due2: 'line-2',
  withdrawn: 'line-void',
  deceased: 'line-deceased',
  otherCommune: 'line-la',
} as const;
export const BENEFICIARIES = { active: 'b-1', deceased: 'b-dead', otherCommune: 'b-la' } as const;

export type Actor = {
  userId: string;
  role: Role;
  deviceId: string;
  token: string;
  /** Next seq this device will use. */
  seq: number;
};

export type World = Awaited<ReturnType<typeof createPushWorld>>;

export async function createPushWorld(options: { db?: AppDatabase; blobs?: BlobPolicy } = {}) {
  const h: Harness = await createHarness({
    ...(options.db ? { db: options.db } : {}),
    ...(options.blobs ? { blobs: options.blobs } : {}),
  });
  await seedWorld(h.db.kysely, h.clock.now());

  const actor = async (username: string, role: Role, communes: string[], deviceId = `dev-${username}`) => {
    await h.addUser(username, role, communes);
    const token = await h.signIn(username, 'mat-khau-1', deviceId);
    return { userId: `user-${username}`, role, deviceId, token, seq: 1 } satisfies Actor;
  };
  const actors = {
    officer: await actor('officer', 'officer', [PHU_BAI]),
    payer: await actor('payer', 'payer', [PHU_BAI]),
    payer2: await actor('payer2', 'payer', [PHU_BAI]),
    supervisor: await actor('supervisor', 'supervisor', [PHU_BAI, LOC_AN]),
    officerLa: await actor('officer-la', 'officer', [LOC_AN]),
    admin: await actor('admin', 'admin', []),
  };

  const op = opBuilder();

  const pushRaw = (who: Actor, ops: unknown[], lastSeq = who.seq - 1, deviceId = who.deviceId) =>
    h.request('/api/sync/push', { token: who.token, body: { protocol: 1, deviceId, lastSeq, ops } });

  /** Pushes and parses the answer; fails the test on anything but 200. */
  const push = async (who: Actor, ops: unknown[], lastSeq?: number): Promise<PushResponse> => {
    const res = await pushRaw(who, ops, lastSeq);
    if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
    return pushResponseSchema.parse(await res.json());
  };

  /** Every change in the actor's scope after `cursor`. */
  const pull = async (who: Actor, cursor = ''): Promise<{ changes: Change[]; cursor: string }> => {
    const changes: Change[] = [];
    for (;;) {
      const res = await h.request(`/api/sync/pull?limit=5000&cursor=${encodeURIComponent(cursor)}`, {
        token: who.token,
      });
      if (res.status !== 200) throw new Error(`pull answered ${res.status}`);
      const page = pullResponseSchema.parse(await res.json());
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return { changes, cursor };
    }
  };

  const entity = async (kind: Change['entity'], id: string) => {
    const row = await h.db.kysely
      .selectFrom('entities')
      .select(['version', 'data'])
      .where('entity', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { version: Number(row.version), data: JSON.parse(row.data ?? 'null') as Record<string, unknown> };
  };

  const opsCount = async () =>
    Number(
      (
        await h.db.kysely
          .selectFrom('ops')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  return { h, actors, op, push, pushRaw, pull, entity, opsCount };
}

/** Makes well-formed ops of `type` by `who`, numbering seqs per device and ids per builder. */
export function opBuilder(prefix = 'op') {
  let counter = 0;
  return (
    who: Pick<Actor, 'userId' | 'deviceId' | 'seq'>,
    type: OpType,
    entityId: string,
    payload: Record<string, unknown> = samplePayload(type),
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    id: `${prefix}-${String(++counter).padStart(5, '0')}-${who.deviceId}`,
    deviceId: who.deviceId,
    seq: who.seq++,
    type,
    entityId,
    actorId: who.userId,
    recordedAt: '2026-11-15T09:00:00.000+07:00',
    payload,
    ...extra,
  });
}

export function samplePayload(type: OpType): Record<string, unknown> {
  switch (type) {
    case 'beneficiary.create':
      return { communeCode: PHU_BAI, fullName: 'Lê Gia Bảo', birthDate: '2022-09-09', gender: 'male', category: 'k1' };
    case 'beneficiary.update':
      return { phone: '0912000222' };
    case 'beneficiary.set-payment-method':
      return { method: 'bank', details: { bankName: 'Agribank', accountNumber: '4000999000003' } };
    case 'beneficiary.set-account-status':
      return { status: 'submitted' };
    case 'beneficiary.set-status':
      return { status: 'suspended', reason: 'missed-payments', effectiveMonth: '2026-12' };
    case 'id-check.record':
      return {
        person: 'beneficiary',
        method: 'manual',
        fields: { idNumber: 'match', fullName: 'match', birthDate: 'match', gender: 'match' },
        overall: 'match',
      };
    case 'payment.record':
      return { amount: AMOUNT, receiver: { kind: 'self' } };
    case 'payment.unpaid':
      return { reason: 'absent' };
    case 'payment.void':
      return { target: 'payment', reason: 'recorded-in-error' };
    case 'payment.transfer-send':
      return { batchId: 'batch-1', providerId: 'provider-1', reference: 'REF-1', amount: AMOUNT };
    case 'payment.transfer-result':
      return { batchId: 'batch-1', outcome: 'paid' };
    case 'payment.transfer-cancel':
      return { batchId: 'batch-1' };
    case 'payment.reroute':
      return { to: 'home-delivery', reason: 'Sai số tài khoản' };
    case 'payment.assign':
      // `payer` of PHU_BAI, as pushWorld and createDirectWorld make them.
      return { payerId: 'user-payer', payerName: 'Người chi trả' };
    // The ledger of `payer` of PHU_BAI (its entityId: `cashLedger()`); a supervisor acknowledges
    // that payer's close.
    case 'cash.receive':
      return { ...PAYER_LEDGER, date: '2026-11-15', amount: 5 * AMOUNT, fromName: 'Thủ quỹ xã' };
    case 'cash.return':
      return { ...PAYER_LEDGER, date: '2026-11-15', amount: AMOUNT, toName: 'Thủ quỹ xã' };
    case 'cash.handover':
      return {
        ...PAYER_LEDGER,
        date: '2026-11-15',
        amount: AMOUNT,
        toPayerId: 'user-payer-2',
        toPayerName: 'Người chi trả 2',
        giverSignature: 'a'.repeat(64),
        receiverSignature: 'b'.repeat(64),
      };
    case 'cash.close':
      return { ...PAYER_LEDGER, date: '2026-11-15', count: { 500000: 2 }, counted: AMOUNT, balance: AMOUNT };
    case 'cash.acknowledge':
      return { ...PAYER_LEDGER, closeOpId: 'close-1' };
  }
}

/** The ledger of `payer` of PHU_BAI for November 2026 (cash ops' sample payloads). */
export const PAYER_LEDGER = { payerId: 'user-payer', communeCode: PHU_BAI, month: '2026-11' } as const;

/** The world's communes, beneficiaries and payment lines. */
export async function seedWorld(db: Kysely<Database>, now: number): Promise<void> {
  const line = (id: string, beneficiaryId: string, communeCode: string, status: 'due' | 'void' = 'due') => ({
    entity: 'payment-line' as const,
    id,
    communeCode,
    data: paymentLineData({ beneficiaryId, communeCode, status, amount: AMOUNT }),
  });
  const beneficiary = (id: string, communeCode: string, status: 'active' | 'deceased' = 'active') => ({
    entity: 'beneficiary' as const,
    id,
    communeCode,
    data: beneficiaryData({ communeCode, status }),
  });
  await db
    .transaction()
    .execute((trx) =>
      putEntities(
        trx,
        [
          { entity: 'commune', id: PHU_BAI, communeCode: PHU_BAI, data: { code: PHU_BAI, name: 'Phường Phú Bài' } },
          { entity: 'commune', id: LOC_AN, communeCode: LOC_AN, data: { code: LOC_AN, name: 'Xã Lộc An' } },
          beneficiary(BENEFICIARIES.active, PHU_BAI),
          beneficiary(BENEFICIARIES.deceased, PHU_BAI, 'deceased'),
          beneficiary(BENEFICIARIES.otherCommune, LOC_AN),
          line(LINES.due, BENEFICIARIES.active, PHU_BAI),
          line(LINES.due2, BENEFICIARIES.active, PHU_BAI),
          line(LINES.withdrawn, BENEFICIARIES.active, PHU_BAI, 'void'),
          line(LINES.deceased, BENEFICIARIES.deceased, PHU_BAI),
          line(LINES.otherCommune, BENEFICIARIES.otherCommune, LOC_AN),
        ],
        { now },
      ),
    );
}

/**
 * A `beneficiary.update` payload refused by its schema whose `detail` (the issues, quoting the
 * unknown key) would be cut at `max` UTF-16 units between the halves of an emoji.
 */
export function payloadCutInsidePair(max: number): { payload: Record<string, unknown>; detail: string } {
  for (const pad of [0, 1]) {
    const payload = { phone: '0912000222', [`${'x'.repeat(pad)}${'😀'.repeat(max)}`]: 1 };
    const parsed = parsePayload('beneficiary.update', payload);
    if (parsed.ok) throw new Error('the payload was expected to be refused');
    const detail = parsed.error.issues.join('; ');
    const unit = detail.charCodeAt(max - 1);
    if (unit >= 0xd800 && unit <= 0xdbff) return { payload, detail };
  }
  throw new Error('no padding puts a cut inside a pair');
}
