/**
 * Verifiable receipts on the server (issue 16; docs/protocol.md "Verifiable receipts"): a device's
 * public key registered once, the keys a device may fetch to verify receipts offline, the chain
 * check of each signed payment on push, and the flags supervisors read. A flag never refuses a
 * payment: the money was handed over, the op is applied as any other (docs/style.md §2.1).
 */
import { createHash, webcrypto } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canonicalReceipt, receiptFactsOfOp } from '../../domain/receipt-chain';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { PaymentRecordOp } from '../../protocol/ops';
import { can, isInScope, scopeOf, sharedCommunes } from '../../protocol/permissions';
import type { DeviceKey, ReceiptFlag, ReceiptFlagCode } from '../../protocol/receipts';
import type { Session } from './auth';
import type { Database } from '../db/schema';
import { getEntity } from './entity-store';
import { readLine } from './line-state';
import { isoTime, type PushContext } from './push-context';
import { parseCommunes } from './users';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();

/** Imported keys by their SPKI text: one import per key per process, not one per receipt. */
const imported = new Map<string, Promise<webcrypto.CryptoKey | null>>();
const IMPORTED_MAX = 5_000;

function importKey(spki: string): Promise<webcrypto.CryptoKey | null> {
  let key = imported.get(spki);
  if (!key) {
    if (imported.size >= IMPORTED_MAX) imported.clear();
    key = webcrypto.subtle
      .importKey('spki', Buffer.from(spki, 'base64url'), ECDSA, false, ['verify'])
      .catch(() => null);
    imported.set(spki, key);
  }
  return key;
}

export type KeyError = 'forbidden' | 'device-key-invalid' | 'device-key-set';

/**
 * Registers the calling device's key. Only the device's own token may (another device's id is
 * `forbidden`); once: the same key again is answered as before, a different one `device-key-set`
 * (a key that changed could sign receipts the old one never made).
 */
export async function registerDeviceKey(
  db: Kysely<Database>,
  session: Session,
  input: { deviceId: string; publicKey: string; now: number },
): Promise<Result<DeviceKey, KeyError>> {
  if (input.deviceId !== session.deviceId) return err('forbidden');
  // Canonical base64url only, and a P-256 public key.
  if (Buffer.from(input.publicKey, 'base64url').toString('base64url') !== input.publicKey)
    return err('device-key-invalid');
  if (!(await importKey(input.publicKey))) return err('device-key-invalid');
  await db
    .insertInto('device_keys')
    .values({ device_id: input.deviceId, public_key: input.publicKey, created_at: input.now })
    .onConflict((oc) => oc.column('device_id').doNothing())
    .execute();
  const [stored] = await keyRows(db, input.deviceId);
  if (!stored) return err('forbidden');
  if (stored.publicKey !== input.publicKey) return err('device-key-set');
  return ok(stored);
}

function keyRows(db: Kysely<Database>, deviceId?: string) {
  let query = db
    .selectFrom('device_keys')
    .innerJoin('devices', 'devices.id', 'device_keys.device_id')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select([
      'device_keys.device_id',
      'device_keys.public_key',
      'devices.name',
      'users.display_name',
      'users.communes',
      'users.role',
    ])
    .orderBy('device_keys.device_id');
  if (deviceId !== undefined) query = query.where('device_keys.device_id', '=', deviceId);
  return query.execute().then((rows) =>
    rows.map((r) => ({
      deviceId: r.device_id,
      deviceName: r.name,
      userName: r.display_name,
      publicKey: r.public_key,
      communes: parseCommunes(r.communes),
      role: r.role,
    })),
  );
}

/**
 * The keys of devices whose users share a commune with the viewer (an admin: every device), for
 * verifying receipts offline. Users who hold no roster (reports only) get none.
 */
export async function listDeviceKeys(db: Kysely<Database>, viewer: User): Promise<Result<DeviceKey[], 'forbidden'>> {
  if (!can(viewer, 'roster.pull')) return err('forbidden');
  const all = scopeOf(viewer).kind === 'all';
  const rows = await keyRows(db);
  return ok(
    rows
      .filter((r) => all || sharedCommunes(viewer, r.communes).length > 0)
      .map(({ deviceId, deviceName, userName, publicKey }) => ({ deviceId, deviceName, userName, publicKey })),
  );
}

/**
 * Checks a signed payment's receipt inside the op's transaction, after the op was applied: the
 * canonical text recomputed from the op (the person from the line, the day from `recordedAt`),
 * its signature with the device's key, and its place in the device's chain (the next number, the
 * last receipt's hash). Ops arrive in seq order per device, so the chain head read here is the
 * previous receipt. What does not hold is written as flags; the payment stays applied.
 */
export async function checkReceiptOnServer(
  trx: Transaction<Database>,
  ctx: PushContext,
  op: PaymentRecordOp,
): Promise<void> {
  const stamp = op.payload.receipt;
  if (!stamp) return;
  const stored = await getEntity(trx, 'payment-line', op.entityId);
  const line = stored ? readLine(stored.data) : undefined;
  if (!stored || !line || stored.communeCode === null) return;
  const facts = receiptFactsOfOp(op, stamp, line.beneficiaryId);
  if (!facts) return;
  const canonical = canonicalReceipt(facts);
  const hash = createHash('sha256').update(canonical, 'utf8').digest('hex');
  const deviceId = ctx.device.id;
  const keyRow = await trx
    .selectFrom('device_keys')
    .select('public_key')
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  const chain = await trx
    .selectFrom('receipt_chains')
    .select(['last_number', 'last_hash'])
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  const flags: ReceiptFlagCode[] = [];
  const key = keyRow ? await importKey(keyRow.public_key) : null;
  if (!key) flags.push('no-device-key');
  else if (
    !(await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      Buffer.from(stamp.signature, 'base64url'),
      encoder.encode(canonical),
    ))
  )
    flags.push('bad-signature');
  const last = chain ? Number(chain.last_number) : 0;
  const lastHash = chain ? chain.last_hash : null;
  if (stamp.number <= last) flags.push('repeated-number');
  else {
    if (stamp.number > last + 1) flags.push('gap');
    else if (stamp.previous !== lastHash) flags.push('broken-link');
    // The head moves on to this receipt: the next one is checked against it, so one missing
    // receipt is one flag, not a flag on every receipt after it.
    await trx
      .insertInto('receipt_chains')
      .values({ device_id: deviceId, last_number: stamp.number, last_hash: hash })
      .onConflict((oc) => oc.column('device_id').doUpdateSet({ last_number: stamp.number, last_hash: hash }))
      .execute();
  }
  if (flags.length === 0) return;
  await trx
    .insertInto('receipt_flags')
    .values(
      flags.map((code) => ({
        op_id: op.id,
        code,
        device_id: deviceId,
        number: stamp.number,
        expected: last + 1,
        line_id: op.entityId,
        commune_code: stored.communeCode ?? '',
        detected_at: ctx.receivedAt,
      })),
    )
    .onConflict((oc) => oc.columns(['op_id', 'code']).doNothing())
    .execute();
}

/** Flags in the viewer's communes, newest first (supervisors, admins). */
export async function listReceiptFlags(
  db: Kysely<Database>,
  viewer: User,
): Promise<Result<ReceiptFlag[], 'forbidden'>> {
  if (!can(viewer, 'conflicts.review')) return err('forbidden');
  const scope = scopeOf(viewer);
  let query = db
    .selectFrom('receipt_flags')
    .leftJoin('devices', 'devices.id', 'receipt_flags.device_id')
    .select([
      'receipt_flags.op_id',
      'receipt_flags.code',
      'receipt_flags.device_id',
      'receipt_flags.number',
      'receipt_flags.expected',
      'receipt_flags.line_id',
      'receipt_flags.commune_code',
      'receipt_flags.detected_at',
      'devices.name',
    ])
    .orderBy('receipt_flags.detected_at', 'desc')
    .orderBy('receipt_flags.op_id')
    .limit(1000);
  if (scope.kind === 'communes') {
    if (scope.codes.length === 0) return ok([]);
    query = query.where('receipt_flags.commune_code', 'in', [...scope.codes]);
  }
  const rows = await query.execute();
  return ok(
    rows
      .filter((r) => isInScope(viewer, r.commune_code))
      .map((r) => ({
        opId: r.op_id,
        deviceId: r.device_id,
        deviceName: r.name ?? '',
        code: r.code as ReceiptFlagCode,
        number: Number(r.number),
        expected: Number(r.expected),
        lineId: r.line_id,
        communeCode: r.commune_code,
        detectedAt: isoTime(Number(r.detected_at)),
      })),
  );
}
