/** `PUT /api/communes/:code/payment-points`: who may set a schedule, what is refused, what devices pull. */
import { describe, expect, test } from 'vitest';
import type { PaymentPoint } from '../../domain/payment-points';
import { paymentScheduleSchema } from '../../protocol/payment-points';
import { createPushWorld, LOC_AN, PHU_BAI, type Actor, type World } from '../testing/push-world';

const point = (over: Partial<PaymentPoint> = {}): PaymentPoint => ({
  id: 'p1',
  name: ' Nhà văn hóa tổ 5 ',
  address: 'Tổ 5, Phú Bài',
  days: ['2026-12-06', '2026-12-05'],
  from: '07:30',
  to: '11:00',
  villages: ['Tổ 5'],
  payerIds: ['user-payer'],
  ...over,
});

const put = (w: World, who: Actor, commune: string, points: PaymentPoint[]) =>
  w.h.request(`/api/communes/${commune}/payment-points`, {
    token: who.token,
    method: 'PUT',
    body: { protocol: 1, schedule: { month: '2026-12', points } },
  });

describe('payment points and days', () => {
  test("an officer sets the commune's schedule; its devices pull it with the commune", async () => {
    const w = await createPushWorld();
    const res = await put(w, w.actors.officer, PHU_BAI, [point()]);
    expect(res.status).toBe(200);
    const { changes } = await w.pull(w.actors.payer);
    const commune = changes.find((c) => c.entity === 'commune' && c.id === PHU_BAI)?.data;
    expect(paymentScheduleSchema.parse(commune?.['paymentSchedule'])).toEqual({
      month: '2026-12',
      points: [point({ name: 'Nhà văn hóa tổ 5', days: ['2026-12-05', '2026-12-06'] })],
    });
    await w.h.close();
  });

  test('refused: a payer, another commune, a bad schedule, a payer of no use here', async () => {
    const w = await createPushWorld();
    const { officer, payer } = w.actors;
    expect((await put(w, payer, PHU_BAI, [point()])).status).toBe(403);
    expect((await put(w, officer, LOC_AN, [point()])).status).toBe(403);
    for (const bad of [
      point({ days: ['2026-11-30'] }),
      point({ from: '11:00', to: '07:00' }),
      point({ villages: ['Thôn không có'] }),
      point({ payerIds: ['user-officer'] }),
    ]) {
      const res = await put(w, officer, PHU_BAI, [bad]);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid-schedule', message: expect.stringContaining('điểm chi trả') as unknown },
      });
    }
    // Nothing was written: the commune has no schedule.
    const { changes } = await w.pull(payer);
    expect(changes.find((c) => c.entity === 'commune' && c.id === PHU_BAI)?.data).not.toHaveProperty('paymentSchedule');
    await w.h.close();
  });
});
