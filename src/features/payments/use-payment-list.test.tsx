import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { paymentLineData } from '../../../tests/builders/beneficiary';
import { freshTestDb, testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { AppDb } from '../../storage/app-db';
import { ServicesProvider } from '../../ui/services';
import { usePaymentList, type PaymentList } from './use-payment-list';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let root: Root;
let latest: PaymentList | undefined;

function Harness({ chosen }: { chosen: string | null }) {
  latest = usePaymentList(chosen);
  return null;
}

function render(chosen: string | null) {
  act(() =>
    root.render(
      <ServicesProvider services={testServices(db, { clock: { now: () => Date.parse('2026-12-15T03:00:00Z') } })}>
        <Harness chosen={chosen} />
      </ServicesProvider>,
    ),
  );
}

beforeEach(async () => {
  db = freshTestDb();
  const line = (id: string, periodId: string) => ({
    id,
    version: 1,
    ...paymentLineData({ beneficiaryId: `b-${id}`, periodId }),
  });
  await db.paymentLines.bulkPut([line('nov', '2026-11'), line('dec', '2026-12'), line('jan', '2027-01')]);
  root = createRoot(document.createElement('div'));
  latest = undefined;
});
afterEach(async () => {
  act(() => root.unmount());
  await db.delete();
});

test('the list opens on the month being paid, not on next month published early', async () => {
  render(null);
  await until(() => expect(latest?.periodId).toBe('2026-12'));
  expect(latest?.months).toEqual(['2026-11', '2026-12', '2027-01']);
  expect(latest?.items.map((i) => i.line.id)).toEqual(['dec']);
});

test('a chosen month shows its lines; a month the device has no lines of falls back', async () => {
  render('2027-01');
  await until(() => expect(latest?.items.map((i) => i.line.id)).toEqual(['jan']));
  render('2030-01');
  await until(() => expect(latest?.periodId).toBe('2026-12'));
});
