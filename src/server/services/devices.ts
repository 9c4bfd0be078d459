/** Device status changes (admin screens come later; tests and the CLI use these now). */
import type { Kysely } from 'kysely';
import type { Database, DeviceStatus } from '../db/schema';

export async function setDeviceStatus(db: Kysely<Database>, deviceId: string, status: DeviceStatus): Promise<boolean> {
  const result = await db.updateTable('devices').set({ status }).where('id', '=', deviceId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
