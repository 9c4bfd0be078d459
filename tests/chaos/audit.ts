/**
 * The chaos run's verdict, read from the devices' outboxes and the server's SQLite file (opened
 * read-only): every op has exactly one server row and a final state, no line is paid twice, the
 * paid totals match what the devices were told, nothing is lost.
 */
import Database from 'better-sqlite3';
import type { OpResult, OutboxRow, PaymentLineRow } from '../../src/storage/app-db';

export type DeviceSnapshot = {
  key: string;
  username: string;
  deviceId: string;
  ops: OutboxRow[];
  lines: PaymentLineRow[];
  lastSeq: number;
};

export type AuditFigures = {
  /** Ops generated on the devices. */
  ops: number;
  applied: number;
  conflicts: number;
  rejected: number;
  /** Ops whose final answer was a `duplicate` (a retry or replay of a committed op). */
  duplicateAnswers: number;
  /** Payments counted by the server (lines paid during the run). */
  paidLines: number;
  /** Sum of counted payments on the server during the run, in đồng. */
  paidTotal: number;
  /** Ops missing on the server plus payments a device was told counted that the server does not count. */
  losses: number;
};

export type AuditResult = { figures: AuditFigures; violations: string[] };

export type ServerOp = {
  op_id: string;
  device_id: string;
  seq: number | null;
  type: string | null;
  entity_id: string | null;
  status: 'applied' | 'conflict' | 'rejected';
  code: string | null;
  envelope: string;
};

type LineData = {
  status: string;
  amount: number;
  payment?: { opId: string; amount: number } | null;
  conflicts?: { code: string; kind: string; counted?: boolean; fact: { opId: string } }[];
};

/** The outcome a result stands for: a duplicate stands for the first outcome (docs/protocol.md "Push"). */
export function finalStatus(result: OpResult | null): string | null {
  if (!result) return null;
  return result.status === 'duplicate' ? (result.code ?? 'duplicate?') : result.status;
}

const stateOfStatus: Record<string, OutboxRow['state']> = {
  applied: 'done',
  conflict: 'conflict',
  rejected: 'rejected',
};

/** Sum of counted payments on the server's lines (the baseline before a run, the total after). */
export function serverPaidTotal(sqliteFile: string): { total: number; lines: number } {
  const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    let total = 0;
    let lines = 0;
    for (const row of db.prepare("select data from entities where entity = 'payment-line' and deleted = 0").all() as {
      data: string;
    }[]) {
      const data = JSON.parse(row.data) as LineData;
      if (data.status === 'paid' && data.payment) {
        total += data.payment.amount;
        lines++;
      }
    }
    return { total, lines };
  } finally {
    db.close();
  }
}

/** What the audit reads from the server's database (SQLite here; PostgreSQL in the load test). */
export type ServerRows = {
  ops: readonly ServerOp[];
  lines: readonly { id: string; data: string }[];
  devices: readonly { id: string; last_seq_reported: number; max_seq_received: number }[];
  gaps: readonly { device_id: string; from_seq: number; to_seq: number }[];
  conflictOpIds: readonly string[];
};

export type AuditOptions = {
  devices: readonly DeviceSnapshot[];
  baseline: { total: number; lines: number };
  /** Ops made to be refused (wrong amount, other commune, unknown line): must end rejected. */
  mustBeRejected: ReadonlySet<string>;
};

export function audit(options: AuditOptions & { sqliteFile: string }): AuditResult {
  const db = new Database(options.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const rows: ServerRows = {
      ops: db
        .prepare('select op_id, device_id, seq, type, entity_id, status, code, envelope from ops')
        .all() as ServerOp[],
      lines: db.prepare("select id, data from entities where entity = 'payment-line' and deleted = 0").all() as {
        id: string;
        data: string;
      }[],
      devices: db.prepare('select id, last_seq_reported, max_seq_received from devices').all() as ServerRows['devices'],
      gaps: db.prepare('select device_id, from_seq, to_seq from seq_gaps').all() as ServerRows['gaps'],
      conflictOpIds: (db.prepare('select op_id from conflicts').all() as { op_id: string }[]).map((r) => r.op_id),
    };
    return auditRows(rows, options);
  } finally {
    db.close();
  }
}

/** The checks themselves, over rows read from either database. */
export function auditRows(rows: ServerRows, options: AuditOptions): AuditResult {
  const violations: string[] = [];
  const serverOps = rows.ops;
  const lineRows = rows.lines;
  const deviceRows = rows.devices;
  const gaps = rows.gaps;
  const conflictOps = new Set(rows.conflictOpIds);

  const byId = new Map<string, ServerOp[]>();
  for (const op of serverOps) byId.set(op.op_id, [...(byId.get(op.op_id) ?? []), op]);
  const lines = new Map(lineRows.map((r) => [r.id, JSON.parse(r.data) as LineData]));

  const figures: AuditFigures = {
    ops: 0,
    applied: 0,
    conflicts: 0,
    rejected: 0,
    duplicateAnswers: 0,
    paidLines: 0,
    paidTotal: 0,
    losses: 0,
  };
  const deviceOpIds = new Set<string>();
  /** Payments each device was told count: applied, or paid to an inactive beneficiary (counted, flagged). */
  const toldCounted = new Map<string, { amount: number; line: string; device: string }>();

  for (const device of options.devices) {
    const deviceRow = deviceRows.find((d) => d.id === device.deviceId);
    for (const op of device.ops) {
      figures.ops++;
      deviceOpIds.add(op.id);
      const where = `${device.key}(${device.username}) op #${op.seq} ${op.type} ${op.entityId} [${op.id}]`;
      // 1. Every op generated has exactly one row on the server.
      const rows = byId.get(op.id) ?? [];
      if (rows.length !== 1) {
        violations.push(`${where}: ${rows.length} server rows (expected exactly 1)`);
        if (rows.length === 0) figures.losses++;
      }
      // 2. Every op has a final state on the device; none is left pending.
      const status = finalStatus(op.result);
      if (op.state === 'pending' || status === null) {
        violations.push(`${where}: still pending on the device after the final sync`);
        continue;
      }
      if (op.result?.status === 'duplicate') figures.duplicateAnswers++;
      if (status === 'applied') figures.applied++;
      else if (status === 'conflict') figures.conflicts++;
      else if (status === 'rejected') figures.rejected++;
      // 3. The device's final state is the server's recorded outcome.
      const row = rows[0];
      if (row) {
        if (row.status !== status)
          violations.push(`${where}: device says ${status}, server recorded ${row.status} ${row.code ?? ''}`);
        if (stateOfStatus[row.status] !== op.state)
          violations.push(`${where}: device state ${op.state} but server status ${row.status}`);
        if (row.device_id !== device.deviceId) violations.push(`${where}: server row names device ${row.device_id}`);
        if (row.status !== 'rejected' || row.code !== 'seq-reused') {
          if (Number(row.seq) !== op.seq) violations.push(`${where}: server seq ${String(row.seq)} ≠ ${op.seq}`);
        }
        if (row.status === 'conflict' && !conflictOps.has(op.id))
          violations.push(`${where}: conflict without a row in the conflicts table`);
      }
      if (options.mustBeRejected.has(op.id) && status !== 'rejected')
        violations.push(`${where}: a malformed/forbidden op ended ${status}, not rejected`);
      const counted =
        op.type === 'payment.record' &&
        (status === 'applied' || (status === 'conflict' && (row?.code ?? op.result?.code) === 'beneficiary-inactive'));
      if (counted) {
        const amount = Number((op.envelope['payload'] as { amount?: number } | undefined)?.amount ?? NaN);
        toldCounted.set(op.id, { amount, line: op.entityId, device: device.key });
      }
    }
    // 4. The server heard every seq the device made, and logged no false gap.
    if (!deviceRow) violations.push(`${device.key}: the server has no device row for ${device.deviceId}`);
    else if (device.ops.length > 0 && Number(deviceRow.max_seq_received) !== device.lastSeq)
      violations.push(
        `${device.key}: server max seq received ${deviceRow.max_seq_received}, device made ${device.lastSeq}`,
      );
    for (const g of gaps.filter((x) => x.device_id === device.deviceId))
      violations.push(`${device.key}: seq gap ${g.from_seq}–${g.to_seq} left on the server although every op arrived`);
    // 5. After the last pull every device shows the server's status for each of its lines.
    for (const local of device.lines) {
      const server = lines.get(local.id);
      if (server && server.status !== local.status)
        violations.push(
          `${device.key}: line ${local.id} is ${local.status} on the device, ${server.status} on the server`,
        );
    }
  }

  // 6. No server op that no device made (a replay never creates a row).
  for (const op of serverOps)
    if (!deviceOpIds.has(op.op_id)) violations.push(`server op ${op.op_id} (${String(op.type)}) made by no device`);

  // 7. No line has two counted payments; a paid line's payment is a counted op of that line.
  const countedByLine = new Map<string, string[]>();
  for (const op of serverOps) {
    if (op.type !== 'payment.record' || op.entity_id === null) continue;
    if (op.status === 'applied' || (op.status === 'conflict' && op.code === 'beneficiary-inactive'))
      countedByLine.set(op.entity_id, [...(countedByLine.get(op.entity_id) ?? []), op.op_id]);
  }
  for (const [line, ops] of countedByLine)
    if (ops.length > 1) violations.push(`line ${line} has ${ops.length} accepted payments: ${ops.join(', ')}`);
  const serverCounted = new Map<string, number>();
  let paidTotal = 0;
  let paidLines = 0;
  for (const [id, data] of lines) {
    if ((data.status === 'paid') !== Boolean(data.payment))
      violations.push(`line ${id}: status ${data.status} with payment ${JSON.stringify(data.payment ?? null)}`);
    if (data.status !== 'paid' || !data.payment) continue;
    paidTotal += data.payment.amount;
    paidLines++;
    serverCounted.set(data.payment.opId, data.payment.amount);
    const accepted = countedByLine.get(id) ?? [];
    if (deviceOpIds.has(data.payment.opId) && !accepted.includes(data.payment.opId))
      violations.push(`line ${id}: counted payment ${data.payment.opId} is not an accepted op of the line`);
    const countedFlags = (data.conflicts ?? []).filter((c) => c.kind === 'payment' && c.counted);
    if (countedFlags.some((c) => c.fact.opId !== data.payment?.opId))
      violations.push(`line ${id}: a conflict is marked counted besides the line's payment`);
  }
  figures.paidTotal = paidTotal - options.baseline.total;
  figures.paidLines = paidLines - options.baseline.lines;

  // 8. Paid totals: what the server counts equals what the devices were told counts.
  for (const [id, told] of toldCounted) {
    if (serverCounted.get(id) !== told.amount) {
      figures.losses++;
      violations.push(`${told.device}: payment ${id} on ${told.line} was accepted but the server does not count it`);
    }
  }
  const toldTotal = [...toldCounted.values()].reduce((s, t) => s + t.amount, 0);
  if (toldTotal !== figures.paidTotal)
    violations.push(`paid totals differ: server ${figures.paidTotal} đ, devices' accepted payments ${toldTotal} đ`);
  for (const [id] of serverCounted)
    if (!toldCounted.has(id) && deviceOpIds.has(id))
      violations.push(`server counts payment ${id} but its device was not told it was accepted`);

  return { figures, violations };
}
