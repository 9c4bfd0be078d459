/**
 * Devices for supervisors and admins (docs/protocol.md "Auth"): the list with seq progress and gaps,
 * and retiring or revoking a device. A supervisor sees devices whose user shares one of their
 * communes; an admin sees every device.
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { DeviceInfo } from '../../protocol/devices';
import { can, mayActOn, scopeOf, sharedCommunes } from '../../protocol/permissions';
import type { Database, DeviceStatus } from '../db/schema';
import { isoTime } from './push-context';
import { parseCommunes } from './users';

export async function setDeviceStatus(db: Kysely<Database>, deviceId: string, status: DeviceStatus): Promise<boolean> {
  const result = await db.updateTable('devices').set({ status }).where('id', '=', deviceId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listDevices(db: Kysely<Database>, viewer: User): Promise<Result<DeviceInfo[], 'forbidden'>> {
  if (!can(viewer, 'devices.manage')) return err('forbidden');
  const rows = await db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select([
      'devices.id',
      'devices.name',
      'devices.status',
      'devices.last_seq_reported',
      'devices.max_seq_received',
      'devices.last_seen_at',
      'devices.created_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.communes',
    ])
    .orderBy('devices.last_seen_at', 'desc')
    .orderBy('devices.id')
    .execute();
  const visible = rows.filter((r) => isVisibleTo(viewer, parseCommunes(r.communes)));
  const gaps = await gapsOf(
    db,
    visible.map((r) => r.id),
  );
  return ok(
    visible.map((r) => {
      const lastSeqReported = Number(r.last_seq_reported);
      const maxSeqReceived = Number(r.max_seq_received);
      return {
        id: r.id,
        name: r.name,
        status: r.status,
        user: { id: r.user_id, username: r.username, displayName: r.display_name, role: r.role },
        lastSeenAt: r.last_seen_at === null ? null : isoTime(Number(r.last_seen_at)),
        lastSeqReported,
        maxSeqReceived,
        pendingOps: Math.max(0, lastSeqReported - maxSeqReceived),
        gaps: gaps.get(r.id) ?? [],
        createdAt: isoTime(Number(r.created_at)),
      };
    }),
  );
}

export type DeviceChangeError = 'forbidden' | 'not-found';

/**
 * Retire (a final push is still accepted, then pull answers `device-retired`) or revoke (every
 * call answers `device-revoked`). A revoked device stays revoked: retiring it changes nothing.
 */
export async function changeDeviceStatus(
  db: Kysely<Database>,
  viewer: User,
  deviceId: string,
  status: 'retired' | 'revoked',
): Promise<Result<DeviceInfo, DeviceChangeError>> {
  if (!can(viewer, 'devices.manage')) return err('forbidden');
  const device = await db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select(['devices.status', 'users.communes', 'users.role'])
    .where('devices.id', '=', deviceId)
    .executeTakeFirst();
  // Out of scope looks like absent: a supervisor learns nothing about other provinces' devices.
  if (!device || !isVisibleTo(viewer, parseCommunes(device.communes))) return err('not-found');
  // Visible is not enough: a supervisor sharing one commune with an admin, or with a supervisor of
  // wider scope, does not act on their devices.
  if (!mayActOn(viewer, { role: device.role, communes: parseCommunes(device.communes) })) return err('forbidden');
  if (!(status === 'retired' && device.status === 'revoked')) {
    await setDeviceStatus(db, deviceId, status);
  }
  const listed = await listDevices(db, viewer);
  const info = listed.ok ? listed.value.find((d) => d.id === deviceId) : undefined;
  return info ? ok(info) : err('not-found');
}

function isVisibleTo(viewer: User, communes: readonly string[]): boolean {
  // An admin sees every device, also one whose user has no commune (another admin's).
  return scopeOf(viewer).kind === 'all' || sharedCommunes(viewer, communes).length > 0;
}

async function gapsOf(db: Kysely<Database>, deviceIds: readonly string[]): Promise<Map<string, DeviceInfo['gaps']>> {
  const map = new Map<string, DeviceInfo['gaps']>();
  if (deviceIds.length === 0) return map;
  const rows = await db
    .selectFrom('seq_gaps')
    .selectAll()
    .where('device_id', 'in', [...deviceIds])
    .orderBy('device_id')
    .orderBy('from_seq')
    .execute();
  for (const r of rows) {
    const list = map.get(r.device_id) ?? [];
    list.push({ fromSeq: Number(r.from_seq), toSeq: Number(r.to_seq), detectedAt: isoTime(Number(r.detected_at)) });
    map.set(r.device_id, list);
  }
  return map;
}
