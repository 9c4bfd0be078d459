// A tablet records payments offline and breaks before it syncs: the officer's outbox file is
// imported by a supervisor from another device (docs/protocol.md "Storage safety"), through the client's
// own transport against the real server (Hono app + SQLite in one process).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { outboxFileSchema } from '../../src/protocol/import';
import type { Harness } from '../../src/server/testing/harness';
import { createAppDb, type AppDb } from '../../src/storage/app-db';
import { exportUnsentOps } from '../../src/storage/outbox-export';
import { recordOp } from '../../src/storage/outbox';
import { hashEvidence } from '../../src/storage/payments';
import { pullAll } from '../../src/sync/pull-all';
import { ensureDeviceId } from '../../src/sync/session';
import type { Transport } from '../../src/sync/transport';
import { demoServer } from '../builders/demo-server';

let harness: Harness;
let db: AppDb;
let transport: Transport;

beforeEach(async () => {
  ({ harness, transport } = await demoServer(60));
  db = createAppDb(`it-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
  await harness.close();
});

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);

test('a broken tablet’s offline payments reach the server once through a supervisor’s import', async () => {
  const deviceId = await ensureDeviceId(db, () => 'dev-broken-tablet');
  const officer = await transport.login({
    username: 'officer',
    password: 'demo1234',
    device: { id: deviceId, name: 'Máy hỏng' },
  });
  await pullAll({ db, transport, token: officer.token, pageSize: 500, now: () => 1 });

  // Offline: two payments, one with a signature; nothing is pushed.
  const due = (await db.paymentLines.toArray()).filter((l) => l.status === 'due').slice(0, 2);
  expect(due).toHaveLength(2);
  let n = 0;
  const ctx = { deviceId, actorId: officer.user.id, now: () => harness.clock.now(), makeId: () => `op-it-${++n}` };
  for (const [i, line] of due.entries()) {
    const signature = i === 0 ? await hashEvidence({ bytes: PNG.slice().buffer, type: 'image/png' }) : undefined;
    const recorded = await recordOp(
      db,
      ctx,
      'payment.record',
      line.id,
      { amount: line.amount, receiver: { kind: 'self' }, ...(signature ? { signature: signature.hash } : {}) },
      { evidence: signature ? [signature] : [] },
    );
    expect(recorded.ok).toBe(true);
  }

  // The file goes through JSON, as it would on a USB stick, and is checked as the page checks it.
  const exported: unknown = JSON.parse(JSON.stringify(await exportUnsentOps(db, harness.clock.now())));
  const file = outboxFileSchema.parse(exported);
  expect(file.ops).toHaveLength(2);
  expect(file.blobs).toHaveLength(1);

  const supervisor = await transport.login({
    username: 'supervisor',
    password: 'demo1234',
    device: { id: 'dev-supervisor', name: 'Máy giám sát' },
  });
  // The broken tablet is taken out of use first: only then may its file be imported.
  await expect(transport.importOps(supervisor.token, file)).rejects.toMatchObject({
    code: 'device-active',
    status: 409,
  });
  await transport.setDeviceStatus(supervisor.token, deviceId, 'retire');
  const first = await transport.importOps(supervisor.token, file);
  expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  const again = await transport.importOps(supervisor.token, file);
  expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);

  const rows = await harness.db.kysely
    .selectFrom('ops')
    .select(['op_id', 'device_id', 'user_id', 'imported_by'])
    .orderBy('op_id')
    .execute();
  expect(rows).toEqual(
    file.ops.map((op) => ({
      op_id: op.id,
      device_id: deviceId,
      user_id: officer.user.id,
      imported_by: supervisor.user.id,
    })),
  );
  const blobs = await harness.db.kysely.selectFrom('blobs').select('sha256').execute();
  expect(blobs.map((b) => b.sha256)).toEqual(file.blobs.map((b) => b.hash));

  // A payer cannot import another device's file.
  const payer = await transport.login({
    username: 'payer',
    password: 'demo1234',
    device: { id: 'dev-payer', name: 'Máy chi trả' },
  });
  await expect(transport.importOps(payer.token, file)).rejects.toMatchObject({ code: 'forbidden', status: 403 });
});
