/** `PUT /api/communes/:code/about-pilot`: who may set a commune's text, what is refused, what devices pull. */
import { describe, expect, test } from 'vitest';
import type { AboutPilot } from '../../domain/about-pilot';
import { createPushWorld, LOC_AN, PHU_BAI, type Actor, type World } from '../testing/push-world';

const about = (over: Partial<AboutPilot> = {}): AboutPilot => ({
  whatChanges: '  Từ tháng 1/2027, trợ cấp có thể nhận qua tài khoản.  ',
  openAccount: 'Mang thẻ căn cước đến điểm giao dịch Agribank.\n\n\n\nCán bộ xã giúp làm hồ sơ.',
  fees: 'Không mất phí mở tài khoản.',
  help: 'Hỏi cán bộ chính sách xã, điện thoại 0234 3861 111.',
  ...over,
});

const put = (w: World, who: Actor, commune: string, body: unknown) =>
  w.h.request(`/api/communes/${commune}/about-pilot`, { token: who.token, method: 'PUT', body });

const pulledAbout = async (w: World, who: Actor, commune: string) =>
  (await w.pull(who)).changes.find((c) => c.entity === 'commune' && c.id === commune)?.data?.['aboutPilot'];

describe('about the pilot', () => {
  test("a supervisor sets a commune's text, tidied; its devices pull it; null puts the default back", async () => {
    const w = await createPushWorld();
    const { supervisor, payer } = w.actors;
    const res = await put(w, supervisor, PHU_BAI, { protocol: 1, about: about() });
    expect(res.status).toBe(200);
    const tidy = about({
      whatChanges: 'Từ tháng 1/2027, trợ cấp có thể nhận qua tài khoản.',
      openAccount: 'Mang thẻ căn cước đến điểm giao dịch Agribank.\n\nCán bộ xã giúp làm hồ sơ.',
    });
    expect(await res.json()).toEqual({ protocol: 1, communeCode: PHU_BAI, about: tidy });
    expect(await pulledAbout(w, payer, PHU_BAI)).toEqual(tidy);
    expect((await put(w, supervisor, PHU_BAI, { protocol: 1, about: null })).status).toBe(200);
    expect(await pulledAbout(w, payer, PHU_BAI)).toBeNull();
    await w.h.close();
  });

  test('refused: an officer or payer, another commune, an empty or too long part, a malformed body', async () => {
    const w = await createPushWorld();
    const { officer, payer, supervisor } = w.actors;
    expect((await put(w, officer, PHU_BAI, { protocol: 1, about: about() })).status).toBe(403);
    expect((await put(w, payer, PHU_BAI, { protocol: 1, about: about() })).status).toBe(403);
    const other = await w.h.request(`/api/communes/${LOC_AN}/about-pilot`, {
      token: officer.token,
      method: 'PUT',
      body: { protocol: 1, about: about() },
    });
    expect(other.status).toBe(403);
    for (const bad of [about({ fees: '   ' }), about({ help: 'x'.repeat(2001) })]) {
      const res = await put(w, supervisor, PHU_BAI, { protocol: 1, about: bad });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid-about', message: expect.stringContaining('giới thiệu') as unknown },
      });
    }
    for (const body of [{ protocol: 1 }, { protocol: 1, about: { fees: 'x' } }, 'không phải JSON']) {
      const res = await put(w, supervisor, PHU_BAI, body);
      expect(res.status).toBe(400);
    }
    expect((await put(w, supervisor, '99999', { protocol: 1, about: about() })).status).toBe(403);
    // Nothing was written: the commune has no text of its own.
    expect(await pulledAbout(w, payer, PHU_BAI)).toBeUndefined();
    await w.h.close();
  });
});
