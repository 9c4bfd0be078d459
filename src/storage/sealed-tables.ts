/**
 * Dexie middleware that seals rows at rest (issue 13; row-cipher.ts, keyring.ts). It sits at the
 * bottom of Dexie's stack, under Dexie's own middlewares and ours: everything above sees plain
 * rows, IndexedDB sees `{ primary key, indexed fields, [SEALED]: bytes }`. The indexed fields
 * stay readable because IndexedDB must index them; they are ids, codes and states, never names,
 * ID numbers, phones or accounts (app-db.ts version 5 dropped the one that was: `sortKey`).
 *
 * Rows without the sealed field (written before the device had a vault) read as they are.
 */
import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { DeviceLockedError, type Keyring } from './keyring';
import { openRow, sealRow } from './row-cipher';

export const SEALED = '$sealed';

/** Keys of `kv` that stay unsealed: what the lock screen and the lease need before an unlock. */
const PLAIN_KV = new Set([
  'vault',
  'deviceId',
  'lastUser',
  'lastSyncAt',
  'leaseDays',
  'wipedReason',
  'persisted',
  'opSeq',
  'pullCursor',
  'pullApplied',
  'rosterFoldBase',
  'idleLockMinutes',
]);

/** Tables whose rows hold personal data, and which of their rows to seal. */
const SEALED_TABLES: ReadonlyMap<string, (primaryKey: unknown) => boolean> = new Map([
  ['beneficiaries', () => true],
  ['shadows', () => true],
  ['outbox', () => true],
  ['blobs', () => true],
  ['paymentLines', () => true],
  ['idChecks', () => true],
  ['conflicts', () => true],
  ['kv', (key: unknown) => !PLAIN_KV.has(String(key))],
]);

export const isSealed = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && SEALED in value;

function sealedTable(table: DBCoreTable, keyring: Keyring, shouldSeal: (key: unknown) => boolean): DBCoreTable {
  const { name, primaryKey, indexes } = table.schema;
  const keyPath = primaryKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`sealed table ${name} needs a simple primary key`);
  const plain = [
    ...new Set([keyPath, ...indexes.flatMap((i) => [i.keyPath ?? []].flat()).map((p) => p.split('.')[0] ?? p)]),
  ];

  const seal = (value: Record<string, unknown>): Record<string, unknown> => {
    const key = value[keyPath];
    if (!shouldSeal(key)) return value;
    const raw = keyring.rawKeyForWrite();
    if (!raw) return value;
    const out: Record<string, unknown> = {};
    for (const field of plain) if (field in value) out[field] = value[field];
    out[SEALED] = sealRow(raw, name, key, value);
    return out;
  };
  const open = (value: unknown): unknown => {
    if (!isSealed(value)) return value;
    return openRow(keyring.rawKey(), name, value[keyPath], value[SEALED] as Uint8Array);
  };
  const wrap = (cursor: DBCoreCursor): DBCoreCursor =>
    Object.create(cursor, {
      key: { get: (): unknown => cursor.key },
      primaryKey: { get: (): unknown => cursor.primaryKey },
      value: { get: () => open(cursor.value) },
    }) as DBCoreCursor;

  return {
    ...table,
    mutate: (req) =>
      req.type === 'add' || req.type === 'put'
        ? table.mutate({ ...req, values: req.values.map((v) => seal(v as Record<string, unknown>)) })
        : table.mutate(req),
    get: (req) => table.get(req).then(open),
    getMany: (req) => table.getMany(req).then((values) => values.map(open)),
    query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(open) } : res)),
    openCursor: (req) => table.openCursor(req).then((cursor) => cursor && wrap(cursor)),
  };
}

export function sealedTablesMiddleware(keyring: Keyring): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'sealed-tables',
    // Under Dexie's own middlewares (the lowest is -1): they see plain rows.
    level: -2,
    create: (down) => {
      const made = new Map<string, DBCoreTable>();
      return {
        ...down,
        table: (name) => {
          const shouldSeal = SEALED_TABLES.get(name);
          if (!shouldSeal) return down.table(name);
          let table = made.get(name);
          if (!table) made.set(name, (table = sealedTable(down.table(name), keyring, shouldSeal)));
          return table;
        },
      };
    },
  };
}

export { DeviceLockedError };
