/**
 * The documents of a run, read from the real server's pull API (as the supervisor sees them), and
 * written out for the peer (PouchDB documents) and the floor (the rows the app stores).
 */
import { writeFileSync } from 'node:fs';
import type { BeneficiaryData } from '../../../src/protocol/entities';
import { toBeneficiaryRow } from '../../../src/storage/roster-row';

export type Change = {
  entity: string;
  id: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown> | null;
};

export type Login = { token: string; deviceId: string; userId: string };

export async function login(baseUrl: string, username = 'supervisor', password = 'demo1234'): Promise<Login> {
  const deviceId = crypto.randomUUID();
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, username, password, device: { id: deviceId, name: 'bench' } }),
  });
  if (!response.ok) throw new Error(`login failed: ${String(response.status)} ${await response.text()}`);
  const body = (await response.json()) as { token: string; user: { id: string } };
  return { token: body.token, deviceId, userId: body.user.id };
}

export async function pullEverything(baseUrl: string, token: string): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor: string | null = null;
  for (;;) {
    const q = new URLSearchParams({ limit: '5000' });
    if (cursor) q.set('cursor', cursor);
    const response = await fetch(`${baseUrl}/api/sync/pull?${q.toString()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`pull failed: ${String(response.status)}`);
    const page = (await response.json()) as { cursor: string; hasMore: boolean; changes: Change[] };
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}

const TABLES: Record<string, string> = {
  commune: 'communes',
  beneficiary: 'beneficiaries',
  period: 'periods',
  'payment-line': 'paymentLines',
};

/** The rows the app would store for these changes (beneficiaries with tokens and sort key). */
export function floorRows(changes: readonly Change[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = { communes: [], beneficiaries: [], periods: [], paymentLines: [] };
  for (const c of changes) {
    const table = TABLES[c.entity];
    if (!table || c.deleted || !c.data) continue;
    const row =
      c.entity === 'beneficiary'
        ? toBeneficiaryRow(c.id, c.version, c.data as unknown as BeneficiaryData)
        : { ...c.data, id: c.id, version: c.version };
    out[table]?.push(row);
  }
  return out;
}

/** The same changes as CouchDB documents: one per entity, its data as fields. */
export function pouchDocs(changes: readonly Change[]): Record<string, unknown>[] {
  return changes
    .filter((c) => !c.deleted && c.data)
    .map((c) => ({ ...c.data, _id: `${c.entity}:${c.id}`, entity: c.entity, version: c.version }));
}

export function writeJson(file: string, value: unknown): number {
  const text = JSON.stringify(value);
  writeFileSync(file, text);
  return text.length;
}
