// The sync API spoken over fetch from the test process: to check what the server holds after
// the browser synced (as a supervisor, or as the same user on another device), never via the UI.
import { randomUUID } from 'node:crypto';

export type ApiSession = {
  baseUrl: string;
  token: string;
  /** The device the token is bound to: a push must name it. */
  deviceId: string;
  user: { id: string; role: string; communes: string[] };
};

async function call<T>(
  baseUrl: string,
  path: string,
  init: { method: string; token?: string; body?: unknown },
): Promise<{ status: number; json: T }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method: init.method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, json: (await res.json()) as T };
}

/** Signs in as `username` on a device of its own (never the browser's). */
export async function apiLogin(baseUrl: string, username: string, password = 'demo1234'): Promise<ApiSession> {
  const deviceId = `e2e-api-${randomUUID()}`;
  const { status, json } = await call<{ token: string; user: ApiSession['user'] }>(baseUrl, '/api/auth/login', {
    method: 'POST',
    body: { protocol: 1, username, password, device: { id: deviceId, name: 'e2e API' } },
  });
  if (status !== 200) throw new Error(`login of ${username} answered ${status}: ${JSON.stringify(json)}`);
  return { baseUrl, token: json.token, deviceId, user: json.user };
}

export async function apiGet<T>(s: ApiSession, path: string): Promise<T> {
  const { status, json } = await call<T>(s.baseUrl, path, { method: 'GET', token: s.token });
  if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(json)}`);
  return json;
}

export async function apiPost<T>(s: ApiSession, path: string, body: unknown = { protocol: 1 }): Promise<T> {
  const { status, json } = await call<T>(s.baseUrl, path, { method: 'POST', token: s.token, body });
  if (status !== 200) throw new Error(`POST ${path} answered ${status}: ${JSON.stringify(json)}`);
  return json;
}

export type PulledChange = { entity: string; id: string; version: number; deleted: boolean; data: unknown };

/** The latest pulled version of every entity in the user's scope, by `${entity}:${id}`. */
export async function pullScope(s: ApiSession): Promise<Map<string, PulledChange>> {
  const latest = new Map<string, PulledChange>();
  let cursor: string | null = null;
  for (;;) {
    const q = new URLSearchParams({ limit: '5000' });
    if (cursor) q.set('cursor', cursor);
    const page = await apiGet<{ cursor: string; hasMore: boolean; changes: PulledChange[] }>(
      s,
      `/api/sync/pull?${q.toString()}`,
    );
    for (const c of page.changes) latest.set(`${c.entity}:${c.id}`, c);
    cursor = page.cursor;
    if (!page.hasMore) return latest;
  }
}

/** The active people of a commune paid this month, as a user's device pulls them (oldest code first). */
export async function peoplePaidThisMonth<P extends { code?: string | null }>(
  s: ApiSession,
  commune: string,
  month: string,
): Promise<P[]> {
  const scope = [...(await pullScope(s)).values()];
  const paid = new Set(
    scope
      .filter((c) => c.entity === 'payment-line')
      .map((c) => c.data as { beneficiaryId: string; periodId: string })
      .filter((l) => l.periodId === month)
      .map((l) => l.beneficiaryId),
  );
  return scope
    .filter((c) => c.entity === 'beneficiary' && paid.has(c.id))
    .map((c) => c.data as P & { status: string; communeCode: string })
    .filter((p) => p.status === 'active' && p.communeCode === commune)
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
}

/** A pulled payment line with the history fields the server adds to it. */
export type PulledLine = {
  status: string;
  amount: number;
  payment: { opId: string; amount: number; receiver: { kind: string; fullName?: string; idNumber?: string } } | null;
  conflicts: { code: string; kind: string; counted?: boolean; fact: { opId: string } }[];
  voids: { opId: string; reason: string; voidedPayment: { opId: string } | null }[];
  missingBlobs: { sha256: string }[];
};

export async function pulledLine(s: ApiSession, lineId: string): Promise<PulledLine | undefined> {
  return (await pullScope(s)).get(`payment-line:${lineId}`)?.data as PulledLine | undefined;
}

export type DeviceView = {
  id: string;
  status: string;
  lastSeqReported: number;
  maxSeqReceived: number;
  pendingOps: number;
};

export async function deviceView(supervisor: ApiSession, deviceId: string): Promise<DeviceView | undefined> {
  const { devices } = await apiGet<{ devices: DeviceView[] }>(supervisor, '/api/devices');
  return devices.find((d) => d.id === deviceId);
}

export type ConflictSideView = {
  opId: string | null;
  deviceId: string | null;
  userName: string | null;
  deviceName: string | null;
  isCurrent: boolean;
};

export type ConflictView = {
  id: string;
  code: string;
  status: string;
  subject: { entity: string; id: string };
  beneficiaryName: string | null;
  opId: string;
  earlier: ConflictSideView;
  incoming: ConflictSideView;
  resolution: { opId: string; action: string; voidedOpId: string | null; reason: string | null } | null;
};

export async function openConflicts(supervisor: ApiSession): Promise<ConflictView[]> {
  return (await apiGet<{ conflicts: ConflictView[] }>(supervisor, '/api/conflicts?status=open&limit=1000')).conflicts;
}

export async function resolvedConflicts(supervisor: ApiSession): Promise<ConflictView[]> {
  return (await apiGet<{ conflicts: ConflictView[] }>(supervisor, '/api/conflicts?status=resolved&limit=1000'))
    .conflicts;
}
