// The demo month's list (README "Monthly lists"): made from the seeded server, it imports cleanly
// through the client's transport, with the month's changes it promises.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { demoListFile, demoPeople } from '../../src/server/lists/demo-list';
import { PHU_BAI } from '../../src/server/seed/demo';
import type { Harness } from '../../src/server/testing/harness';
import type { Transport } from '../../src/sync/transport';
import { demoServer } from '../builders/demo-server';

let harness: Harness;
let transport: Transport;
beforeEach(async () => {
  ({ harness, transport } = await demoServer(120));
});
afterEach(() => harness.close());

test('next month’s demo list imports with no error: one leaves, one arrives, one is owed arrears', async () => {
  const people = await demoPeople(harness.db.kysely, PHU_BAI, '2026-12');
  expect(people.length).toBeGreaterThan(5);
  const file = demoListFile(people, '2026-12', 'Phường Phú Bài');
  const officer = await transport.login({
    username: 'officer',
    password: 'demo1234',
    device: { id: 'dev-office', name: 'Máy văn phòng' },
  });
  const answer = await transport.importList(officer.token, {
    commune: PHU_BAI,
    period: '2026-12',
    fileName: 'danh-sach-19960-2026-12.xlsx',
    file: new Blob([file.slice().buffer]),
  });
  expect(answer.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(answer.status).toBe('draft');
  expect(answer.diff.increases).toBe(1);
  expect(answer.diff.decreases).toBeGreaterThanOrEqual(1);
  expect(answer.diff.adjustments).toBeGreaterThanOrEqual(1);
  const { previous, increases, decreases, adjustments, current } = answer.diff.money;
  expect(previous + increases - decreases + adjustments).toBe(current);
  const detail = await transport.getList(officer.token, answer.listId ?? '');
  expect(detail.lines.find((l) => l.kind === 'increase')?.fullName).toBe('Phạm Thị Lài');
});
