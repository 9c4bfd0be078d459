/**
 * Kysely types of the server database. Instants are epoch milliseconds (bigint columns),
 * flags are 0/1 integers and JSON is text, so one schema fits SQLite and PostgreSQL.
 */
import type { Role } from '../../domain/vocabulary';
import type { EntityKind } from '../../protocol/pull';

export const deviceStatuses = ['active', 'retired', 'revoked'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

export type UsersTable = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  /** JSON array of commune codes. */
  communes: string;
  password_hash: string;
  created_at: number;
  disabled: number;
};

export type DevicesTable = {
  id: string;
  user_id: string;
  name: string;
  status: DeviceStatus;
  /** Highest seq the device says it has made (sent or not). */
  last_seq_reported: number;
  /** Highest seq that actually arrived. */
  max_seq_received: number;
  last_seen_at: number | null;
  created_at: number;
};

export type TokensTable = {
  /** sha256 (hex) of the opaque token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  device_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
};

export type LoginFailuresTable = { username: string; at: number };

export type SettingsTable = { key: string; value: string };

export type EntitiesTable = {
  entity: EntityKind;
  id: string;
  /** Null: global (periods, settings), sent to everyone. */
  commune_code: string | null;
  version: number;
  /** Global change sequence, allocated inside the writing transaction (SYNC.md). */
  change_seq: number;
  deleted: number;
  /** JSON text of the entity data; null when deleted. */
  data: string | null;
  updated_at: number;
};

export type ChangeCounterTable = { id: number; value: number };

export type Database = {
  users: UsersTable;
  devices: DevicesTable;
  tokens: TokensTable;
  login_failures: LoginFailuresTable;
  settings: SettingsTable;
  entities: EntitiesTable;
  change_counter: ChangeCounterTable;
};
