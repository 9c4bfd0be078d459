/**
 * Fuzzing push through the real app (docs/protocol.md "Push": a malformed op is a per-op rejection,
 * an unreadable envelope a 400, never a 500): random bodies, and thousands of ops made by
 * breaking well-formed ones. Afterwards nothing was recorded wrongly.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { beneficiaryDataSchema } from '../../protocol/entities';
import { opTypes, parseOp, type OpType } from '../../protocol/ops';
import { pushResponseSchema } from '../../protocol/push';
import { createPushWorld, LINES, BENEFICIARIES, samplePayload, type World } from '../testing/push-world';

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x'.repeat(100_000),
    'Nguyễn Văn Cường'.normalize('NFD'),
    '__proto__',
    '2026-13-45T99:99:99+07:00',
    -1,
    0,
    1.5,
    2 ** 53,
    1e308,
    -0,
    true,
    null,
  ),
  // Objects are made fresh each time: a shared constant, once put inside an op, could be given itself
  // by a later mutation and make a cycle JSON cannot write.
  fc
    .constantFrom(
      () => [],
      () => ({}),
      () => JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
    )
    .map((make) => make()),
  fc
    .integer({ min: 1, max: 40 })
    .map((depth) => JSON.parse('['.repeat(depth * 10) + ']'.repeat(depth * 10)) as unknown),
);

const envelopeKeys = ['id', 'deviceId', 'seq', 'type', 'entityId', 'baseVersion', 'actorId', 'recordedAt', 'payload'];

/** A well-formed op of the payer or officer, then broken in one to three places. */
const brokenOp = (w: World, n: number) =>
  fc
    .record({
      type: fc.constantFrom<OpType>(...opTypes),
      asOfficer: fc.boolean(),
      entityId: fc.constantFrom<string>(LINES.due, LINES.due2, LINES.withdrawn, BENEFICIARIES.active, 'nowhere'),
      mutations: fc.array(
        fc.record({
          inPayload: fc.boolean(),
          key: fc.oneof(
            fc.constantFrom(...envelopeKeys, 'amount', 'receiver', 'reason', 'phone', 'conflictId'),
            fc.string(),
          ),
          value: fc.option(nasty, { nil: undefined }),
        }),
        { minLength: 0, maxLength: 3 },
      ),
    })
    .map(({ type, asOfficer, entityId, mutations }) => {
      const who = asOfficer ? w.actors.officer : w.actors.payer;
      const op = w.op(who, type, entityId, { ...samplePayload(type) });
      op['id'] = `fuzz-${n}-${String(op['id'])}`;
      for (const m of mutations) {
        const target =
          m.inPayload && typeof op['payload'] === 'object' && op['payload'] !== null
            ? (op['payload'] as Record<string, unknown>)
            : op;
        // The id stays a readable string: without one the whole envelope is unreadable (tested apart).
        if (target === op && m.key === 'id') continue;
        if (m.value === undefined) delete target[m.key];
        else target[m.key] = m.value;
      }
      return { op, asOfficer };
    });

describe('push fuzz', () => {
  let w: World;
  beforeAll(async () => {
    w = await createPushWorld();
  });
  afterAll(() => w.h.close());

  test('random bodies are answered 200, 400 or 409, never 500', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ protocol: fc.constantFrom(1, 2, '1'), deviceId: nasty, lastSeq: nasty, ops: nasty }),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await w.h.request('/api/sync/push', {
          token: w.actors.payer.token,
          body: typeof b === 'string' ? b : JSON.stringify(b),
        });
        expect([200, 400, 403, 409]).toContain(res.status);
        await res.text();
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  test('thousands of broken ops: one result each, none a 500, and only well-formed, allowed ops applied', async () => {
    let batchNo = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer().chain(() => fc.array(brokenOp(w, ++batchNo), { minLength: 30, maxLength: 60 })),
        async (items) => {
          for (const asOfficer of [false, true]) {
            const mine = items.filter((i) => i.asOfficer === asOfficer).map((i) => i.op);
            if (mine.length === 0) continue;
            const who = asOfficer ? w.actors.officer : w.actors.payer;
            const res = await w.pushRaw(who, mine);
            expect(res.status).toBe(200);
            const { results } = pushResponseSchema.parse(await res.json());
            expect(results.map((r) => r.id)).toEqual(mine.map((o) => o['id']));
            total += mine.length;
          }
        },
      ),
      { numRuns: 80 },
    );
    expect(total).toBeGreaterThan(2000);

    // Every stored op that counts as a fact is a well-formed op of its sender.
    const facts = await w.h.db.kysely.selectFrom('ops').selectAll().where('status', '!=', 'rejected').execute();
    expect(facts.length).toBeGreaterThan(50);
    for (const row of facts) {
      const parsed = parseOp(JSON.parse(row.envelope));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect([parsed.value.deviceId, parsed.value.actorId]).toEqual([row.device_id, row.user_id]);
    }
    // The roster and the lines still read as their schemas; no stray payload key reached them.
    const entities = await w.h.db.kysely.selectFrom('entities').select(['entity', 'id', 'data']).execute();
    for (const e of entities.filter((e) => e.entity === 'beneficiary')) {
      const data = JSON.parse(e.data ?? 'null') as Record<string, unknown>;
      expect(beneficiaryDataSchema.safeParse(data).success, e.id).toBe(true);
      expect(Object.keys(data).every((k) => k in beneficiaryDataSchema.shape || k === 'accountStatusNote')).toBe(true);
    }
    for (const e of entities.filter((e) => e.entity === 'payment-line')) {
      const data = JSON.parse(e.data ?? 'null') as Record<string, unknown>;
      expect(data['status'] === 'paid').toBe(data['payment'] !== null && data['payment'] !== undefined);
    }
    expect(w.h.logger.lines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, 120_000);

  test('an op nested 100,000 levels deep or with a NUL in its id is rejected on its own', async () => {
    const { payer } = w.actors;
    const deep = w.op(payer, 'payment.unpaid', LINES.due2);
    const text = JSON.stringify({ protocol: 1, deviceId: payer.deviceId, lastSeq: payer.seq, ops: [deep] }).replace(
      '"reason":"absent"',
      `"reason":${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    );
    const res = await w.h.request('/api/sync/push', { token: payer.token, body: text });
    expect(res.status).toBe(200);
    expect(pushResponseSchema.parse(await res.json()).results[0]).toMatchObject({
      status: 'rejected',
      code: 'invalid-payload',
    });
    const nul = { ...w.op(payer, 'payment.unpaid', LINES.due2), id: 'nul\u0000id' };
    const after = await w.pushRaw(payer, [nul]);
    expect(pushResponseSchema.parse(await after.json()).results[0]).toMatchObject({
      status: 'rejected',
      code: 'invalid-payload',
    });
  });
});
